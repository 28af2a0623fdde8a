package org.recloop.recommenders;

/**
 * The inner loop of dense serving: dot products of a few query vectors (users, centroids) with a
 * block of item rows.
 *
 * <p>Four queries are scored per pass over the item rows: each item row is loaded once for all
 * four, and the four running sums are independent, so the processor overlaps their additions
 * instead of waiting on one chain of dependent adds (about 2-3x the single-query loop on the
 * development machine, {@code recloop bench --workload chaney}). Every sum starts from the item's
 * bias (or 0) and adds the products in dimension order, exactly like the one-query loop, so a
 * score is bit-for-bit the same whichever group its query was scored in: serving does not depend
 * on how users fall into groups, chunks or threads.
 */
public final class DenseScores {
    private DenseScores() {}

    /** Queries per pass. */
    public static final int GROUP = 4;

    /**
     * Scores item rows {@code [i0, i1)} of {@code y} (row-major, {@code d} floats per row) for the
     * queries starting at offsets {@code q[0..nq)} of {@code x}:
     * {@code out[g * stride + (i - i0)] = bias[i] + Σ_f x[q[g] + f] · y[i·d + f]} (bias 0 when
     * {@code bias} is null).
     *
     * @param nq number of queries, at most {@code q.length}; any number (groups of four, then
     *     one at a time; when three are left and {@code out} has room for a fourth row, one
     *     four-query pass whose fourth row is scratch)
     */
    public static void score(float[] x, int[] q, int nq, int d, float[] y, int i0, int i1, float[] bias,
            float[] out, int stride) {
        int g = 0;
        for (; g + GROUP <= nq; g += GROUP) {
            score4(x, q[g], q[g + 1], q[g + 2], q[g + 3], d, y, i0, i1, bias, out, g * stride, stride);
        }
        if (nq - g == 3 && out.length >= (g + GROUP) * stride) {
            // three left: one four-query pass (the fourth repeats the third into spare room of
            // out) costs less than three one-query passes, and gives the same sums
            score4(x, q[g], q[g + 1], q[g + 2], q[g + 2], d, y, i0, i1, bias, out, g * stride, stride);
            return;
        }
        for (; g < nq; g++) {
            score1(x, q[g], d, y, i0, i1, bias, out, g * stride);
        }
    }

    private static void score4(float[] x, int a0, int a1, int a2, int a3, int d, float[] y, int i0, int i1,
            float[] bias, float[] out, int o, int stride) {
        for (int i = i0; i < i1; i++) {
            float b = bias == null ? 0f : bias[i];
            float s0 = b;
            float s1 = b;
            float s2 = b;
            float s3 = b;
            int yo = i * d;
            for (int f = 0; f < d; f++) {
                float yv = y[yo + f];
                s0 += x[a0 + f] * yv;
                s1 += x[a1 + f] * yv;
                s2 += x[a2 + f] * yv;
                s3 += x[a3 + f] * yv;
            }
            int c = o + i - i0;
            out[c] = s0;
            out[c + stride] = s1;
            out[c + 2 * stride] = s2;
            out[c + 3 * stride] = s3;
        }
    }

    private static void score1(float[] x, int a, int d, float[] y, int i0, int i1, float[] bias, float[] out, int o) {
        for (int i = i0; i < i1; i++) {
            float s = bias == null ? 0f : bias[i];
            int yo = i * d;
            for (int f = 0; f < d; f++) {
                s += x[a + f] * y[yo + f];
            }
            out[o + i - i0] = s;
        }
    }
}
