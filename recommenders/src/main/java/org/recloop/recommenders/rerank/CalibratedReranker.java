package org.recloop.recommenders.rerank;

import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Calibrated recommendations (Steck, RecSys 2018): the topic distribution of the slate should
 * match that of the user's history. With p(t|u) the share of topic t among the items the user
 * consumed, and q(t|S) the share among the slate so far, it greedily maximises {@code (1-λ)·Σ_{i∈S}
 * rel(i) - λ·KL(p || q̃)}, where {@code q̃ = (1-α)·q + α·p} (α = 0.01) keeps the divergence finite.
 * Users without history get the base order.
 */
public final class CalibratedReranker extends RerankingRecommender {

    /**
     * @param lambda weight of calibration against relevance, in [0, 1]
     * @param candidates candidates asked from the base per user
     * @param base the recommender whose candidates are re-ranked
     */
    public record Params(Double lambda, Integer candidates, com.fasterxml.jackson.databind.JsonNode base) {
        public Params {
            lambda = Check.unit("lambda", lambda == null ? 0.5 : lambda);
            candidates = Check.positive("candidates", candidates == null ? 50 : candidates);
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to re-rank");
            }
        }
    }

    private static final double ALPHA = 0.01;
    private final double lambda;

    public CalibratedReranker(Recommender base, double lambda, int candidates) {
        super(base, candidates);
        this.lambda = lambda;
    }

    /** KL(p || (1-α)q + αp) over topics, with q given as counts over {@code size} items. */
    static double kl(double[] p, int[] qCounts, int size) {
        double kl = 0;
        for (int t = 0; t < p.length; t++) {
            if (p[t] <= 0) {
                continue;
            }
            double q = size == 0 ? 0 : (double) qCounts[t] / size;
            kl += p[t] * Math.log(p[t] / ((1 - ALPHA) * q + ALPHA * p[t]));
        }
        return kl;
    }

    @Override
    protected int select(int user, int[] items, float[] rel, int n, int k, int[] chosen, ServeContext ctx) {
        Catalog cat = requireCatalog(ctx, "calibrated");
        ConsumptionHistory h = ctx.consumed();
        int hist = h.size(user);
        int m = Math.min(k, n);
        if (hist == 0) {
            for (int r = 0; r < m; r++) {
                chosen[r] = r;
            }
            return m;
        }
        int topics = 1;
        for (int j = 0; j < n; j++) {
            topics = Math.max(topics, cat.topic(items[j]) + 1);
        }
        for (int i = 0; i < hist; i++) {
            topics = Math.max(topics, cat.topic(h.item(user, i)) + 1);
        }
        double[] p = new double[topics];
        for (int i = 0; i < hist; i++) {
            int t = cat.topic(h.item(user, i));
            if (t >= 0) {
                p[t] += 1.0 / hist;
            }
        }
        int[] q = new int[topics];
        boolean[] used = new boolean[n];
        double relSum = 0;
        for (int r = 0; r < m; r++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (used[j]) {
                    continue;
                }
                int t = Math.max(0, cat.topic(items[j]));
                q[t]++;
                double sc = (1 - lambda) * (relSum + rel[j]) - lambda * kl(p, q, r + 1);
                q[t]--;
                if (sc > bestScore) {
                    bestScore = sc;
                    best = j;
                }
            }
            used[best] = true;
            chosen[r] = best;
            relSum += rel[best];
            q[Math.max(0, cat.topic(items[best]))]++;
        }
        return m;
    }
}
