package org.recloop.recommenders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseScoresTest {

    /** The one-query loop the kernel must reproduce bit for bit: bias first, then products in order. */
    private static float naive(float[] x, int a, int d, float[] y, int i, float[] bias) {
        float s = bias == null ? 0f : bias[i];
        for (int f = 0; f < d; f++) {
            s += x[a + f] * y[i * d + f];
        }
        return s;
    }

    @Test
    void everyGroupSizeGivesTheOneQueryScoresExactly() {
        SplittableRandom r = new SplittableRandom(7);
        int d = 13;
        int items = 37;
        int queries = 11;
        float[] x = new float[queries * d];
        float[] y = new float[items * d];
        float[] bias = new float[items];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < items; i++) {
            bias[i] = (float) r.nextGaussian();
        }
        for (float[] b : new float[][] {null, bias}) {
            // every count 0..queries, queries in a scrambled order, an item range not starting at 0
            for (int nq = 0; nq <= queries; nq++) {
                int[] q = new int[nq];
                for (int g = 0; g < nq; g++) {
                    q[g] = ((g * 7) % queries) * d;
                }
                int i0 = 3;
                int i1 = items - 2;
                int stride = i1 - i0 + 5;
                // exactly nq rows, and one spare row (lets three queries share a four-query pass)
                for (int rows : new int[] {Math.max(1, nq), nq + 1}) {
                    float[] out = new float[rows * stride];
                    DenseScores.score(x, q, nq, d, y, i0, i1, b, out, stride);
                    for (int g = 0; g < nq; g++) {
                        for (int i = i0; i < i1; i++) {
                            // bit-for-bit: serving must not depend on how users fall into groups
                            assertThat(Float.floatToIntBits(out[g * stride + i - i0]))
                                    .as("query %d item %d of %d queries", g, i, nq)
                                    .isEqualTo(Float.floatToIntBits(naive(x, q[g], d, y, i, b)));
                        }
                        // the padding past i1 - i0 in each row is left alone
                        assertThat(out[g * stride + (i1 - i0)]).isZero();
                    }
                }
            }
        }
    }
}
