package org.recloop.analysis.report;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of a family of p-values (Holm 1979). A paired table tests every
 * arm on every metric, so some interval would exclude zero by chance alone; the adjusted p-values
 * control the family-wise error rate (the chance of any false positive in the family) without
 * assuming the tests independent, and are uniformly less conservative than Bonferroni.
 *
 * <p>With the m p-values sorted ascending, {@code p(1) <= ... <= p(m)}, the adjusted value of
 * {@code p(i)} is {@code max over j <= i of min(1, (m - j + 1)·p(j))}: each is at least the one
 * before, so the order is kept. NaN p-values (no test) are not in the family and stay NaN.
 */
final class Holm {

    private Holm() {}

    /** The adjusted p-values, in the order of {@code p}. */
    static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] tested = Arrays.copyOf(order, m);
        Arrays.sort(tested, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = tested[k];
            running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
