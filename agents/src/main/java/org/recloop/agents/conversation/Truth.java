package org.recloop.agents.conversation;

import org.recloop.core.world.World;

/**
 * One user's true view of the catalog at the start of a conversation: the rank of every item by
 * true utility among the items the user has not consumed (retired items excluded). What the rule
 * user decides from, and what recall@k and the rule user's rating measure against.
 */
final class Truth {

    private final int[] rank; // item -> rank from 0, or -1 (consumed, retired)
    private final int[] order;
    private final float[] score;

    private Truth(int[] rank, int[] order, float[] score) {
        this.rank = rank;
        this.order = order;
        this.score = score;
    }

    static Truth of(World world, int user) {
        var catalog = world.catalog();
        int n = catalog.size();
        float[] score = new float[n];
        int m = 0;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (catalog.isRetired(i) || world.history().contains(user, i)) {
                continue;
            }
            score[i] = world.population().trueScore(catalog, user, i);
            idx[m++] = i;
        }
        Integer[] open = java.util.Arrays.copyOf(idx, m);
        // by true utility, ties by id: deterministic
        java.util.Arrays.sort(open, (a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a])
                : Integer.compare(a, b));
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        int[] order = new int[m];
        for (int r = 0; r < m; r++) {
            order[r] = open[r];
            rank[open[r]] = r;
        }
        return new Truth(rank, order, score);
    }

    /** The item's rank among the unconsumed items (0 = best), -1 when consumed or retired or unknown. */
    int rank(int item) {
        return item >= 0 && item < rank.length ? rank[item] : -1;
    }

    /** Unconsumed items. */
    int open() {
        return order.length;
    }

    /** The topic of the best unconsumed item, -1 when there is none. */
    int topTopic(World world) {
        return order.length == 0 ? -1 : world.catalog().topic(order[0]);
    }

    /** The item's true utility (0 for consumed ones). */
    float score(int item) {
        return score[item];
    }
}
