package org.recloop.recommenders.neural;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.recommenders.SparseMatrix;

/**
 * Each user's distinct clicked items (CSR), the input of {@link TwoTowerRecommender}'s user
 * tower, and the padded history batches it trains on.
 */
final class UserHistories {
    private final int[] off;
    private final int[] items;

    private UserHistories(int[] off, int[] items) {
        this.off = off;
        this.items = items;
    }

    static UserHistories of(SparseMatrix userMajor) {
        return new UserHistories(userMajor.off(), userMajor.cols());
    }

    static UserHistories of(int[] us, int[] is, int numUsers) {
        int[] off = new int[numUsers + 1];
        for (int u : us) {
            off[u + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            off[u + 1] += off[u];
        }
        int[] fill = off.clone();
        int[] items = new int[us.length];
        for (int r = 0; r < us.length; r++) {
            items[fill[us[r]]++] = is[r];
        }
        return new UserHistories(off, items);
    }

    int size(int user) {
        return off[user + 1] - off[user];
    }

    int item(int user, int k) {
        return items[off[user] + k];
    }

    /**
     * Row s: up to {@code h} of user {@code bu[s]}'s items other than {@code bi[s]} (all of them
     * when they fit, else a uniform draw without replacement), padded with item 0 at weight 0;
     * the weights of a row sum to 1 (0 for a user with no other item).
     */
    Batch sample(int[] bu, int[] bi, int h, UniformRandomProvider rng) {
        int b = bu.length;
        int[] idx = new int[b * h];
        float[] weight = new float[b * h];
        int[] pool = new int[0];
        for (int s = 0; s < b; s++) {
            int u = bu[s];
            int n = 0;
            if (pool.length < size(u)) {
                pool = new int[size(u)];
            }
            for (int k = 0; k < size(u); k++) {
                if (item(u, k) != bi[s]) {
                    pool[n++] = item(u, k);
                }
            }
            int take = Math.min(n, h);
            for (int k = 0; k < take; k++) { // partial Fisher-Yates
                int j = k + rng.nextInt(n - k);
                int t = pool[k];
                pool[k] = pool[j];
                pool[j] = t;
                idx[s * h + k] = pool[k];
                weight[s * h + k] = 1f / take;
            }
        }
        return new Batch(idx, weight, h);
    }

    /** Padded history indices {@code [b, h]} and their averaging weights. */
    record Batch(int[] idx, float[] weight, int h) {}
}
