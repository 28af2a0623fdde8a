package org.recloop.analysis.online;

import java.util.Arrays;

/** Concentration measures over non-negative counts. */
public final class Inequality {
    private Inequality() {}

    /**
     * Gini coefficient of the first {@code n} counts: 0 when all are equal, (n-1)/n when one
     * holds everything; 0 for an all-zero vector. Uses the sorted form
     * {@code G = Σ (2i - n - 1) x_(i) / (n Σ x)} with 1-based ranks i of the ascending order.
     */
    public static double gini(long[] counts, int n) {
        if (n <= 0) {
            return 0.0;
        }
        long[] x = Arrays.copyOf(counts, n);
        Arrays.sort(x);
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
        }
        return sum == 0 ? 0.0 : weighted / (n * sum);
    }
}
