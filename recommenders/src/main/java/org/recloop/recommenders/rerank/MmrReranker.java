package org.recloop.recommenders.rerank;

import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.world.Catalog;

/**
 * Maximal Marginal Relevance (Carbonell and Goldstein, SIGIR 1998): picks, one position at a
 * time, the candidate maximising {@code λ·rel(i) - (1-λ)·max_{j∈S} cos(x_i, x_j)}, with rel the
 * base's normalised score and x the item features. λ = 1 keeps the base order.
 */
public final class MmrReranker extends RerankingRecommender {

    /**
     * @param lambda weight of relevance against redundancy, in [0, 1]
     * @param candidates candidates asked from the base per user
     * @param base the recommender whose candidates are re-ranked (component spec)
     */
    public record Params(Double lambda, Integer candidates, com.fasterxml.jackson.databind.JsonNode base) {
        public Params {
            lambda = Check.unit("lambda", lambda == null ? 0.7 : lambda);
            candidates = Check.positive("candidates", candidates == null ? 50 : candidates);
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to re-rank");
            }
        }
    }

    private final double lambda;

    public MmrReranker(Recommender base, double lambda, int candidates) {
        super(base, candidates);
        this.lambda = lambda;
    }

    @Override
    protected int select(int user, int[] items, float[] rel, int n, int k, int[] chosen, ServeContext ctx) {
        Catalog cat = requireCatalog(ctx, "mmr");
        boolean[] used = new boolean[n];
        double[] maxSim = new double[n];
        java.util.Arrays.fill(maxSim, 0);
        int m = Math.min(k, n);
        for (int r = 0; r < m; r++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (used[j]) {
                    continue;
                }
                double sc = lambda * rel[j] - (1 - lambda) * (r == 0 ? 0 : maxSim[j]);
                if (sc > bestScore) {
                    bestScore = sc;
                    best = j;
                }
            }
            used[best] = true;
            chosen[r] = best;
            for (int j = 0; j < n; j++) {
                if (!used[j]) {
                    maxSim[j] = Math.max(maxSim[j], cosine(cat, items[j], items[best]));
                }
            }
        }
        return m;
    }
}
