package org.recloop.recommenders.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.recloop.core.world.Catalog;

/**
 * The fast paths of content-nnls give the same floats as the plain ones: profiles solved many at
 * a time (and on a pool) equal the one-problem solver's, and feature-major scores equal the
 * item-major dot product, bit for bit, so runs keep their logs.
 */
class SharedGramNnlsTest {

    /** A Gram matrix of nearly one-hot attributes (as in the Chaney world) and sparse count vectors. */
    private static double[] gram(SplittableRandom rnd, int d, int items) {
        double[] g = new double[d * d];
        for (int i = 0; i < items; i++) {
            double[] a = attributes(rnd, d);
            for (int x = 0; x < d; x++) {
                for (int y = 0; y < d; y++) {
                    g[x * d + y] += a[x] * a[y];
                }
            }
        }
        return g;
    }

    private static double[] attributes(SplittableRandom rnd, int d) {
        double[] a = new double[d];
        a[rnd.nextInt(d)] = 1;
        for (int x = 0; x < d; x++) {
            a[x] += rnd.nextDouble() < 0.5 ? 0 : Math.pow(rnd.nextDouble(), 8) * 1e-2;
        }
        return a;
    }

    @Test
    void manyProfilesAtOnceAreBitForBitTheOneProblemSolution() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        int d = 20;
        double[] g = gram(rnd, d, 500);
        double[][] b = new double[300][]; // 300 problems: four full blocks of lanes and a partial one
        for (int u = 0; u < b.length; u++) {
            if (u % 7 == 3) {
                continue; // users without clicks get no profile
            }
            b[u] = new double[d];
            for (int c = 0; c < 1 + rnd.nextInt(12); c++) {
                double[] a = attributes(rnd, d);
                for (int x = 0; x < d; x++) {
                    b[u][x] += a[x];
                }
            }
        }
        float[][] alone = SharedGramNnls.solveAll(g, b, d, 50, 1e-6, null, 1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        float[][] pooled;
        try {
            pooled = SharedGramNnls.solveAll(g, b, d, 50, 1e-6, pool, 3);
        } finally {
            pool.shutdown();
        }
        for (int u = 0; u < b.length; u++) {
            if (b[u] == null) {
                assertThat(alone[u]).as("user %d", u).isNull();
                assertThat(pooled[u]).as("user %d", u).isNull();
            } else {
                float[] one = NnlsContentRecommender.solve(g, b[u], 50, 1e-6);
                assertThat(alone[u]).as("user %d", u).containsExactly(one);
                assertThat(pooled[u]).as("user %d", u).containsExactly(one);
            }
        }
    }

    @Test
    void featureMajorScoresAreTheItemMajorDotProducts() {
        SplittableRandom rnd = new SplittableRandom(11);
        int d = 20;
        Catalog cat = new Catalog(d, 1000);
        for (int i = 0; i < 1000; i++) {
            double[] a = attributes(rnd, d);
            float[] f = new float[d];
            for (int x = 0; x < d; x++) {
                f[x] = (float) a[x];
            }
            cat.add(f, 0, i, 0.5f, 1, 0);
        }
        float[] th = new float[d];
        for (int x = 0; x < d; x++) {
            th[x] = rnd.nextInt(3) == 0 ? 0f : (float) rnd.nextDouble();
        }
        FeatureMajor fm = FeatureMajor.of(null, cat, 900);
        assertThat(FeatureMajor.of(fm, cat, 900)).isSameAs(fm);
        assertThat(FeatureMajor.of(fm, cat, 1000)).isNotSameAs(fm);
        float[][] profiles = {null, th, new float[d]};
        float[] out = new float[2 * 600];
        fm.block().score(profiles, new int[] {1, 2}, 2, 100, 612, out, 600);
        for (int i = 100; i < 612; i++) {
            assertThat(out[i - 100]).as("item %d", i).isEqualTo(cat.dot(i, th, 0));
            assertThat(out[600 + i - 100]).as("item %d", i).isEqualTo(0f);
        }
    }

    /**
     * Profile weights of zero skip their attribute's pass (NNLS profiles are mostly zeros); the
     * scores stay the dot products, down to signed zeros from negative attributes, and an infinite
     * attribute under a zero weight still makes the score NaN, as 0·∞ does in the dot product.
     */
    @Test
    void zeroWeightsChangeNoScoreBitEvenWithNegativeOrInfiniteAttributes() {
        int d = 4;
        float[][] rows = {{-1f, 0f, 2f, -0f}, {0f, -3f, 0f, 0f}, {1e-30f, -1e-30f, 5f, 1f}, {0f, 0f, 0f, 0f}};
        float[][] profiles = {{0f, 0.5f, 0f, 0f}, {-0f, 0f, 0f, 0f}, {1e-30f, 0f, 0f, 2f}};
        for (boolean infinite : new boolean[] {false, true}) {
            Catalog cat = new Catalog(d, rows.length + 1);
            for (float[] r : rows) {
                cat.add(r, 0, 0, 0.5f, 1, 0);
            }
            cat.add(new float[] {1f, 1f, infinite ? Float.POSITIVE_INFINITY : 7f, 1f}, 0, 0, 0.5f, 1, 0);
            FeatureMajor fm = FeatureMajor.of(null, cat, cat.size());
            float[] out = new float[profiles.length * cat.size()];
            fm.block().score(profiles, new int[] {0, 1, 2}, 3, 0, cat.size(), out, cat.size());
            for (int u = 0; u < profiles.length; u++) {
                for (int i = 0; i < cat.size(); i++) {
                    float want = cat.dot(i, profiles[u], 0);
                    float got = out[u * cat.size() + i];
                    if (Float.isNaN(want)) {
                        assertThat(got).as("user %d item %d", u, i).isNaN();
                    } else {
                        assertThat(Float.floatToIntBits(got)).as("user %d item %d", u, i)
                                .isEqualTo(Float.floatToIntBits(want));
                    }
                }
            }
        }
    }
}
