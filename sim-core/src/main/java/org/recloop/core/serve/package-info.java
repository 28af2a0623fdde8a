/**
 * Serving: the {@link org.recloop.core.serve.Recommender} SPI, the slate buffer it fills, the
 * interaction columns it learns from, and the top-k selection shared by all scorers.
 */
package org.recloop.core.serve;
