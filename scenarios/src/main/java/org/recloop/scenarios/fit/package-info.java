/**
 * Fitting a world to a real interaction file ({@code recloop calibrate --fit}): the choice model
 * and activity parameters of a {@code ratings} world are searched so that a short seeded
 * simulation of it reproduces the file's activity and popularity distributions and density; the
 * result is a scenario file that runs the fitted world.
 */
package org.recloop.scenarios.fit;
