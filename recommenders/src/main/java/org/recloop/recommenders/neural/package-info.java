/**
 * Neural recommenders trained in the loop with DJL's PyTorch engine: {@link
 * org.recloop.recommenders.neural.LightGcnRecommender}, {@link
 * org.recloop.recommenders.neural.SasRecRecommender} and {@link
 * org.recloop.recommenders.neural.TwoTowerRecommender} (item tower over title text embeddings from
 * the kernel's language-model service, for cold items), {@link
 * org.recloop.recommenders.neural.TigerRecommender} (generative retrieval over RQ-VAE semantic IDs
 * with trie-constrained beam search), and the harness they share (offline engine,
 * device choice, parameters and Adam kept in Java arrays, negative sampling, validation split and
 * early stopping, heap estimate). This is the only package that may import {@code ai.djl}
 * (ArchitectureTest).
 */
package org.recloop.recommenders.neural;
