package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.recloop.core.world.Catalog;

/**
 * Text embeddings of the catalog's items, for LLM agents' free-text searches and for placing their
 * posts in the catalog's feature space. An item's text is what an agent can read about it: its
 * title, or {@code "topic T"} for an untitled item (a synthetic catalog's items carry nothing else
 * an agent could name); a post is indexed by the full text its author wrote. Equal texts are
 * embedded once, so an untitled catalog costs one embedding per topic; a titled one (goodbooks, 10k
 * titles) costs some seconds, once, at the first search or post of the run.
 *
 * <p>Threading: every method is synchronized. The catalog is read only in {@link #ensure}, which is
 * called in phases where the catalog does not grow (react, or afterTick on the simulation thread).
 *
 * <p>Determinism: items are embedded in id order, distinct texts in order of first appearance,
 * in batches of the embedder's size; the all-MiniLM-L6-v2 model is deterministic. Search and post
 * placement are pure functions of the index and the query, ties broken by the lower item id, so a
 * replay that repeats the same answers builds the same index and finds the same items.
 */
final class ItemTextIndex {

    private final AgentMemory.Embedder embedder;
    private final Map<String, float[]> byText = new HashMap<>();
    private float[][] vectors = new float[64][];
    private int size;

    ItemTextIndex(AgentMemory.Embedder embedder) {
        this.embedder = embedder;
    }

    /** The text an item is indexed by when it is not a post: its title, else its topic. */
    static String text(Catalog c, int item) {
        return c.title(item).orElseGet(() -> "topic " + c.topic(item));
    }

    /** Items indexed so far (ids {@code [0, size)}). */
    synchronized int size() {
        return size;
    }

    /** Indexes the items the catalog gained since the last call (rule posts, a first call). */
    synchronized void ensure(Catalog c) {
        int n = c.size();
        if (size >= n) {
            return;
        }
        List<String> fresh = new ArrayList<>();
        for (int i = size; i < n; i++) {
            String t = text(c, i);
            if (!byText.containsKey(t) && !fresh.contains(t)) {
                fresh.add(t);
            }
        }
        if (!fresh.isEmpty()) {
            float[][] e = embedder.embed(fresh);
            for (int j = 0; j < fresh.size(); j++) {
                byText.put(fresh.get(j), e[j]);
            }
        }
        for (int i = size; i < n; i++) {
            append(byText.get(text(c, i)));
        }
    }

    /** Indexes item {@code item} (the next id) by this vector: a post, by the text its author wrote. */
    synchronized void add(int item, float[] vector) {
        if (item != size) {
            throw new IllegalStateException("item " + item + " added to an index of " + size + " items");
        }
        append(vector);
    }

    private void append(float[] v) {
        if (size == vectors.length) {
            vectors = Arrays.copyOf(vectors, size * 2);
        }
        vectors[size++] = v;
    }

    /** Embeds one text (a query or a post). */
    float[] embed(String text) {
        return embedder.embed(List.of(text))[0];
    }

    /**
     * The {@code n} accepted items most similar (cosine; embeddings are unit vectors) to {@code
     * query}, best first, ties by lower id.
     *
     * @param sims receives the similarity of each returned item (same order); may be null
     */
    synchronized int[] nearest(float[] query, int n, IntPredicate accept, double[] sims) {
        int k = Math.max(0, n);
        int[] best = new int[k];
        double[] bs = new double[k];
        int found = 0;
        for (int i = 0; i < size; i++) {
            if (!accept.test(i)) {
                continue;
            }
            double s = dot(vectors[i], query);
            if (found == k && (k == 0 || s <= bs[k - 1])) {
                continue; // equal similarity: the lower id, already in, stays ahead
            }
            int at = found < k ? found++ : k - 1;
            while (at > 0 && bs[at - 1] < s) {
                best[at] = best[at - 1];
                bs[at] = bs[at - 1];
                at--;
            }
            best[at] = i;
            bs[at] = s;
        }
        if (sims != null) {
            System.arraycopy(bs, 0, sims, 0, Math.min(found, sims.length));
        }
        return Arrays.copyOf(best, found);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
