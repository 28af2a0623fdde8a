package org.recloop.recommenders.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.TextEmbedder;
import org.recloop.core.world.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unit-length text embeddings of the items' titles, from the kernel's language-model service
 * ({@link LanguageModels#embedder()}, granted through {@link Capabilities}; in a run, MiniLM in
 * process), for the item tower of {@link TwoTowerRecommender} and the semantic IDs of
 * {@link TigerRecommender}.
 *
 * <p>Why cached here: an item's title does not change, and embedding is the expensive part, so
 * each item is embedded once, at the first fit that sees it (refits embed only new items). Items
 * without a title get a zero row: their score comes from their id embedding alone. No catalog,
 * no titles or no embedder granted (offline evaluation of a ratings file): no text at all, said
 * once in the log.
 */
final class ItemTexts {
    private static final Logger LOG = LoggerFactory.getLogger(ItemTexts.class);

    private final String owner;
    private final Capabilities capabilities;
    private float[] rows = new float[0];
    private int embedded;
    private int dim;
    private boolean unavailableLogged;

    /** @param owner the recommender type, for log lines */
    ItemTexts(String owner, Capabilities capabilities) {
        this.owner = owner;
        this.capabilities = capabilities;
    }

    /** Embedding width, 0 before the first successful {@link #embeddings}. */
    int dimension() {
        return dim;
    }

    /**
     * Item-major {@code [items, dimension()]} embeddings, or empty when no text can be had.
     */
    Optional<float[]> embeddings(Catalog catalog, int items) {
        Optional<TextEmbedder> embedder = capabilities.capability(LanguageModels.class).map(LanguageModels::embedder);
        boolean titles = catalog != null && java.util.stream.IntStream.range(0, Math.min(items, catalog.size()))
                .anyMatch(i -> catalog.title(i).isPresent());
        if (embedder.isEmpty() || !titles) {
            if (!unavailableLogged) {
                unavailableLogged = true;
                LOG.info("{}: {}; no text embeddings", owner,
                        embedder.isEmpty() ? "no text embedder granted" : "the items have no titles");
            }
            return Optional.empty();
        }
        if (items > embedded) {
            embedNew(embedder.get(), catalog, items);
        }
        return Optional.of(rows);
    }

    private void embedNew(TextEmbedder embedder, Catalog catalog, int items) {
        List<Integer> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = embedded; i < items; i++) {
            Optional<String> t = i < catalog.size() ? catalog.title(i) : Optional.empty();
            if (t.isPresent() && !t.get().isBlank()) {
                ids.add(i);
                texts.add(t.get());
            }
        }
        float[][] e = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        if (dim == 0) {
            dim = embedder.dimension();
        }
        float[] grown = java.util.Arrays.copyOf(rows, items * dim);
        for (int k = 0; k < e.length; k++) {
            double norm = 0;
            for (float v : e[k]) {
                norm += v * v;
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int f = 0; f < dim; f++) {
                grown[ids.get(k) * dim + f] = e[k][f] * inv;
            }
        }
        rows = grown;
        LOG.debug("{}: embedded {} item titles ({} items without one)", owner, e.length, items - embedded - e.length);
        embedded = items;
    }
}
