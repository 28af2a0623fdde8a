/**
 * Oracles: components that see ground truth on purpose (the ideal recommender of Chaney et al.),
 * as a reference point for studies. They live in the composition root because the modules'
 * recommenders must never see users' true preferences. They get the ground truth as the run's
 * {@link org.recloop.core.capability.GroundTruth} capability, at any depth of nesting.
 */
package org.recloop.scenarios.oracle;
