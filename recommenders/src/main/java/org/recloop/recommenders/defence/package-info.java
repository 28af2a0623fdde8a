/**
 * Defences against fake accounts (data poisoning), as wrappers around any recommender: {@code
 * detect} drops the interactions of accounts whose behaviour looks fake before fitting the base,
 * {@code robust} thins every account's interactions by how suspicious it looks. Both judge from
 * the interaction log ({@link org.recloop.recommenders.defence.SuspicionScores}) and, where the
 * run grants it, the platform's follow graph ({@link org.recloop.core.capability.SocialGraphView}),
 * never from the world's ground truth; {@code detect} posts what it flagged on the run's {@link
 * org.recloop.core.capability.DetectionBoard} so a metric can score it.
 */
package org.recloop.recommenders.defence;
