package org.recloop.core.world;

import java.util.Arrays;
import java.util.Optional;

/**
 * Items with a topic, a latent feature vector (the ground-truth attributes a user's preference is matched
 * against), a creator, a quality in [0, 1], a popularity prior and the tick it appeared. Items can
 * be added while a run goes on (users as creators); ids are dense, 0..size()-1, and never reused.
 *
 * <p>Not thread-safe for writes: items are added only by the kernel's single simulation thread
 * (Act phase), while reads from worker threads happen in phases where no item is added.
 */
public final class Catalog {

    private final int dim;
    private int size;
    private float[] features;
    private int[] topic;
    private int[] creator;
    private float[] quality;
    private float[] popularityPrior;
    private int[] createdTick;
    private String[] titles;
    // items taken off the platform; null until the first retirement so serving pays nothing
    private java.util.BitSet retired;
    private int retiredCount;

    public Catalog(int dim, int initialCapacity) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be > 0, was " + dim);
        }
        this.dim = dim;
        int cap = Math.max(1, initialCapacity);
        features = new float[cap * dim];
        topic = new int[cap];
        creator = new int[cap];
        quality = new float[cap];
        popularityPrior = new float[cap];
        createdTick = new int[cap];
    }

    /** Appends an item and returns its id. {@code feature} is copied. */
    public int add(float[] feature, int topicId, int creatorId, float itemQuality, float popularity, int tick) {
        if (feature.length != dim) {
            throw new IllegalArgumentException("feature length " + feature.length + " != dim " + dim);
        }
        ensureCapacity(size + 1);
        System.arraycopy(feature, 0, features, size * dim, dim);
        topic[size] = topicId;
        creator[size] = creatorId;
        quality[size] = itemQuality;
        popularityPrior[size] = popularity;
        createdTick[size] = tick;
        return size++;
    }

    /** Sets a human-readable title (real catalogs). */
    public void setTitle(int item, String title) {
        if (titles == null) {
            titles = new String[features.length / dim];
        }
        if (titles.length < size) {
            titles = Arrays.copyOf(titles, features.length / dim);
        }
        titles[item] = title;
    }

    public Optional<String> title(int item) {
        return titles == null || item >= titles.length ? Optional.empty() : Optional.ofNullable(titles[item]);
    }

    private void ensureCapacity(int n) {
        int cap = creator.length;
        if (n <= cap) {
            return;
        }
        int newCap = Math.max(n, cap + (cap >> 1) + 16);
        features = Arrays.copyOf(features, newCap * dim);
        topic = Arrays.copyOf(topic, newCap);
        creator = Arrays.copyOf(creator, newCap);
        quality = Arrays.copyOf(quality, newCap);
        popularityPrior = Arrays.copyOf(popularityPrior, newCap);
        createdTick = Arrays.copyOf(createdTick, newCap);
        if (titles != null) {
            titles = Arrays.copyOf(titles, newCap);
        }
    }

    public int size() {
        return size;
    }

    /**
     * Takes an item off the platform: it stays in the catalog (ids are never reused, the log
     * keeps its history) but is never served again ({@code SlateRanker.excluded}). Simulation
     * thread only, outside the Serve phase.
     *
     * @return false if it was retired already
     */
    public boolean retire(int item) {
        if (item < 0 || item >= size) {
            throw new IllegalArgumentException("item " + item + " outside [0, " + size + ")");
        }
        if (retired == null) {
            retired = new java.util.BitSet(size);
        }
        if (retired.get(item)) {
            return false;
        }
        retired.set(item);
        retiredCount++;
        return true;
    }

    /** Whether the item was retired. */
    public boolean isRetired(int item) {
        return retired != null && retired.get(item);
    }

    /** Number of retired items (0 in runs that retire none). */
    public int retiredCount() {
        return retiredCount;
    }

    public int dim() {
        return dim;
    }

    /**
     * The live feature array, item-major ({@code features()[item * dim() + f]}). Shared, not a
     * copy: read it in hot loops, never write it. It may be replaced when items are added, so do
     * not keep it across ticks.
     */
    public float[] features() {
        return features;
    }

    public float feature(int item, int f) {
        return features[item * dim + f];
    }

    /** The item's main topic (a dense id; -1 if the catalog has no topics). */
    public int topic(int item) {
        return topic[item];
    }

    public int creator(int item) {
        return creator[item];
    }

    public float quality(int item) {
        return quality[item];
    }

    public float popularityPrior(int item) {
        return popularityPrior[item];
    }

    public int createdTick(int item) {
        return createdTick[item];
    }

    /** Dot product of an item's features with {@code vec[offset .. offset+dim)}. */
    public float dot(int item, float[] vec, int offset) {
        float s = 0f;
        int base = item * dim;
        for (int f = 0; f < dim; f++) {
            s += features[base + f] * vec[offset + f];
        }
        return s;
    }
}
