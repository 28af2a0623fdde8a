package org.recloop.recommenders.neural;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.serve.Interactions;

/**
 * Item vectors learnt from the log alone, for {@link TigerRecommender} when the items have no
 * titles: the top {@code k} right singular vectors of the user × item click matrix (each user row
 * scaled by {@code 1/sqrt(clicks)}, so heavy users do not dominate), scaled by the square roots
 * of their singular values and normalised to unit length.
 *
 * <p>Why a truncated SVD: items clicked by the same users get nearby vectors, which is what the
 * semantic IDs should share; it needs no training loop or tuning, and it never reads the world's
 * true item vectors (a recommender only sees the log). Computed by subspace iteration on
 * {@code AᵀA} ({@code iterations} rounds, modified Gram-Schmidt after each), started from a
 * Gaussian block drawn from the fit's stream: deterministic given the stream.
 */
final class CollaborativeItemVectors {
    private final int k;
    private final int iterations;
    private double[][] basis;

    CollaborativeItemVectors(int k, int iterations) {
        this.k = k;
        this.iterations = iterations;
    }

    int dimension() {
        return k;
    }

    /**
     * Item-major {@code [items, k]} unit vectors (an item without clicks gets a zero row).
     *
     * <p>Why the iteration starts from the last fit's basis (new items drawn fresh): singular
     * vectors are defined up to sign and, for close singular values, rotation; starting afresh
     * each refit could flip them, and the RQ-VAE trained on the previous vectors (kept between
     * refits) would then assign other codes to the same items.
     */
    float[] fit(Interactions log, UniformRandomProvider rng) {
        int users = log.numUsers();
        int items = log.numItems();
        int[] us = log.users();
        int[] is = log.items();
        double[] userWeight = new double[users];
        for (int u : us) {
            userWeight[u]++;
        }
        for (int u = 0; u < users; u++) {
            userWeight[u] = userWeight[u] > 0 ? 1 / Math.sqrt(userWeight[u]) : 0;
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] q = new double[k][items];
        for (int c = 0; c < k; c++) {
            int keep = basis == null ? 0 : Math.min(items, basis[c].length);
            for (int i = 0; i < items; i++) {
                q[c][i] = i < keep ? basis[c][i] : g.sample();
            }
        }
        orthonormalise(q);
        double[] norms = new double[k];
        for (int it = 0; it < iterations; it++) {
            double[][] next = new double[k][items];
            for (int c = 0; c < k; c++) {
                double[] aq = new double[users]; // A q
                for (int r = 0; r < us.length; r++) {
                    aq[us[r]] += userWeight[us[r]] * q[c][is[r]];
                }
                for (int r = 0; r < us.length; r++) { // Aᵀ (A q)
                    next[c][is[r]] += userWeight[us[r]] * aq[us[r]];
                }
            }
            norms = orthonormalise(next);
            q = next;
        }
        basis = q;
        float[] out = new float[items * k];
        for (int i = 0; i < items; i++) {
            double n = 0;
            for (int c = 0; c < k; c++) {
                double v = q[c][i] * Math.sqrt(Math.sqrt(norms[c])); // norms are eigenvalues σ² of AᵀA: scale by σ
                n += v * v;
            }
            double inv = n > 0 ? 1 / Math.sqrt(n) : 0;
            for (int c = 0; c < k; c++) {
                out[i * k + c] = (float) (q[c][i] * Math.sqrt(Math.sqrt(norms[c])) * inv);
            }
        }
        return out;
    }

    /** Modified Gram-Schmidt in place; returns each vector's norm before normalising. */
    private static double[] orthonormalise(double[][] q) {
        double[] norms = new double[q.length];
        for (int c = 0; c < q.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < q[c].length; i++) {
                    dot += q[c][i] * q[p][i];
                }
                for (int i = 0; i < q[c].length; i++) {
                    q[c][i] -= dot * q[p][i];
                }
            }
            double n = 0;
            for (double v : q[c]) {
                n += v * v;
            }
            n = Math.sqrt(n);
            norms[c] = n;
            double inv = n > 1e-12 ? 1 / n : 0;
            for (int i = 0; i < q[c].length; i++) {
                q[c][i] *= inv;
            }
        }
        return norms;
    }
}
