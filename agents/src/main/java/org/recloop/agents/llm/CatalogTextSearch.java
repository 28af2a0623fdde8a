package org.recloop.agents.llm;

import java.util.function.IntPredicate;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.world.Catalog;

/**
 * Free-text search over the catalog with the same MiniLM index the LLM agents' {@code query}
 * action uses ({@link ItemTextIndex}: titles, {@code "topic T"} for untitled items), for components
 * outside this package (the conversational recommender's {@code search} tool). The index is built
 * at the first search and follows a growing catalog.
 *
 * <p>Threading: thread-safe (the index is). Determinism: as {@link ItemTextIndex}: the same query
 * finds the same items, ties by lower id.
 */
public final class CatalogTextSearch {

    private final ItemTextIndex index;

    /** A search embedding with the run's text embedder (loaded at the first search). */
    public CatalogTextSearch(LanguageModels models) {
        this.index = new ItemTextIndex(texts -> models.embedder().embed(texts));
    }

    /** The {@code n} accepted items most similar to {@code query}, best first. */
    public int[] search(Catalog catalog, String query, int n, IntPredicate accept) {
        index.ensure(catalog);
        return index.nearest(index.embed(query), n, accept, null);
    }
}
