/**
 * The intervention types of the registry ({@code switch-recommender}, {@code add-users},
 * {@code add-items}, {@code retire-items}, {@code set-group}, {@code forget}): each parses its
 * parameters and acts only through the kernel's {@code ActContext} capabilities. They live in the
 * composition root because some create components (recommenders, user models).
 */
package org.recloop.scenarios.act;
