package org.recloop.recommenders.baseline;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Uniformly random slates of distinct items the user has not consumed. The propensity of each
 * shown item is k / (number of candidates), the probability that this item was put on the slate,
 * which is what inverse-propensity estimators need. Draws from the stream (serve, user, tick).
 */
public final class RandomRecommender implements Recommender {

    /** No parameters. */
    public record Params() {}

    public RandomRecommender() {}

    public RandomRecommender(Params p) {}

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        // nothing to learn
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        SlateRanker.serveRandom(slates, from, to, ctx);
    }

    /** Fills slate {@code s} with up to k random unconsumed distinct items ({@link SlateRanker#fillRandom}). */
    public static void fill(SlateBatch slates, int s, int u, int n, int k, ConsumptionHistory consumed,
            UniformRandomProvider rng) {
        SlateRanker.fillRandom(slates, s, u, n, k, consumed, rng);
    }

    @Override
    public int modelVersion() {
        return 0;
    }
}
