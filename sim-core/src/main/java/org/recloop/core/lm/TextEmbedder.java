package org.recloop.core.lm;

import java.util.List;

/**
 * Embeds short texts as vectors of a fixed dimension, for text-aware components (memory retrieval,
 * free-text search, text features of items). Implementations are deterministic for a given text,
 * may load their model on the first call, and are thread-safe.
 */
public interface TextEmbedder {

    /** Row i of the result is text i's embedding, of length {@link #dimension()}. */
    float[][] embed(List<String> texts);

    /** Length of every embedding. */
    int dimension();
}
