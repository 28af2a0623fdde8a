/**
 * Recommender algorithms behind {@link org.recloop.core.serve.Recommender}, and what they share:
 * {@link org.recloop.recommenders.SparseMatrix} (the one sparse click-matrix type),
 * {@link org.recloop.recommenders.TrainingBlocks} (the one parallel block runner),
 * {@link org.recloop.recommenders.PopularityOrder} (the fallback order) and
 * {@link org.recloop.recommenders.DenseScores} (the dense scoring kernel). Most algorithms only
 * score: they extend {@link org.recloop.core.serve.ScoringRecommender} and leave exclusion, top-k,
 * ties, candidate sets and fallbacks to {@link org.recloop.core.serve.SlateRanker}; a new one is one
 * class plus one registry line, and the registry's contract test checks it unchanged.
 */
package org.recloop.recommenders;
