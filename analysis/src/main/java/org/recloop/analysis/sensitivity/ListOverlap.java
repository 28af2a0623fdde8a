package org.recloop.analysis.sensitivity;

/**
 * Overlap of two top-K lists of item ids (distinct ids within a list; a list may be shorter than
 * K when the recommender ran out of candidates). Both measures are 1 for identical lists and 0
 * for disjoint ones; two empty lists count as identical (1).
 */
public final class ListOverlap {

    /** The persistence of RBO used by the study: the top 10 ranks carry about 86% of the weight. */
    public static final double DEFAULT_RBO_P = 0.9;

    private ListOverlap() {}

    /**
     * Jaccard@K: |A ∩ B| / |A ∪ B| of the first K items of each list, ignoring order.
     *
     * @throws IllegalArgumentException if k &lt;= 0
     */
    public static double jaccard(int[] a, int[] b, int k) {
        checkK(k);
        int na = Math.min(k, a.length);
        int nb = Math.min(k, b.length);
        if (na == 0 && nb == 0) {
            return 1;
        }
        int common = 0;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                if (a[i] == b[j]) {
                    common++;
                    break;
                }
            }
        }
        return (double) common / (na + nb - common);
    }

    /**
     * Rank-biased overlap at depth K, in its truncated form normalised to [0, 1] (Webber, Moffat
     * and Zobel 2010, eq. 7 cut at depth K): with A_d = |A[:d] ∩ B[:d]| / d the agreement at depth
     * d, {@code RBO@K = sum_{d=1..K} p^(d-1) A_d / sum_{d=1..K} p^(d-1)}. Dividing by the weight
     * mass of the first K ranks (instead of the (1 - p) of the infinite sum) makes identical
     * top-K lists score exactly 1, so the value reads like Jaccard but weighs changes near the
     * top more. A list shorter than d contributes its whole length at depth d.
     *
     * @param p persistence in (0, 1): the chance a reader goes on to the next rank
     * @throws IllegalArgumentException if k &lt;= 0 or p is outside (0, 1)
     */
    public static double rbo(int[] a, int[] b, int k, double p) {
        checkK(k);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("RBO persistence p must be in (0, 1), was " + p);
        }
        if (Math.min(k, a.length) == 0 && Math.min(k, b.length) == 0) {
            return 1;
        }
        double sum = 0;
        double mass = 0;
        double w = 1;
        int overlap = 0; // |A[:d] ∩ B[:d]|, updated incrementally
        for (int d = 1; d <= k; d++) {
            int x = d <= a.length ? a[d - 1] : -1;
            int y = d <= b.length ? b[d - 1] : -1;
            if (x >= 0 && y >= 0 && x == y) {
                overlap++;
            } else {
                if (x >= 0 && contains(b, Math.min(d - 1, b.length), x)) {
                    overlap++;
                }
                if (y >= 0 && contains(a, Math.min(d - 1, a.length), y)) {
                    overlap++;
                }
            }
            sum += w * overlap / d;
            mass += w;
            w *= p;
        }
        return sum / mass;
    }

    /** Whether {@code item} is among the first {@code n} entries of {@code list}. */
    private static boolean contains(int[] list, int n, int item) {
        for (int i = 0; i < n; i++) {
            if (list[i] == item) {
                return true;
            }
        }
        return false;
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
    }
}
