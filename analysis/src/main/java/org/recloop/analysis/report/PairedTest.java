package org.recloop.analysis.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The paired t test and effect size of one comparison, from the per-seed differences. A sweep
 * compares arms on common random numbers, so the natural unit is the seed's difference {@code d};
 * with {@code n} differences of mean {@code m} and standard deviation {@code s} (n - 1 in the
 * denominator):
 * <ul>
 *   <li>Cohen's {@code d_z = m / s}: the mean difference in units of its own spread across seeds,
 *       comparable across metrics of different scales;</li>
 *   <li>the two-sided p-value of {@code t = m / (s / sqrt(n))} with {@code n - 1} degrees of
 *       freedom (the paired t test).</li>
 * </ul>
 * With fewer than two differences both are NaN. With {@code s = 0} the test degenerates: {@code
 * d_z} is NaN (no spread to measure in), and the p-value is 0 when every difference is the same
 * non-zero number and 1 when all are zero (the arms agree on every seed).
 */
record PairedTest(double dz, double p) {

    static final PairedTest NONE = new PairedTest(Double.NaN, Double.NaN);

    static PairedTest of(double[] d) {
        int n = d.length;
        if (n < 2) {
            return NONE;
        }
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0 || sd < Math.abs(mean) * 1e-15) {
            return new PairedTest(Double.NaN, mean == 0 ? 1.0 : 0.0);
        }
        double t = mean / (sd / Math.sqrt(n));
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        return new PairedTest(mean / sd, Math.min(1.0, p));
    }
}
