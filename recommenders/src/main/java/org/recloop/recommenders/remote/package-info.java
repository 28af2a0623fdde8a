/** Bring your own model: a recommender served over HTTP by any language or framework. */
package org.recloop.recommenders.remote;
