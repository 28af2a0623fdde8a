package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The memory of one LLM agent, after RecAgent (Wang et al. 2023) and Generative Agents (Park et
 * al. 2023): every observation is stored with an importance score in [0, 1]. The prompt shows the
 * short-term memory (the last {@code shortTerm} observations) verbatim, plus the {@code k} other
 * memories with the highest retrieval score {@code recency + importance + relevance}, where
 * recency = {@code 0.9^(ticks since)} and relevance = cosine similarity of the memory's and the
 * query's text embeddings (0 when embeddings are off, which leaves recency and importance).
 * Reflections are stored as memories of high importance. When the store is full the memory with
 * the lowest {@code recency + importance} is forgotten.
 *
 * <p>Not thread-safe: only the agent's own step touches it (one step per agent and tick).
 */
final class AgentMemory {

    static final double RECENCY_DECAY = 0.9;

    /** Embeds texts (unit vectors); may be slow, is called lazily. */
    @FunctionalInterface
    interface Embedder {
        float[][] embed(List<String> texts);
    }

    static final class Memory {
        final int tick;
        final String text;
        final double importance;
        final long seq;
        final boolean observation;
        float[] embedding;

        Memory(int tick, String text, double importance, long seq, boolean observation) {
            this.tick = tick;
            this.text = text;
            this.importance = importance;
            this.seq = seq;
            this.observation = observation;
        }

        double recency(int now) {
            return Math.pow(RECENCY_DECAY, Math.max(0, now - tick));
        }
    }

    private final int shortTerm;
    private final int capacity;
    private final List<Memory> all = new ArrayList<>(); // chronological
    private long seq;

    AgentMemory(int shortTerm, int capacity) {
        this.shortTerm = shortTerm;
        this.capacity = Math.max(capacity, shortTerm);
    }

    /** Stores an observation (shown in short-term memory while it is one of the latest). */
    void add(int tick, String text, double importance) {
        add(tick, text, importance, true);
    }

    /** Stores a memory; {@code observation} false for reflections (never part of short-term memory). */
    void add(int tick, String text, double importance, boolean observation) {
        all.add(new Memory(tick, text, Math.max(0, Math.min(1, importance)), seq++, observation));
        if (all.size() > capacity) {
            // forget the weakest memory outside the short-term window
            List<Memory> keep = shortTerm();
            int worst = -1;
            double worstScore = Double.POSITIVE_INFINITY;
            for (int i = 0; i < all.size(); i++) {
                Memory m = all.get(i);
                if (keep.contains(m)) {
                    continue;
                }
                double s = m.recency(tick) + m.importance;
                if (s < worstScore) {
                    worstScore = s;
                    worst = i;
                }
            }
            all.remove(Math.max(0, worst));
        }
    }

    int size() {
        return all.size();
    }

    /** Every memory, oldest first (read only; for the state rows). */
    List<Memory> entries() {
        return java.util.Collections.unmodifiableList(all);
    }

    /** The sequence number the next memory gets. */
    long nextSeq() {
        return seq;
    }

    /** Replaces every memory and the sequence counter: the state another copy of the run wrote. */
    void restore(List<Memory> entries, long nextSeq) {
        all.clear();
        all.addAll(entries);
        seq = nextSeq;
    }

    /**
     * Every memory as one line, oldest first: {@code "tick T, importance I: text"}, reflections
     * marked as such by their text. Reads only (no retrieval, no embedding), for inspectors.
     */
    List<String> describe() {
        List<String> out = new ArrayList<>(all.size());
        for (Memory m : all) {
            out.add(String.format(java.util.Locale.ROOT, "tick %d, importance %.2f: %s", m.tick, m.importance, m.text));
        }
        return out;
    }

    /** The last {@code shortTerm} observations (reflections excluded), oldest first. */
    List<Memory> shortTerm() {
        List<Memory> out = new ArrayList<>(shortTerm);
        for (int i = all.size() - 1; i >= 0 && out.size() < shortTerm; i--) {
            if (all.get(i).observation) {
                out.add(all.get(i));
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The last {@code n} memories, oldest first. */
    List<Memory> last(int n) {
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /**
     * The {@code k} best older memories (outside short-term) for a query, oldest first.
     *
     * @param embedder null for recency and importance only
     */
    List<Memory> retrieve(int now, String query, int k, Embedder embedder) {
        return retrieve(now, query, k, embedder, shortTerm());
    }

    /** As {@link #retrieve(int, String, int, Embedder)}, given the current {@link #shortTerm()}. */
    List<Memory> retrieve(int now, String query, int k, Embedder embedder, List<Memory> recent) {
        List<Memory> candidates = new ArrayList<>(all.size());
        for (Memory m : all) {
            if (!recent.contains(m)) {
                candidates.add(m);
            }
        }
        if (k <= 0 || candidates.isEmpty()) {
            return List.of();
        }
        if (candidates.size() > k) {
            double[] score = new double[candidates.size()];
            float[] q = null;
            if (embedder != null) {
                List<Memory> missing = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (Memory m : candidates) {
                    if (m.embedding == null) {
                        missing.add(m);
                        texts.add(m.text);
                    }
                }
                texts.add(query);
                float[][] e = embedder.embed(texts);
                for (int i = 0; i < missing.size(); i++) {
                    missing.get(i).embedding = e[i];
                }
                q = e[e.length - 1];
            }
            for (int i = 0; i < candidates.size(); i++) {
                Memory m = candidates.get(i);
                score[i] = m.recency(now) + m.importance + (q == null ? 0 : cosine(q, m.embedding));
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                idx.add(i);
            }
            // best first; ties: newer first (deterministic)
            idx.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingLong(i -> -candidates.get(i).seq));
            List<Memory> best = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                best.add(candidates.get(idx.get(i)));
            }
            best.sort(Comparator.comparingLong(m -> m.seq));
            return best;
        }
        return candidates;
    }

    static double cosine(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : d / Math.sqrt(na * nb);
    }
}
