/**
 * Rank-list sensitivity: how much do the top-K lists of all users move when one interaction of
 * one user changes? Following Oh, Ustun, McAuley and Kumar, "Rank List Sensitivity of
 * Recommender Systems to Interaction Perturbations" (CIKM 2022), a recommender is fitted on all
 * interactions, then refitted after each of a seeded sample of one-interaction perturbations,
 * and every user's list before and after is compared with Jaccard@K and rank-biased overlap@K
 * (Webber, Moffat and Zobel, "A Similarity Measure for Indefinite Rankings", TOIS 2010).
 *
 * <p>Why it matters: a model whose lists shift for many users after one removal makes "the right
 * to be forgotten" visible to others, and one that shifts after one addition is easy to poison.
 * {@link org.recloop.analysis.sensitivity.RankListSensitivity} runs the study,
 * {@link org.recloop.analysis.sensitivity.ListOverlap} holds the two measures.
 */
package org.recloop.analysis.sensitivity;
