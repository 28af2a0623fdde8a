/**
 * Serving: the {@link org.recloop.core.serve.Recommender} SPI, the slate buffer it fills, the
 * interaction columns it learns from, and the ranking shared by all scorers.
 *
 * <p>Scoring is kept apart from ranking: a {@link org.recloop.core.serve.ScoringRecommender}
 * supplies an {@link org.recloop.core.serve.ItemScorer} (dense, sparse or over candidates) and the
 * one {@link org.recloop.core.serve.SlateRanker} does exclusion, top-k ({@link
 * org.recloop.core.serve.TopK}), ties, candidate sets and the {@link
 * org.recloop.core.serve.Fallback}. Recommenders that compose their slates themselves (bandits,
 * re-rankers, remote services) call {@link org.recloop.core.serve.SlateRanker#excluded} for every
 * item, so a rule on what users may be shown is written once and reaches every recommender.
 */
package org.recloop.core.serve;
