/**
 * Offline evaluation of recommenders, in the way RecBole and LensKit do it: split an interaction
 * log into training and test data ({@link org.recloop.analysis.offline.Split}), fit each
 * algorithm on the training part, ask it for a top-K list per test user, and score the lists
 * with accuracy and beyond-accuracy metrics ({@link org.recloop.analysis.offline.RankingMetrics})
 * averaged over the test users ({@link org.recloop.analysis.offline.Evaluator}). The results are
 * rows {@code (algorithm, metric, k, value)} written as CSV or a text table
 * ({@link org.recloop.analysis.offline.ResultsTable}). {@link org.recloop.analysis.offline.OfflineData}
 * reads the log from a MovieLens-style file or from a run folder's event table.
 *
 * <p>Protocol, in short:
 * <ul>
 *   <li>all candidates are ranked: every item of the catalog that the user has not interacted
 *       with in training (no sampled negatives);</li>
 *   <li>relevance is binary: an item is relevant for a user when it is in the user's test set;</li>
 *   <li>every metric is computed at every cutoff K (MRR included, as MRR@K), and averaged over
 *       the test users (the users with a non-empty test set).</li>
 * </ul>
 */
package org.recloop.analysis.offline;
