/**
 * Neighbourhood collaborative filtering: item-based and user-based k-nearest neighbours with
 * shrunk cosine similarity on the sparse user-item click matrix (Sarwar et al. 2001; Deshpande
 * and Karypis 2004; Herlocker et al. 1999).
 */
package org.recloop.recommenders.knn;
