/** Worlds built from real interaction data; they need a recommender's factor model, hence live in the composition root. */
package org.recloop.scenarios.data;
