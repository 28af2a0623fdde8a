package org.recloop.recommenders.neural;

import org.recloop.core.serve.SlateBatch;

/**
 * The last items each user was shown, kept from {@code observe} so that a fit can draw
 * negatives from exposures that were not clicked.
 *
 * <p>Why here: {@code fit} receives only clicks (the log's interactions); the shown slates reach
 * a recommender through {@code observe} every tick. A ring of {@link #CAPACITY} items per user
 * keeps memory bounded; items the user clicked at any time are rejected at sampling, so what is
 * drawn is "shown, never clicked". In offline evaluation nothing is observed and every negative
 * is uniform. Filled in slate order on the simulation thread, so it is deterministic.
 */
final class ExposureMemory {
    static final int CAPACITY = 32;
    private int[] items = new int[0];
    private int[] count = new int[0];

    void record(SlateBatch shown) {
        for (int s = 0; s < shown.size(); s++) {
            int u = shown.user(s);
            ensure(u + 1);
            for (int p = 0; p < shown.length(s); p++) {
                int c = count[u]++;
                items[u * CAPACITY + (c % CAPACITY)] = shown.item(s, p);
            }
        }
    }

    private void ensure(int users) {
        if (users > count.length) {
            int n = Math.max(users, count.length * 2);
            int[] ni = new int[n * CAPACITY];
            System.arraycopy(items, 0, ni, 0, items.length);
            items = ni;
            count = java.util.Arrays.copyOf(count, n);
        }
    }

    /** Items remembered for the user (at most CAPACITY). */
    int size(int user) {
        return user < count.length ? Math.min(count[user], CAPACITY) : 0;
    }

    int item(int user, int i) {
        return items[user * CAPACITY + i];
    }
}
