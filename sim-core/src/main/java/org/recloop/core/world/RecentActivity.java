package org.recloop.core.world;

import java.util.Arrays;

/**
 * Each user's most recent visible engagements (posts, shares, likes), as a ring of fixed
 * capacity per user: what followers see in their social feed and what drives herd behaviour.
 * Arrays are allocated on first use, so platforms without social features pay nothing.
 *
 * <p>Written only by the kernel on the simulation thread after the React phase; read
 * concurrently during Serve and React.
 */
public final class RecentActivity {

    private int users;
    private final int capacity;
    private int[] items;
    private int[] ticks;
    private byte[] types;
    private int[] next;
    private byte[] counts;

    public RecentActivity(int users, int capacity) {
        if (capacity <= 0 || capacity > 127) {
            throw new IllegalArgumentException("capacity must be in [1, 127], was " + capacity);
        }
        this.users = users;
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Number of users, including those added during the run. */
    public int users() {
        return users;
    }

    /** Makes room for {@code n} more users with no activity (accounts added during a run). */
    public void addUsers(int n) {
        int need = Math.addExact(users, n);
        if (items != null && need > next.length) {
            int cap = Math.max(need, next.length * 2);
            items = Arrays.copyOf(items, Math.multiplyExact(cap, capacity));
            ticks = Arrays.copyOf(ticks, cap * capacity);
            types = Arrays.copyOf(types, cap * capacity);
            next = Arrays.copyOf(next, cap);
            counts = Arrays.copyOf(counts, cap);
        }
        users = need;
    }

    /** Forgets every engagement of a user. */
    public void clear(int user) {
        if (counts != null) {
            counts[user] = 0;
            next[user] = 0;
        }
    }

    /**
     * Forgets a user's engagements with the items {@code forget} accepts, keeping the others in
     * their order.
     */
    public void remove(int user, java.util.function.IntPredicate forget) {
        int n = count(user);
        if (n == 0) {
            return;
        }
        int[] keptItems = new int[n];
        int[] keptTicks = new int[n];
        byte[] keptTypes = new byte[n];
        int k = 0;
        for (int i = n - 1; i >= 0; i--) { // oldest first, so record() restores the order
            if (!forget.test(item(user, i))) {
                keptItems[k] = item(user, i);
                keptTicks[k] = tick(user, i);
                keptTypes[k] = typeCode(user, i);
                k++;
            }
        }
        if (k == n) {
            return;
        }
        clear(user);
        for (int i = 0; i < k; i++) {
            record(user, keptItems[i], keptTicks[i], keptTypes[i]);
        }
    }

    /** Records that {@code user} engaged with {@code item} at {@code tick} (event type code). */
    public void record(int user, int item, int tick, byte typeCode) {
        if (items == null) {
            items = new int[users * capacity];
            ticks = new int[users * capacity];
            types = new byte[users * capacity];
            next = new int[users];
            counts = new byte[users];
        }
        if (user >= users) {
            throw new IndexOutOfBoundsException("user " + user + " of " + users);
        }
        int slot = user * capacity + next[user];
        items[slot] = item;
        ticks[slot] = tick;
        types[slot] = typeCode;
        next[user] = (next[user] + 1) % capacity;
        if (counts[user] < capacity) {
            counts[user]++;
        }
    }

    /** Number of engagements kept for a user (at most the capacity). */
    public int count(int user) {
        return counts == null ? 0 : counts[user];
    }

    /** The i-th most recent engagement's item (i = 0 is the newest). */
    public int item(int user, int i) {
        return items[slot(user, i)];
    }

    public int tick(int user, int i) {
        return ticks[slot(user, i)];
    }

    public byte typeCode(int user, int i) {
        return types[slot(user, i)];
    }

    private int slot(int user, int i) {
        if (i < 0 || i >= count(user)) {
            throw new IndexOutOfBoundsException(i);
        }
        int idx = next[user] - 1 - i;
        if (idx < 0) {
            idx += capacity;
        }
        return user * capacity + idx;
    }

    /** True if {@code user} engaged with {@code item} at or after {@code sinceTick}. */
    public boolean engagedSince(int user, int item, int sinceTick) {
        int n = count(user);
        for (int i = 0; i < n; i++) {
            int s = slot(user, i);
            if (ticks[s] < sinceTick) {
                return false; // older from here on
            }
            if (items[s] == item) {
                return true;
            }
        }
        return false;
    }

    /** Clears everything (for tests). */
    public void clear() {
        if (counts != null) {
            Arrays.fill(counts, (byte) 0);
            Arrays.fill(next, 0);
        }
    }
}
