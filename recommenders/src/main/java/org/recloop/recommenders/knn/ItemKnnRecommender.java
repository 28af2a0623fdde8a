package org.recloop.recommenders.knn;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.recloop.core.config.Check;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SparseScores;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.SparseMatrix;
import org.recloop.recommenders.TrainingBlocks;

/**
 * Item-based k-nearest-neighbour collaborative filtering (Sarwar, Karypis, Konstan and Riedl,
 * "Item-Based Collaborative Filtering Recommendation Algorithms", WWW 2001), in the top-N form of
 * Deshpande and Karypis ("Item-Based Top-N Recommendation Algorithms", ACM TOIS 22(1), 2004),
 * with the shrunk cosine of Ferrari Dacrema, Cremonesi and Jannach ("Are We Really Making Much
 * Progress?", RecSys 2019).
 *
 * <p>Let {@code x_i} be the column of item i in the user-item matrix of the training log, with
 * entry 1 if the user clicked i ({@code binary}) or the user's number of clicks on i. Then
 * {@code sim(i, j) = x_i·x_j / (|x_i| |x_j| + shrinkage)}; the shrinkage term pulls similarities
 * supported by few common users towards 0. Each item j keeps its {@code neighbours} most similar
 * other items {@code N(j)} (ties: smaller id; only items with at least one common user). With
 * {@code I_u} the items user u clicked in the training log,
 *
 * <pre>  score(u, j) = Σ_{i ∈ I_u ∩ N(j)} sim(i, j)</pre>
 *
 * <p>Serving accumulates, for each i in {@code I_u}, {@code sim(i, j)} into every j whose
 * neighbourhood contains i (the transposed neighbour lists), a sparse {@link ItemScorer}; the
 * shared slate ranker keeps the top k unconsumed items. Slates that the neighbourhoods cannot fill, and users without training clicks, get the
 * most clicked items (score 0), then items newer than the model by id. Before the first fit it
 * serves random slates.
 *
 * <p>Cost: building is {@code O(Σ_u |I_u|²)} (every co-clicked pair once per row of each item),
 * memory {@code O(nnz + items·neighbours)}; serving a user is {@code O(|I_u|·neighbours)} plus
 * the selection. Building is split into fixed blocks of items on {@link TrainContext#executor()};
 * each item's neighbour list is computed by one task in a fixed order, so the model does not
 * depend on the thread count.
 */
public final class ItemKnnRecommender extends ScoringRecommender {

    /**
     * @param neighbours neighbours kept per item (N)
     * @param shrinkage added to the norm product in the cosine denominator
     * @param binary if true the matrix holds 1 per clicked pair, else the number of clicks
     */
    public record Params(Integer neighbours, Double shrinkage, Boolean binary) {
        public Params {
            neighbours = Check.positive("neighbours", neighbours == null ? 50 : neighbours);
            shrinkage = Check.nonNegative("shrinkage", shrinkage == null ? 10.0 : shrinkage);
            binary = binary == null || binary;
        }

        public static Params defaults() {
            return new Params(null, null, null);
        }
    }

    /**
     * The fitted model; immutable once published.
     *
     * @param history user-major training matrix (the items of each user, ascending)
     * @param neighbours item-major: N(j) best first, with sim(i, j)
     * @param reverse item-major transpose of {@code neighbours}: row i lists the j with i ∈ N(j)
     * @param popular item ids by descending clicks (ties: smaller id)
     */
    private record Model(int users, int items, SparseMatrix history, SparseMatrix neighbours, SparseMatrix reverse,
            int[] popular) {}

    private final Params p;
    private volatile Model model;
    private int version;

    public ItemKnnRecommender(Params p) {
        this.p = Objects.requireNonNull(p);
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        int items = all.numItems();
        SparseMatrix ui = SparseMatrix.userMajor(all);
        SparseMatrix iu = ui.transpose(items);
        SparseMatrix nb = p.binary()
                ? neighbours(iu.binary(), ui.binary(), p.neighbours(), p.shrinkage(), ctx)
                : neighbours(iu, ui, p.neighbours(), p.shrinkage(), ctx);
        model = new Model(all.numUsers(), items, ui, nb, nb.transpose(items), popularOrder(iu));
        version++;
    }

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Model m = model;
        if (m == null) {
            return Optional.empty();
        }
        SparseMatrix h = m.history();
        SparseMatrix rev = m.reverse();
        return Optional.of(new NeighbourScorer(m.users(), m.items(), m.popular()) {
            @Override
            void scoreKnown(int u, SparseScores into) {
                int[] hoff = h.off();
                int[] hcols = h.cols();
                int[] roff = rev.off();
                int[] rcols = rev.cols();
                float[] rvals = rev.vals();
                for (int a = hoff[u]; a < hoff[u + 1]; a++) {
                    int i = hcols[a];
                    for (int b = roff[i]; b < roff[i + 1]; b++) {
                        into.add(rcols[b], rvals[b]);
                    }
                }
            }
        });
    }

    /** The kept neighbours N(item), best first (empty before the first fit or beyond the model). */
    public int[] neighboursOf(int item) {
        Model m = model;
        return m == null || item >= m.items() ? new int[0] : m.neighbours().row(item);
    }

    /** sim(j, item) for the j of {@link #neighboursOf(int)}, in the same order. */
    public float[] similaritiesOf(int item) {
        Model m = model;
        return m == null || item >= m.items() ? new float[0] : m.neighbours().rowValues(item);
    }

    // ------------------------------------------------------------ shared with UserKnnRecommender

    /** Rows rebuilt per block of this many; small enough to spread a few hundred rows over threads. */
    static final int BLOCK = 64;

    /**
     * For every row a of {@code m}, its {@code n} most similar other rows b by
     * {@code m_a·m_b / (|m_a| |m_b| + shrink)}, best first (ties: smaller id), among the rows
     * sharing at least one column with a. {@code mt} is the transpose of {@code m}. Returns the
     * neighbour lists as a CSR with the similarities as values.
     */
    static SparseMatrix neighbours(SparseMatrix m, SparseMatrix mt, int n, double shrink, TrainContext ctx) {
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

    /** Item ids by descending number of clicks (sum of the item-major row), ties by smaller id. */
    static int[] popularOrder(SparseMatrix itemMajor) {
        int items = itemMajor.rows();
        long[] clicks = new long[items];
        for (int i = 0; i < items; i++) {
            for (int a = itemMajor.off()[i]; a < itemMajor.off()[i + 1]; a++) {
                clicks[i] += (long) itemMajor.vals()[a];
            }
        }
        return PopularityOrder.of(clicks);
    }
}
