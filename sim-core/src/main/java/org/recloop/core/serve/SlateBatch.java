package org.recloop.core.serve;

import java.util.Arrays;

/**
 * The slates of one tick: for slate {@code s} (one per active user), up to {@code k} positions
 * holding an item id, a score, a propensity and a source. Flat primitive arrays, slate-major;
 * an empty position holds item -1 (a slate is shorter than k only when too few candidates are
 * left). Positions are 0-based here and in the log.
 *
 * <p>Threading: recommenders fill disjoint slate ranges concurrently; {@link #set} touches only
 * the given slate's cells.
 */
public final class SlateBatch {

    private final int k;
    private final int[] users;
    private final int[] items;
    private final float[] scores;
    private final float[] propensities;
    private final byte[] sources;
    private int modelVersion;

    /** A batch for the given users (copied), all positions empty. */
    public SlateBatch(int[] users, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        this.k = k;
        this.users = users.clone();
        int cells = Math.multiplyExact(users.length, k);
        this.items = new int[cells];
        Arrays.fill(items, -1);
        this.scores = new float[cells];
        this.propensities = new float[cells];
        this.sources = new byte[cells];
    }

    public int size() {
        return users.length;
    }

    public int k() {
        return k;
    }

    public int user(int slate) {
        return users[slate];
    }

    public int item(int slate, int position) {
        return items[slate * k + position];
    }

    public float score(int slate, int position) {
        return scores[slate * k + position];
    }

    public float propensity(int slate, int position) {
        return propensities[slate * k + position];
    }

    public byte source(int slate, int position) {
        return sources[slate * k + position];
    }

    /** Filled positions over all slates: the exposures this batch makes. */
    public long filled() {
        long n = 0;
        for (int s = 0; s < size(); s++) {
            n += length(s);
        }
        return n;
    }

    /** Number of filled positions of a slate (filled positions come first). */
    public int length(int slate) {
        int base = slate * k;
        int n = 0;
        while (n < k && items[base + n] >= 0) {
            n++;
        }
        return n;
    }

    /** Fills one position. */
    public void set(int slate, int position, int item, float score, float propensity, SlateSource source) {
        int c = slate * k + position;
        items[c] = item;
        scores[c] = score;
        propensities[c] = propensity;
        sources[c] = source.code();
    }

    /** Empties one slate (all positions back to item -1). */
    public void clear(int slate) {
        Arrays.fill(items, slate * k, slate * k + k, -1);
    }

    /** Version of the model that produced the slates (0 before the first fit). */
    public int modelVersion() {
        return modelVersion;
    }

    public void setModelVersion(int version) {
        this.modelVersion = version;
    }

    /** Total filled positions over all slates (the number of exposures). */
    public long exposures() {
        long n = 0;
        for (int item : items) {
            if (item >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The slates of {@code parts} one after another (e.g. the partitions of a tick, in user order),
     * with their model version (which the parts share: they were served by one model).
     */
    public static SlateBatch concat(java.util.List<SlateBatch> parts, int k) {
        int n = 0;
        for (SlateBatch p : parts) {
            if (p.k != k) {
                throw new IllegalArgumentException("slates of size " + p.k + " among slates of size " + k);
            }
            n += p.users.length;
        }
        int[] users = new int[n];
        int at = 0;
        for (SlateBatch p : parts) {
            System.arraycopy(p.users, 0, users, at, p.users.length);
            at += p.users.length;
        }
        SlateBatch all = new SlateBatch(users, k);
        int cell = 0;
        for (SlateBatch p : parts) {
            int c = p.items.length;
            System.arraycopy(p.items, 0, all.items, cell, c);
            System.arraycopy(p.scores, 0, all.scores, cell, c);
            System.arraycopy(p.propensities, 0, all.propensities, cell, c);
            System.arraycopy(p.sources, 0, all.sources, cell, c);
            cell += c;
            all.modelVersion = p.modelVersion;
        }
        return all;
    }
}
