/**
 * Calibration: how far a generated dataset is from a real interaction file on the distributions
 * a scenario can be tuned toward (user activity, item popularity, density, ratings, session
 * length), so a user can adjust a scenario until the synthetic data looks like theirs.
 */
package org.recloop.analysis.calibrate;
