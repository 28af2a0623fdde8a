package org.recloop.recommenders.content;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;

/**
 * The normal equations of the counts fit, carried from one fit to the next: the catalog's Gram
 * matrix (see {@link #gram}) and the per-user sums {@code b_u = Σ_{u's clicks} a_item}. Why: with a refit every step the log given to each fit is the previous one plus one
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
    /** {@code G = Σ_i a_i a_iᵀ} of the catalog state below (its feature array is replaced when items are added). */
    private double[] gram;
    private float[] gramFeatures;
    private int gramItems;
    private int gramDim;

    /**
     * The catalog's Gram matrix {@code Σ_i a_i a_iᵀ} (d × d, row-major), computed again only when
     * the catalog changed: the same for every fit of a fixed catalog, and a fit at every step would
     * otherwise recompute items × d² products each time (run cold, in the interpreter, early in a
     * run). Do not modify the returned array.
     */
    double[] gram(Catalog cat) {
        int d = cat.dim();
        int items = cat.size();
        if (gram != null && gramFeatures == cat.features() && gramItems == items && gramDim == d) {
            return gram;
        }
        double[] g = new double[d * d];
        for (int i = 0; i < items; i++) {
            for (int a = 0; a < d; a++) {
                double xa = cat.feature(i, a);
                if (xa == 0) {
                    continue;
                }
                for (int c = 0; c < d; c++) {
                    g[a * d + c] += xa * cat.feature(i, c);
                }
            }
        }
        gram = g;
        gramFeatures = cat.features();
        gramItems = items;
        gramDim = d;
        return g;
    }

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
