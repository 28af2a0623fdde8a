package org.recloop.core.serve;

import java.util.Optional;

/**
 * Capability of a recommender whose slates rank the scores of a fitted model: it hands out that
 * model's {@link ItemScorer}, so that measurements such as the prediction shift of a poisoning
 * attack can read the scores of items the slates did not show. A recommender without it (one that
 * does not rank scores, such as a bandit or a re-ranker) has no such scores to offer.
 *
 * <p>Threading and determinism as {@link ScoringRecommender#scorer}: called on the simulation
 * thread between ticks, only reads the published model.
 */
public interface ModelScores {

    /** A scorer of the current model, or empty before the first fit. */
    Optional<ItemScorer> modelScores(ServeContext ctx);
}
