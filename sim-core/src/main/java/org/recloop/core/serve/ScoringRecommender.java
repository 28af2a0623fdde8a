package org.recloop.core.serve;

import java.util.Optional;

/**
 * A recommender that only scores: it fits a model and supplies an {@link ItemScorer} over it;
 * {@link #recommend} is the {@link SlateRanker}'s (random slates before the first fit, then
 * exclusion, top-k, ties, candidate sets and the fallback). Adding such a recommender is one class
 * (fit plus {@link #scorer}) and one registry line; the registry's contract test then checks it.
 *
 * <p>Threading and determinism as in {@link Recommender}: {@link #scorer} is called concurrently
 * for disjoint slate ranges and must only read the published (immutable) model.
 */
public abstract class ScoringRecommender implements Recommender, ModelScores {

    /**
     * A scorer of the current model for one {@code recommend} call, or empty before the first
     * fit (the ranker then serves random slates). May throw if the context lacks what the model
     * needs (e.g. item features).
     */
    protected abstract Optional<ItemScorer> scorer(ServeContext ctx);

    /** The scorer the slates are ranked by ({@link #scorer}). */
    @Override
    public Optional<ItemScorer> modelScores(ServeContext ctx) {
        return scorer(ctx);
    }

    @Override
    public final void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        Optional<ItemScorer> scorer = scorer(ctx);
        if (scorer.isEmpty()) {
            SlateRanker.serveRandom(slates, from, to, ctx);
        } else {
            SlateRanker.rank(scorer.get(), slates, from, to, ctx);
        }
    }
}
