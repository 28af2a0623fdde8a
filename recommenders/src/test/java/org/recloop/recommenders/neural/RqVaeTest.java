package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;

class RqVaeTest {
    private static final int DIM = 16;
    private static final int ITEMS = 300;

    /** 300 unit vectors around 12 random centres (noise 0.3 per coordinate before normalising). */
    private static float[] clusteredVectors(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[][] centres = new float[12][DIM];
        for (float[] c : centres) {
            for (int f = 0; f < DIM; f++) {
                c[f] = (float) g.sample();
            }
        }
        float[] x = new float[ITEMS * DIM];
        for (int i = 0; i < ITEMS; i++) {
            double n = 0;
            for (int f = 0; f < DIM; f++) {
                x[i * DIM + f] = (float) (centres[i % 12][f] + 0.3 * g.sample());
                n += x[i * DIM + f] * x[i * DIM + f];
            }
            for (int f = 0; f < DIM; f++) {
                x[i * DIM + f] /= (float) Math.sqrt(n);
            }
        }
        return x;
    }

    private static RqVae trained(float[] x, long seed) {
        RqVae rq = new RqVae(DIM, 64, 8, 3, 8, 0.25f);
        UniformRandomProvider rng = new RandomStreams(seed).stream(7, 0, 0);
        try (NDManager m = TorchRuntime.engine().newBaseManager(TorchRuntime.resolve("cpu"))) {
            rq.train(TorchRuntime.engine(), m, x, 150, 64, 0.005f, rng);
        }
        return rq;
    }

    /**
     * The codes must carry the item: decoding an item's own codes has to reconstruct it much
     * better than decoding another item's codes (the same codes shuffled among the items, so the
     * baseline uses the same codewords equally often). Unit vectors around 12 centres: another
     * item's codes are mostly another cluster's, |x - x'|² near 2; its own near 0. A decoder that
     * ignored the codes (or codes that ignored the input) would make both errors equal.
     */
    @Test
    void ownCodesReconstructFarBetterThanShuffledCodes() {
        float[] x = clusteredVectors(new RandomStreams(11).stream(5, 0, 0));
        RqVae rq = trained(x, 1);
        int[] codes = rq.codes(x);
        int[] shuffled = codes.clone();
        UniformRandomProvider rng = new RandomStreams(3).stream(6, 0, 0);
        for (int i = ITEMS - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            for (int l = 0; l < 3; l++) {
                int t = shuffled[i * 3 + l];
                shuffled[i * 3 + l] = shuffled[j * 3 + l];
                shuffled[j * 3 + l] = t;
            }
        }
        double own = rq.reconstructionError(x, codes);
        double other = rq.reconstructionError(x, shuffled);
        System.out.printf("RQ-VAE reconstruction: own codes %.4f, shuffled codes %.4f%n", own, other);
        assertThat(own).isLessThan(0.25 * other).isLessThan(0.3);
    }

    @Test
    void semanticIdsAreUniqueAfterDisambiguation() {
        float[] x = clusteredVectors(new RandomStreams(12).stream(5, 0, 0));
        RqVae rq = trained(x, 2);
        SemanticIds ids = new SemanticIds(rq.codes(x), ITEMS, 3, 8);
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            long key = ids.prefixKey(i, ids.depth());
            assertThat(keys.add(key)).as("item %d has a tuple of its own", i).isTrue();
            assertThat(ids.item(key)).isEqualTo(i);
        }
        System.out.printf("largest RQ-VAE collision: %d items%n", ids.largestCollision());
        assertThat(ids.vocab(ids.depth() - 1)).isEqualTo(ids.largestCollision());
    }

    @Test
    void collidingTuplesGetAnExtraCodeInItemOrder() {
        // items 0, 2, 3 share (1, 0); item 1 has (0, 1)
        SemanticIds ids = new SemanticIds(new int[] {1, 0, 0, 1, 1, 0, 1, 0}, 4, 2, 2);
        assertThat(new int[] {ids.code(0, 2), ids.code(1, 2), ids.code(2, 2), ids.code(3, 2)}).containsExactly(0, 0, 1, 2);
        assertThat(ids.largestCollision()).isEqualTo(3);
        assertThat(ids.next(0, 0L)).containsExactly(0, 1);
        assertThat(ids.next(2, ids.prefixKey(0, 2))).containsExactly(0, 1, 2);
        assertThat(ids.next(2, ids.prefixKey(1, 2))).containsExactly(0);
    }
}
