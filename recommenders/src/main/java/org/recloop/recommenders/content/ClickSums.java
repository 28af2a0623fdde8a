package org.recloop.recommenders.content;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;

/**
 * The per-user sums {@code b_u = Σ_{u's clicks} a_item} of the counts fit, carried from one fit to
 * the next. Why: with a refit every step the log given to each fit is the previous one plus one
 * tick's clicks, and summing every click again made each refit O(all clicks × d).
 *
 * <p>Exact: a fit whose log starts with exactly the rows already summed (same users and items,
 * same order: compared, not assumed) only adds the new rows, in log order, so each user's sum sees
 * the same additions in the same order as a sum from scratch and is the same double. Any other log
 * (a sliding window, forgotten clicks, a new recommender instance) is summed from scratch. A click
 * on an item the catalog had no row for is left out, as {@link CountProfiles#fit} does; such a fit
 * is not carried, since a later, larger catalog would count it.
 *
 * <p>Simulation thread only (fits are serial).
 */
final class ClickSums {

    private int[] users = new int[0];
    private int[] items = new int[0];
    /** Rows of the last log summed into {@link #b}; -1: nothing to carry. */
    private int rows = -1;
    private int dim;
    private int numUsersSeen;
    private double[][] b = new double[0][];

    /**
     * {@code b[u]} for every user below {@code max(all.numUsers(), largest user id + 1)}, null for
     * users without clicks on a catalog item. The arrays are owned by this object: read them before
     * the next call.
     */
    double[][] of(Interactions all, Catalog cat) {
        int d = cat.dim();
        int n = all.size();
        int[] us = all.users();
        int[] is = all.items();
        boolean carry = rows >= 0 && d == dim && all.numUsers() >= numUsersSeen && n >= rows && Arrays.equals(us, 0, rows, users, 0, rows)
                && Arrays.equals(is, 0, rows, items, 0, rows);
        int from = carry ? rows : 0;
        int numUsers = Math.max(all.numUsers(), carry ? b.length : 0);
        for (int r = from; r < n; r++) {
            numUsers = Math.max(numUsers, us[r] + 1);
        }
        if (!carry) {
            b = new double[numUsers][];
        } else if (b.length < numUsers) {
            b = Arrays.copyOf(b, numUsers);
        }
        int catItems = cat.size();
        boolean skipped = false;
        for (int r = from; r < n; r++) {
            int u = us[r];
            int item = is[r];
            if (item >= catItems) {
                skipped = true; // an item the catalog no longer has rows for cannot be fitted
                continue;
            }
            double[] bu = b[u];
            if (bu == null) {
                bu = new double[d];
                b[u] = bu;
            }
            for (int a = 0; a < d; a++) {
                bu[a] += cat.feature(item, a);
            }
        }
        dim = d;
        numUsersSeen = all.numUsers();
        if (skipped) {
            rows = -1;
            users = new int[0];
            items = new int[0];
        } else {
            rows = n;
            users = Arrays.copyOf(us, n);
            items = Arrays.copyOf(is, n);
        }
        return b;
    }
}
