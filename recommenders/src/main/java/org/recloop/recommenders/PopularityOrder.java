package org.recloop.recommenders;

import java.util.Arrays;

/** Item ids ranked by a count, the fallback order many recommenders share. */
public final class PopularityOrder {
    private PopularityOrder() {}

    /** Item ids by descending count; ties go to the smaller id. */
    public static int[] of(long[] counts) {
        Integer[] idx = new Integer[counts.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int[] o = new int[idx.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = idx[i];
        }
        return o;
    }
}
