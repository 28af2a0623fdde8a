package org.recloop.recommenders.knn;

import java.util.Arrays;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.SparseMatrix;
import org.recloop.recommenders.TrainingBlocks;

/**
 * The neighbour search both kNN recommenders fit: for every row of the user-item matrix (items
 * for {@link ItemKnnRecommender}, users for {@link UserKnnRecommender}) its most similar other
 * rows by the shrunk cosine of Ferrari Dacrema, Cremonesi and Jannach (RecSys 2019). One search
 * serves both sides, so that their similarities, tie rules and thread-independence are the same.
 */
final class CosineNeighbours {
    /** Rows rebuilt per block of this many; small enough to spread a few hundred rows over threads. */
    private static final int BLOCK = 64;

    private CosineNeighbours() {}

    /**
     * The neighbour lists of the rows of {@code m} ({@code mt} is its transpose), on the 0/1
     * matrix when {@code binary}, else on the click counts; see {@link #neighbours}.
     */
    static SparseMatrix of(SparseMatrix m, SparseMatrix mt, boolean binary, int n, double shrink, TrainContext ctx) {
        return binary ? neighbours(m.binary(), mt.binary(), n, shrink, ctx) : neighbours(m, mt, n, shrink, ctx);
    }

    /**
     * For every row a of {@code m}, its {@code n} most similar other rows b by
     * {@code m_a·m_b / (|m_a| |m_b| + shrink)}, best first (ties: smaller id), among the rows
     * sharing at least one column with a. {@code mt} is the transpose of {@code m}. Returns the
     * neighbour lists as a CSR with the similarities as values.
     */
    private static SparseMatrix neighbours(SparseMatrix m, SparseMatrix mt, int n, double shrink, TrainContext ctx) {
        int rows = m.rows();
        double[] norm = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int a = m.off()[r]; a < m.off()[r + 1]; a++) {
                s += (double) m.vals()[a] * m.vals()[a];
            }
            norm[r] = Math.sqrt(s);
        }
        int blocks = (rows + BLOCK - 1) / BLOCK;
        int[] count = new int[rows];
        int[][] blockCols = new int[blocks][];
        float[][] blockVals = new float[blocks][];
        int keep = n;
        TrainingBlocks.run(blocks, ctx, () -> new RowScratch(rows, keep), (RowScratch sc, int b) -> {
            int from = b * BLOCK;
            int to = Math.min(rows, from + BLOCK);
            int cap = Math.toIntExact(Math.min((long) (to - from) * keep, (long) (to - from) * rows));
            int[] bc = new int[cap];
            float[] bv = new float[cap];
            int w = 0;
            for (int r = from; r < to; r++) {
                int got = sc.topNeighbours(m, mt, norm, shrink, r);
                System.arraycopy(sc.outCols, 0, bc, w, got);
                System.arraycopy(sc.outVals, 0, bv, w, got);
                count[r] = got;
                w += got;
            }
            blockCols[b] = Arrays.copyOf(bc, w);
            blockVals[b] = Arrays.copyOf(bv, w);
        });
        int[] off = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            off[r + 1] = off[r] + count[r];
        }
        int[] cols = new int[off[rows]];
        float[] vals = new float[off[rows]];
        for (int b = 0; b < blocks; b++) {
            int at = off[b * BLOCK];
            System.arraycopy(blockCols[b], 0, cols, at, blockCols[b].length);
            System.arraycopy(blockVals[b], 0, vals, at, blockVals[b].length);
        }
        return new SparseMatrix(off, cols, vals);
    }

    /** Per-worker buffers of the neighbour search: a dense accumulator over rows, cleared after use. */
    private static final class RowScratch {
        final double[] dot;
        final int[] touched;
        final TopK top;
        final int[] outCols;
        final float[] outVals;

        RowScratch(int rows, int n) {
            dot = new double[rows];
            touched = new int[rows];
            int cap = Math.min(n, rows);
            top = new TopK(cap);
            outCols = new int[cap];
            outVals = new float[cap];
        }

        /** Fills outCols/outVals with the neighbours of row a, best first; returns how many. */
        int topNeighbours(SparseMatrix m, SparseMatrix mt, double[] norm, double shrink, int a) {
            int t = 0;
            for (int x = m.off()[a]; x < m.off()[a + 1]; x++) {
                int c = m.cols()[x];
                double va = m.vals()[x];
                for (int y = mt.off()[c]; y < mt.off()[c + 1]; y++) {
                    int b = mt.cols()[y];
                    if (b == a) {
                        continue;
                    }
                    if (dot[b] == 0) {
                        touched[t++] = b; // values are positive, so a touched row has dot > 0
                    }
                    dot[b] += va * mt.vals()[y];
                }
            }
            top.reset(Math.min(outCols.length, t));
            double na = norm[a];
            for (int q = 0; q < t; q++) {
                int b = touched[q];
                top.offer(b, (float) (dot[b] / (na * norm[b] + shrink)));
                dot[b] = 0;
            }
            return top.drainSorted(outCols, outVals);
        }
    }
}
