package org.recloop.core.world;

import java.util.Arrays;

/**
 * Directed follow edges. Built once in compressed (CSR) form; follow/unfollow during a run
 * switch the touched user to a private growable row, so a graph that changes little stays
 * compact. Neighbours are kept in ascending order, which makes iteration deterministic.
 *
 * <p>Mutated only on the simulation thread; read concurrently in the other phases.
 */
public final class SocialGraph {

    private int users;
    private int[] offsets;
    private final int[] targets;
    /** Rows that were mutated since construction; null while the row still lives in the CSR. */
    private int[][] rows;
    private int[] rowSizes;
    private long edges;

    private SocialGraph(int users, int[] offsets, int[] targets) {
        this.users = users;
        this.offsets = offsets;
        this.targets = targets;
        this.rows = new int[users][];
        this.rowSizes = new int[users];
        this.edges = targets.length;
    }

    public static SocialGraph empty(int users) {
        return new SocialGraph(users, new int[users + 1], new int[0]);
    }

    /**
     * Builds a graph from parallel arrays of follower and followee ids. Duplicate edges and
     * self-loops are dropped.
     */
    public static SocialGraph fromEdges(int users, int[] from, int[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("from and to differ in length");
        }
        int[] counts = new int[users + 1];
        for (int e = 0; e < from.length; e++) {
            check(users, from[e]);
            check(users, to[e]);
            counts[from[e] + 1]++;
        }
        for (int u = 0; u < users; u++) {
            counts[u + 1] += counts[u];
        }
        int[] raw = new int[from.length];
        int[] fill = Arrays.copyOf(counts, users);
        for (int e = 0; e < from.length; e++) {
            raw[fill[from[e]]++] = to[e];
        }
        // sort and de-duplicate each row
        int[] offsets = new int[users + 1];
        int w = 0;
        for (int u = 0; u < users; u++) {
            int s = counts[u];
            int t = counts[u + 1];
            Arrays.sort(raw, s, t);
            offsets[u] = w;
            for (int i = s; i < t; i++) {
                if (raw[i] != u && (w == offsets[u] || raw[w - 1] != raw[i])) {
                    raw[w++] = raw[i];
                }
            }
        }
        offsets[users] = w;
        return new SocialGraph(users, offsets, Arrays.copyOf(raw, w));
    }

    private static void check(int users, int u) {
        if (u < 0 || u >= users) {
            throw new IllegalArgumentException("user id " + u + " outside [0, " + users + ")");
        }
    }

    /** Number of users, including those added during the run. */
    public int users() {
        return users;
    }

    /**
     * Makes room for {@code n} more users who follow nobody and have no followers (accounts added
     * during a run); their rows start empty in the compressed form.
     */
    public void addUsers(int n) {
        int need = Math.addExact(users, n);
        if (need > rows.length) {
            int cap = Math.max(need, rows.length * 2);
            int old = offsets.length;
            offsets = Arrays.copyOf(offsets, cap + 1);
            Arrays.fill(offsets, old, cap + 1, offsets[old - 1]);
            rows = Arrays.copyOf(rows, cap);
            rowSizes = Arrays.copyOf(rowSizes, cap);
        }
        users = need;
    }

    /** Removes every edge from and to {@code user}; returns how many. */
    public int removeUser(int user) {
        check(users, user);
        int removed = 0;
        for (int i = outDegree(user) - 1; i >= 0; i--) {
            if (unfollow(user, followee(user, i))) {
                removed++;
            }
        }
        for (int v = 0; v < users; v++) {
            if (v != user && unfollow(v, user)) {
                removed++;
            }
        }
        return removed;
    }

    public long edgeCount() {
        return edges;
    }

    public int outDegree(int user) {
        return rows[user] != null ? rowSizes[user] : offsets[user + 1] - offsets[user];
    }

    /** The i-th followee of {@code user}, in ascending id order. */
    public int followee(int user, int i) {
        if (i < 0 || i >= outDegree(user)) {
            throw new IndexOutOfBoundsException("followee " + i + " of user " + user + " with out-degree "
                    + outDegree(user));
        }
        if (rows[user] != null) {
            return rows[user][i];
        }
        return targets[offsets[user] + i];
    }

    public boolean follows(int user, int other) {
        check(users, user);
        check(users, other);
        if (rows[user] != null) {
            return Arrays.binarySearch(rows[user], 0, rowSizes[user], other) >= 0;
        }
        return Arrays.binarySearch(targets, offsets[user], offsets[user + 1], other) >= 0;
    }

    /** Adds the edge user→other; returns false if it existed or is a self-loop. */
    public boolean follow(int user, int other) {
        check(users, user);
        check(users, other);
        if (user == other || follows(user, other)) {
            return false;
        }
        int[] row = ownRow(user);
        int n = rowSizes[user];
        if (n == row.length) {
            row = Arrays.copyOf(row, Math.max(4, n * 2));
            rows[user] = row;
        }
        int ins = -Arrays.binarySearch(row, 0, n, other) - 1;
        System.arraycopy(row, ins, row, ins + 1, n - ins);
        row[ins] = other;
        rowSizes[user] = n + 1;
        edges++;
        return true;
    }

    /** Removes the edge user→other; returns false if there was none. */
    public boolean unfollow(int user, int other) {
        if (!follows(user, other)) {
            return false;
        }
        int[] row = ownRow(user);
        int n = rowSizes[user];
        int pos = Arrays.binarySearch(row, 0, n, other);
        System.arraycopy(row, pos + 1, row, pos, n - pos - 1);
        rowSizes[user] = n - 1;
        edges--;
        return true;
    }

    private int[] ownRow(int user) {
        if (rows[user] == null) {
            int s = offsets[user];
            int n = offsets[user + 1] - s;
            rows[user] = Arrays.copyOfRange(targets, s, s + n + 4);
            rowSizes[user] = n;
        }
        return rows[user];
    }
}
