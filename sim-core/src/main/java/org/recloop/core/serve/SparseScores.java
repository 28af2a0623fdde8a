package org.recloop.core.serve;

/**
 * A sparse score accumulator over items for one user at a time: {@link #add} sums into a dense
 * array and remembers the items touched, so reading and clearing cost the number of touched
 * items, not the catalog. Owned by the {@link SlateRanker} (one per thread, reused across
 * calls); a {@link ItemScorer.Sparse} scorer only adds.
 */
public final class SparseScores {
    private float[] acc;
    private boolean[] seen;
    private int[] touched;
    private int size;

    SparseScores(int items) {
        acc = new float[items];
        seen = new boolean[items];
        touched = new int[items];
    }

    /** Adds {@code score} to item {@code item < capacity()}. */
    public void add(int item, float score) {
        if (!seen[item]) {
            seen[item] = true;
            touched[size++] = item;
        }
        acc[item] += score;
    }

    /** Items this accumulator can hold. */
    public int capacity() {
        return acc.length;
    }

    int size() {
        return size;
    }

    int touched(int q) {
        return touched[q];
    }

    float score(int item) {
        return acc[item];
    }

    boolean seen(int item) {
        return item < seen.length && seen[item];
    }

    /** Empties the accumulator (only the touched cells). */
    void clear() {
        for (int q = 0; q < size; q++) {
            int j = touched[q];
            acc[j] = 0f;
            seen[j] = false;
        }
        size = 0;
    }

    /** An empty accumulator with room for {@code items}: this one if large enough, else a new one. */
    SparseScores ensure(int items) {
        clear();
        return items <= acc.length ? this : new SparseScores(items);
    }
}
