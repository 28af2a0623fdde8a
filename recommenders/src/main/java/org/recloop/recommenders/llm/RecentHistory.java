package org.recloop.recommenders.llm;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;

/**
 * Each user's last {@code length} interacted items, oldest first, for the prompt: the consumption
 * history the kernel keeps is a sorted set, which forgets the order. Rebuilt on every fit from all
 * interactions (so forgotten data leaves it with the refit), appended to by every tick's update.
 *
 * <p>Threading: written on the simulation thread (fit, update), read while serving, never both at
 * once (the {@link org.recloop.core.serve.Recommender} contract).
 */
final class RecentHistory {

    private static final int[] EMPTY = new int[0];
    private final int length;
    private int[][] items = new int[0][];
    private int[] counts = new int[0];

    RecentHistory(int length) {
        this.length = length;
    }

    void reset() {
        items = new int[0][];
        counts = new int[0];
    }

    /** Appends the interactions in their order (the log's: by tick). */
    void add(Interactions in) {
        if (length == 0) {
            return;
        }
        for (int i = 0; i < in.size(); i++) {
            int u = in.users()[i];
            grow(u + 1);
            if (items[u] == null) {
                items[u] = new int[length];
            }
            items[u][counts[u] % length] = in.items()[i];
            counts[u]++;
        }
    }

    /** The user's last items, oldest first (at most {@code length}). */
    int[] of(int user) {
        if (user >= counts.length || counts[user] == 0) {
            return EMPTY;
        }
        int c = counts[user];
        int n = Math.min(c, length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = items[user][(c - n + i) % length];
        }
        return out;
    }

    private void grow(int users) {
        if (users > counts.length) {
            int cap = Math.max(users, counts.length * 2);
            items = Arrays.copyOf(items, cap);
            counts = Arrays.copyOf(counts, cap);
        }
    }
}
