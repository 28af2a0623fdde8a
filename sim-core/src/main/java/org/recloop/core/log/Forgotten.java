package org.recloop.core.log;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.recloop.core.serve.Interactions;

/**
 * What a run has been asked to forget so far, held in memory so that readers can leave those
 * rows out without a join per row (the log keeps the same facts in its {@code forgotten} table
 * for readers of a finished run). Forgetting tombstones rows instead of deleting them: the
 * audit needs to show what was forgotten and when, an attack or unlearning study needs the
 * before and after, and deleting from a log written by a background writer would race with it.
 * Used on one thread at a time.
 */
final class Forgotten {

    private final BitSet users = new BitSet();
    private final BitSet items = new BitSet();
    private final Set<Long> pairs = new HashSet<>();

    void add(ForgetRequest r) {
        int[] ids = r.ids();
        switch (r.scope()) {
            case USERS -> {
                for (int u : ids) {
                    users.set(u);
                }
            }
            case ITEMS -> {
                for (int i : ids) {
                    items.set(i);
                }
            }
            case INTERACTIONS -> {
                int[] its = r.items();
                for (int k = 0; k < ids.length; k++) {
                    pairs.add(pair(ids[k], its[k]));
                }
            }
        }
    }

    /** Adds one tombstone row of the {@code forgotten} table (null ids as -1). */
    void add(ForgetRequest.Scope scope, int user, int item) {
        switch (scope) {
            case USERS -> users.set(user);
            case ITEMS -> items.set(item);
            case INTERACTIONS -> pairs.add(pair(user, item));
        }
    }

    boolean isEmpty() {
        return users.isEmpty() && items.isEmpty() && pairs.isEmpty();
    }

    /** Whether the interaction of {@code user} with {@code item} has been forgotten. */
    boolean covers(int user, int item) {
        return users.get(user) || (item >= 0 && items.get(item)) || (!pairs.isEmpty() && pairs.contains(pair(user, item)));
    }

    /**
     * Whether an event is forgotten: its user's or item's, its pair's, or one whose target user
     * (a follow, a message) is forgotten.
     */
    boolean coversEvent(int user, int item, int target) {
        return covers(user, item) || (target >= 0 && users.get(target));
    }

    /** Whether an exposure is forgotten: shown to a forgotten user, or of a forgotten item. */
    boolean coversExposure(int user, int item) {
        return users.get(user) || (item >= 0 && items.get(item));
    }

    /** Whether everything of the user is forgotten (their state snapshots included). */
    boolean coversUser(int user) {
        return users.get(user);
    }

    /** The interactions that are not forgotten, in the same order. */
    Interactions filter(Interactions in) {
        int n = in.size();
        int[] us = in.users();
        int[] is = in.items();
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (!covers(us[r], is[r])) {
                kept++;
            }
        }
        int[] u = new int[kept];
        int[] i = new int[kept];
        int[] t = new int[kept];
        float[] v = new float[kept];
        for (int r = 0, k = 0; r < n; r++) {
            if (!covers(us[r], is[r])) {
                u[k] = us[r];
                i[k] = is[r];
                t[k] = in.ticks()[r];
                v[k] = in.values()[r];
                k++;
            }
        }
        return new Interactions(u, i, t, v, in.numUsers(), in.numItems());
    }

    private static long pair(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }
}
