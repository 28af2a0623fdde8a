package org.recloop.recommenders.mf;

/**
 * What a warm-started ALS fit takes over from the previous fit ({@code warmIterations > 0}): the
 * item factors, as the fixed side of the first user half-sweep, and the retrieval centroids, as
 * the start of k-means.
 *
 * <p>Why this is sound: a refit's data are the previous fit's data plus ten ticks of clicks, so the
 * previous item factors are already close to a fixed point; starting there, one sweep moves the
 * model about as far towards the new optimum as several sweeps from random factors do (the test
 * {@code ImplicitAlsWarmStartTest} bounds the loss against a full fit). Users are solved first, so
 * every user's factors are recomputed from the new data; items added since the previous fit get
 * random factors from the run's stream exactly as in a fresh fit. Likewise the centroids of the
 * previous factors are a good start for the next clustering, so one k-means round replaces five.
 *
 * <p>Determinism: the previous model is itself a function of the earlier fits' data and the
 * run's streams, so a warm fit is too (whatever the thread count). The model depends on the
 * history of fits, not only on this fit's data: that is the accuracy trade-off, and why exact
 * unlearning ({@link ImplicitAlsRecommender#fitFromScratch}) never starts warm.
 */
record WarmStart(float[] y, int items, float[] centroids) {

    /** Lloyd rounds of a warm-started clustering (a cold one runs five from evenly spaced users). */
    static final int KMEANS_ROUNDS = 1;

    /** The warm start from {@code previous}, or null when there is none or its dimension differs. */
    static WarmStart of(FactorModel previous, int d) {
        if (previous == null || previous.d() != d) {
            return null;
        }
        return new WarmStart(previous.y(), previous.items(), previous.centroids());
    }

    /**
     * Copies the previous item factors into {@code target} (rows of the new fit, whose catalog may
     * have grown) and returns the first item that still needs initial factors.
     */
    int copyItems(float[] target, int newItems) {
        int n = Math.min(items, newItems);
        int d = y.length / Math.max(1, items);
        System.arraycopy(y, 0, target, 0, n * d);
        return n;
    }

    /** Whether the previous clustering can seed one of {@code clusters} centres. */
    boolean hasClusters(int clusters) {
        int d = items == 0 ? 0 : y.length / items;
        return centroids != null && d > 0 && centroids.length == clusters * d;
    }
}
