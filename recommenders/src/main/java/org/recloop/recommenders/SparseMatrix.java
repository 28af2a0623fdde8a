package org.recloop.recommenders;

import java.util.Arrays;
import org.recloop.core.serve.Interactions;

/**
 * A sparse matrix in compressed rows (CSR), the one sparse type of the neighbourhood and factor
 * models: row r holds columns {@code cols[off[r] .. off[r+1])}, ascending, with values {@code
 * vals} at the same positions. Immutable by convention once built (the arrays are shared, not
 * copied, so hot loops read them directly).
 *
 * @param off row offsets, {@code rows() + 1} of them
 * @param cols column ids
 * @param vals values
 */
public record SparseMatrix(int[] off, int[] cols, float[] vals) {

    public int rows() {
        return off.length - 1;
    }

    /** The columns of row r (a copy). */
    public int[] row(int r) {
        return Arrays.copyOfRange(cols, off[r], off[r + 1]);
    }

    /** The values of row r (a copy). */
    public float[] rowValues(int r) {
        return Arrays.copyOfRange(vals, off[r], off[r + 1]);
    }

    /**
     * User-major click counts: duplicate (user, item) rows of the log add up. Ids must lie below
     * the interactions' numUsers / numItems, else the row is named in the exception.
     */
    public static SparseMatrix userMajor(Interactions data) {
        int n = data.size();
        int[] us = data.users();
        int[] is = data.items();
        long[] keys = new long[n];
        for (int r = 0; r < n; r++) {
            if (us[r] < 0 || us[r] >= data.numUsers() || is[r] < 0 || is[r] >= data.numItems()) {
                throw new IllegalArgumentException("interaction " + r + " (user " + us[r] + ", item " + is[r]
                        + ") outside " + data.numUsers() + " users x " + data.numItems() + " items");
            }
            keys[r] = ((long) us[r] << 32) | is[r];
        }
        Arrays.sort(keys);
        int[] off = new int[data.numUsers() + 1];
        int[] cols = new int[n];
        float[] vals = new float[n];
        int w = -1;
        long prev = -1;
        for (long key : keys) {
            if (key == prev) {
                vals[w] += 1f;
            } else {
                w++;
                cols[w] = (int) key;
                vals[w] = 1f;
                off[(int) (key >>> 32) + 1]++;
                prev = key;
            }
        }
        for (int u = 0; u < data.numUsers(); u++) {
            off[u + 1] += off[u];
        }
        return new SparseMatrix(off, Arrays.copyOf(cols, w + 1), Arrays.copyOf(vals, w + 1));
    }

    /** The transpose, with {@code numCols} rows; each new row lists the old rows ascending. */
    public SparseMatrix transpose(int numCols) {
        int nnz = cols.length;
        int[] toff = new int[numCols + 1];
        for (int c : cols) {
            toff[c + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            toff[c + 1] += toff[c];
        }
        int[] fill = Arrays.copyOf(toff, numCols);
        int[] tc = new int[nnz];
        float[] tv = new float[nnz];
        for (int r = 0; r < rows(); r++) {
            for (int a = off[r]; a < off[r + 1]; a++) {
                int c = cols[a];
                tc[fill[c]] = r;
                tv[fill[c]++] = vals[a];
            }
        }
        return new SparseMatrix(toff, tc, tv);
    }

    /** The same pattern with every value 1. */
    public SparseMatrix binary() {
        float[] ones = new float[cols.length];
        Arrays.fill(ones, 1f);
        return new SparseMatrix(off, cols, ones);
    }

    /** The same pattern with each value multiplied by its column's weight {@code w[col]}. */
    public SparseMatrix columnsWeighted(float[] w) {
        float[] v = vals.clone();
        for (int j = 0; j < v.length; j++) {
            v[j] *= w[cols[j]];
        }
        return new SparseMatrix(off, cols, v);
    }
}
