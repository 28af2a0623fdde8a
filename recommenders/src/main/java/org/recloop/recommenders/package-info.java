/** Recommender algorithms behind {@link org.recloop.core.serve.Recommender}. */
package org.recloop.recommenders;
