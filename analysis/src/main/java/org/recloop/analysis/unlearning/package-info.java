/**
 * The offline unlearning study: how completely and how fast a recommender forgets, measured
 * against the model retrained without the data (forget-set recall, retained NDCG, a
 * membership-inference attack's advantage, wall time relative to a full refit).
 */
package org.recloop.analysis.unlearning;
