package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.recloop.core.log.ForgetRequest;
import org.recloop.recommenders.SparseMatrix;

/**
 * The (user, item) pairs of the last fit's training matrix that a request forgets, with the value
 * they had there (the click count, weighted as the model weighted it). The reverse fine-tuning
 * needs them because the retained data no longer holds them. Sorted by user, then item.
 *
 * @param users user of each pair
 * @param items item of each pair
 * @param values training value of each pair
 */
record ForgetPairs(int[] users, int[] items, float[] values) {

    int size() {
        return users.length;
    }

    static ForgetPairs of(SparseMatrix trained, ForgetRequest r) {
        int rows = trained.rows();
        int[] off = trained.off();
        int[] cols = trained.cols();
        float[] vals = trained.vals();
        int[] ids = r.ids();
        long[] found = new long[16];
        int n = 0;
        switch (r.scope()) {
            case USERS -> {
                for (int u : sortedDistinct(ids)) {
                    for (int j = u < rows ? off[u] : 0; u < rows && j < off[u + 1]; j++) {
                        found = grow(found, n);
                        found[n++] = j;
                    }
                }
            }
            case ITEMS -> {
                int[] its = sortedDistinct(ids);
                for (int u = 0; u < rows; u++) {
                    for (int j = off[u]; j < off[u + 1]; j++) {
                        if (Arrays.binarySearch(its, cols[j]) >= 0) {
                            found = grow(found, n);
                            found[n++] = j;
                        }
                    }
                }
            }
            case INTERACTIONS -> {
                int[] its = r.items();
                for (int k = 0; k < ids.length; k++) {
                    int u = ids[k];
                    int j = u < rows ? Arrays.binarySearch(cols, off[u], off[u + 1], its[k]) : -1;
                    if (j >= 0) {
                        found = grow(found, n);
                        found[n++] = j;
                    }
                }
            }
        }
        long[] pos = Arrays.stream(Arrays.copyOf(found, n)).sorted().distinct().toArray();
        int[] us = new int[pos.length];
        int[] is = new int[pos.length];
        float[] vs = new float[pos.length];
        for (int k = 0; k < pos.length; k++) {
            int j = (int) pos[k];
            int u = Arrays.binarySearch(off, j);
            if (u < 0) {
                u = -u - 2;
            } else {
                while (u + 1 < off.length && off[u + 1] == j) {
                    u++; // empty rows share an offset: the row holding j is the last of them
                }
            }
            us[k] = u;
            is[k] = cols[j];
            vs[k] = vals[j];
        }
        return new ForgetPairs(us, is, vs);
    }

    /** The distinct users of the pairs, ascending. */
    int[] distinctUsers() {
        return sortedDistinct(users);
    }

    /** The distinct items of the pairs, ascending. */
    int[] distinctItems() {
        return sortedDistinct(items);
    }

    private static int[] sortedDistinct(int[] a) {
        return Arrays.stream(a).sorted().distinct().toArray();
    }

    private static long[] grow(long[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
