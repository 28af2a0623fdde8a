package org.recloop.core.world;

import java.util.Arrays;

/**
 * The set of items each user has consumed (clicked), as a sorted int array per user. Used to
 * exclude consumed items from slates and by metrics such as homogenisation.
 *
 * <p>Written only by the kernel on the simulation thread, between React and the next Serve;
 * read concurrently during Serve.
 */
public final class ConsumptionHistory {

    private static final int[] EMPTY = new int[0];
    private int[][] items;
    private int[] sizes;
    private int users;

    public ConsumptionHistory(int users) {
        items = new int[users][];
        Arrays.fill(items, EMPTY);
        sizes = new int[users];
        this.users = users;
    }

    /** Number of users, including those added during the run. */
    public int users() {
        return users;
    }

    /** Makes room for {@code n} more users with empty histories (accounts added during a run). */
    public void addUsers(int n) {
        int need = Math.addExact(users, n);
        if (need > sizes.length) {
            int cap = Math.max(need, sizes.length * 2);
            int old = items.length;
            items = Arrays.copyOf(items, cap);
            Arrays.fill(items, old, cap, EMPTY);
            sizes = Arrays.copyOf(sizes, cap);
        }
        users = need;
    }

    /** Forgets everything the user consumed. */
    public void clear(int user) {
        items[user] = EMPTY;
        sizes[user] = 0;
    }

    /** Removes one item from a user's history; returns false if it was not there. */
    public boolean remove(int user, int item) {
        int n = sizes[user];
        int[] a = items[user];
        int pos = Arrays.binarySearch(a, 0, n, item);
        if (pos < 0) {
            return false;
        }
        System.arraycopy(a, pos + 1, a, pos, n - pos - 1);
        sizes[user] = n - 1;
        return true;
    }

    /** Adds an item; returns false if the user had consumed it already. */
    public boolean add(int user, int item) {
        int n = sizes[user];
        int[] a = items[user];
        int pos = Arrays.binarySearch(a, 0, n, item);
        if (pos >= 0) {
            return false;
        }
        int ins = -pos - 1;
        if (n == a.length) {
            a = Arrays.copyOf(a, Math.max(4, n * 2));
            items[user] = a;
        }
        System.arraycopy(a, ins, a, ins + 1, n - ins);
        a[ins] = item;
        sizes[user] = n + 1;
        return true;
    }

    public boolean contains(int user, int item) {
        return Arrays.binarySearch(items[user], 0, sizes[user], item) >= 0;
    }

    public int size(int user) {
        return sizes[user];
    }

    /** The i-th smallest item id the user consumed. */
    public int item(int user, int i) {
        if (i >= sizes[user]) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[user][i];
    }

    /** A copy of the user's consumed items, ascending. */
    public int[] itemsOf(int user) {
        return Arrays.copyOf(items[user], sizes[user]);
    }

    /** Number of items both users consumed (sorted merge). */
    public int intersectionSize(int u, int v) {
        int[] a = items[u];
        int[] b = items[v];
        int na = sizes[u];
        int nb = sizes[v];
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < na && j < nb) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                common++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** Jaccard similarity of two users' consumed sets; NaN when both are empty. */
    public double jaccard(int u, int v) {
        int inter = intersectionSize(u, v);
        int union = sizes[u] + sizes[v] - inter;
        return union == 0 ? Double.NaN : (double) inter / union;
    }
}
