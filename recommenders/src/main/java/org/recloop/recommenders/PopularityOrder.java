package org.recloop.recommenders;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;

/** Item ids ranked by a count, the fallback order many recommenders share. */
public final class PopularityOrder {
    private PopularityOrder() {}

    /** Item ids by descending number of rows (clicks) in {@code log}; ties go to the smaller id. */
    public static int[] ofClicks(Interactions log) {
        return of(clicks(log));
    }

    /** The number of rows (clicks) of each item of {@code log}, whatever the rows' values. */
    public static long[] clicks(Interactions log) {
        long[] counts = new long[log.numItems()];
        for (int item : log.items()) {
            counts[item]++;
        }
        return counts;
    }

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
