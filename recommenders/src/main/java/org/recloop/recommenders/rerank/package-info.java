/**
 * Re-rankers that wrap any recommender: they ask it for a longer candidate list and choose the
 * slate greedily for diversity (MMR), calibration, long-tail exposure (xQuAD) or provider
 * fairness (FA*IR).
 */
package org.recloop.recommenders.rerank;
