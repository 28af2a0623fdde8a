package org.recloop.agents.rule;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.react.ReactContext;
import org.recloop.core.world.Catalog;

/**
 * The rule model's search: items by topic, growing with the catalog (this model's posts, and
 * items other models add, such as LLM agents' posts, which become searchable from the next
 * tick), and a search that samples a topic's items and keeps the one the user likes best.
 * Updated on the simulation thread only; searched concurrently by react chunks, read-only.
 */
final class TopicSearchIndex {

    /** Items a search looks at (sampled with replacement from the topic's items). */
    static final int SEARCH_SAMPLE = 20;

    private final int topics;
    private final int[][] byTopic;
    private final int[] byTopicSize;
    private int indexedUpTo;

    TopicSearchIndex(int topics, Catalog catalog) {
        this.topics = topics;
        this.byTopic = new int[topics][];
        this.byTopicSize = new int[topics];
        for (int t = 0; t < topics; t++) {
            byTopic[t] = new int[16];
        }
        indexNewItems(catalog);
    }

    /** Adds the catalog's items that joined since the last call. */
    void indexNewItems(Catalog catalog) {
        for (int i = indexedUpTo; i < catalog.size(); i++) {
            int t = Math.max(0, Math.min(topics - 1, catalog.topic(i)));
            if (byTopicSize[t] == byTopic[t].length) {
                byTopic[t] = Arrays.copyOf(byTopic[t], byTopic[t].length * 2);
            }
            byTopic[t][byTopicSize[t]++] = i;
        }
        indexedUpTo = catalog.size();
    }

    /** Items of {@code topic} indexed so far. */
    int size(int topic) {
        return byTopicSize[topic];
    }

    /** The i-th indexed item of {@code topic}, {@code i < size(topic)}. */
    int item(int topic, int i) {
        return byTopic[topic][i];
    }

    /**
     * The best of {@value #SEARCH_SAMPLE} sampled items of {@code topic} by the user's true
     * taste, skipping consumed and retired items; -1 if none qualifies.
     */
    int search(ReactContext ctx, int u, int topic, UniformRandomProvider rng) {
        int n = byTopicSize[topic];
        if (n == 0) {
            return -1;
        }
        Catalog catalog = ctx.world().catalog();
        float[] prefs = ctx.world().population().preferences();
        int dim = catalog.dim();
        int best = -1;
        double bestU = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SEARCH_SAMPLE; i++) {
            int item = byTopic[topic][rng.nextInt(n)];
            if (ctx.world().history().contains(u, item) || catalog.isRetired(item)) {
                continue;
            }
            double x = catalog.dot(item, prefs, u * dim);
            if (x > bestU) {
                bestU = x;
                best = item;
            }
        }
        return best;
    }
}
