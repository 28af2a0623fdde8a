package org.recloop.recommenders.content;

import java.util.concurrent.ExecutorService;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;

/**
 * The counts fit of {@code content-nnls} (Chaney et al. 2018; T-RECS's content filtering): each
 * user's profile is the non-negative least-squares fit of the user's interaction-count vector over
 * the whole catalog on the item attributes, scaled to unit length for scoring.
 *
 * <p>Minimising {@code Σ_i (c_ui - θ·a_i)²} over all items has the normal equations {@code G θ = b_u}
 * with {@code G = Σ_i a_i a_iᵀ} (one d×d matrix for every user) and {@code b_u = Σ_i c_ui a_i}, a
 * sum over the user's clicks only; so a fit costs one pass over the catalog, one over the clicks,
 * and a d-dimensional NNLS per user who clicked, never the users × items count matrix.
 */
final class CountProfiles {

    private CountProfiles() {}

    /**
     * Unit-length profiles of the users with clicks in {@code all}; null for the others. {@code
     * sums} carries the click sums from the previous fit; the solves use {@code executor} (may be
     * null); the profiles depend on neither.
     */
    static float[][] fit(Interactions all, Catalog cat, ClickSums sums, int sweeps, double ridge,
            ExecutorService executor, int parallelism) {
        int d = cat.dim();
        double[] g = sums.gram(cat);
        double[][] b = sums.of(all, cat);
        float[][] profiles = SharedGramNnls.solveAll(g, b, d, sweeps, ridge, executor, parallelism);
        for (float[] p : profiles) {
            if (p != null) {
                unit(p);
            }
        }
        return profiles;
    }

    /** {@code θ / |θ|}; a zero profile stays zero (every item then scores 0, ties to smaller ids). */
    static float[] unit(float[] th) {
        double norm = 0;
        for (float v : th) {
            norm += (double) v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < th.length; j++) {
                th[j] *= inv;
            }
        }
        return th;
    }
}
