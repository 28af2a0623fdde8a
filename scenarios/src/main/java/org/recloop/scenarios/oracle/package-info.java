/**
 * Oracles: components that see ground truth on purpose (the ideal recommender of Chaney et al.),
 * as a reference point for studies. They live in the composition root because the modules'
 * recommenders must never see users' true preferences.
 */
package org.recloop.scenarios.oracle;
