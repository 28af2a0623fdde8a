package org.recloop.recommenders.baseline;

import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.TrainContext;

/**
 * Uniformly random slates of distinct items the user has not consumed. The propensity of each
 * shown item is k / (number of candidates), the probability that this item was put on the slate,
 * which is what inverse-propensity estimators need. Draws from the stream (serve, user, tick); the
 * same slates every scoring recommender serves before its first fit ({@link SlateRanker#serveRandom}).
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

    @Override
    public int modelVersion() {
        return 0;
    }
}
