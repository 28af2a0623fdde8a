package org.recloop.recommenders.knn;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.rng.Purposes;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.baseline.RandomRecommender;

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
 * neighbourhood contains i (the transposed neighbour lists), and keeps the top k unconsumed
 * items. Slates that the neighbourhoods cannot fill, and users without training clicks, get the
 * most clicked items (score 0), then items newer than the model by id. Before the first fit it
 * serves random slates.
 *
 * <p>Cost: building is {@code O(Σ_u |I_u|²)} (every co-clicked pair once per row of each item),
 * memory {@code O(nnz + items·neighbours)}; serving a user is {@code O(|I_u|·neighbours)} plus
 * the selection. Building is split into fixed blocks of items on {@link TrainContext#executor()};
 * each item's neighbour list is computed by one task in a fixed order, so the model does not
 * depend on the thread count.
 */
public final class ItemKnnRecommender implements Recommender {

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
    private record Model(int users, int items, Csr history, Csr neighbours, Csr reverse, int[] popular) {}

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
        Csr ui = Csr.userMajor(all);
        Csr iu = ui.transpose(items);
        Csr nb = p.binary()
                ? neighbours(iu.binary(), ui.binary(), p.neighbours(), p.shrinkage(), ctx)
                : neighbours(iu, ui, p.neighbours(), p.shrinkage(), ctx);
        model = new Model(all.numUsers(), items, ui, nb, nb.transpose(items), popularOrder(iu));
        version++;
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        Model m = model;
        if (m == null) {
            serveRandom(slates, from, to, ctx);
            return;
        }
        Scratch sc = new Scratch(m.items(), slates.k());
        Csr h = m.history();
        Csr rev = m.reverse();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (u < m.users()) {
                for (int a = h.off[u]; a < h.off[u + 1]; a++) {
                    int i = h.cols[a];
                    for (int b = rev.off[i]; b < rev.off[i + 1]; b++) {
                        sc.add(rev.cols[b], rev.vals[b]);
                    }
                }
            }
            sc.emit(slates, s, u, m.popular(), m.items(), ctx);
        }
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
     * A sparse matrix in compressed rows: row r holds columns {@code cols[off[r] .. off[r+1])},
     * ascending, with values {@code vals}. Immutable by convention once built.
     */
    static final class Csr {
        final int[] off;
        final int[] cols;
        final float[] vals;

        Csr(int[] off, int[] cols, float[] vals) {
            this.off = off;
            this.cols = cols;
            this.vals = vals;
        }

        int rows() {
            return off.length - 1;
        }

        int[] row(int r) {
            return Arrays.copyOfRange(cols, off[r], off[r + 1]);
        }

        float[] rowValues(int r) {
            return Arrays.copyOfRange(vals, off[r], off[r + 1]);
        }

        /**
         * User-major click counts: duplicate (user, item) rows of the log add up. Ids must lie
         * below the interactions' numUsers / numItems.
         */
        static Csr userMajor(Interactions data) {
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
            return new Csr(off, Arrays.copyOf(cols, w + 1), Arrays.copyOf(vals, w + 1));
        }

        /** The transpose, with {@code numCols} rows; each new row lists the old rows ascending. */
        Csr transpose(int numCols) {
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
            return new Csr(toff, tc, tv);
        }

        /** The same pattern with every value 1. */
        Csr binary() {
            float[] ones = new float[cols.length];
            Arrays.fill(ones, 1f);
            return new Csr(off, cols, ones);
        }
    }

    /**
     * For every row a of {@code m}, its {@code n} most similar other rows b by
     * {@code m_a·m_b / (|m_a| |m_b| + shrink)}, best first (ties: smaller id), among the rows
     * sharing at least one column with a. {@code mt} is the transpose of {@code m}. Returns the
     * neighbour lists as a CSR with the similarities as values.
     */
    static Csr neighbours(Csr m, Csr mt, int n, double shrink, TrainContext ctx) {
        int rows = m.rows();
        double[] norm = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int a = m.off[r]; a < m.off[r + 1]; a++) {
                s += (double) m.vals[a] * m.vals[a];
            }
            norm[r] = Math.sqrt(s);
        }
        int blocks = (rows + BLOCK - 1) / BLOCK;
        int[] count = new int[rows];
        int[][] blockCols = new int[blocks][];
        float[][] blockVals = new float[blocks][];
        int keep = n;
        runBlocks(blocks, ctx, () -> new RowScratch(rows, keep), (sc, b) -> {
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
        return new Csr(off, cols, vals);
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
        int topNeighbours(Csr m, Csr mt, double[] norm, double shrink, int a) {
            int t = 0;
            for (int x = m.off[a]; x < m.off[a + 1]; x++) {
                int c = m.cols[x];
                double va = m.vals[x];
                for (int y = mt.off[c]; y < mt.off[c + 1]; y++) {
                    int b = mt.cols[y];
                    if (b == a) {
                        continue;
                    }
                    if (dot[b] == 0) {
                        touched[t++] = b; // values are positive, so a touched row has dot > 0
                    }
                    dot[b] += va * mt.vals[y];
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

    @FunctionalInterface
    interface BlockTask<S> {
        void run(S scratch, int block);
    }

    /**
     * Runs {@code task} for blocks 0..blocks-1: on the calling thread if there is no executor,
     * else on {@code ctx.parallelism()} workers that take blocks in turn, each with its own
     * scratch. A block's result must depend only on the block, never on the worker.
     */
    static <S> void runBlocks(int blocks, TrainContext ctx, Supplier<S> scratch, BlockTask<S> task) {
        ExecutorService ex = ctx.executor();
        if (ex == null || blocks <= 1) {
            S s = blocks > 0 ? scratch.get() : null;
            for (int b = 0; b < blocks; b++) {
                task.run(s, b);
            }
            return;
        }
        int workers = Math.max(1, Math.min(blocks, ctx.parallelism()));
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            fs[w] = CompletableFuture.runAsync(() -> {
                S s = scratch.get();
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    task.run(s, b);
                }
            }, ex);
        }
        try {
            CompletableFuture.allOf(fs).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Item ids by descending number of clicks (sum of the item-major row), ties by smaller id. */
    static int[] popularOrder(Csr itemMajor) {
        int items = itemMajor.rows();
        long[] clicks = new long[items];
        for (int i = 0; i < items; i++) {
            for (int a = itemMajor.off[i]; a < itemMajor.off[i + 1]; a++) {
                clicks[i] += (long) itemMajor.vals[a];
            }
        }
        Integer[] idx = new Integer[items];
        for (int i = 0; i < items; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> clicks[a] != clicks[b] ? Long.compare(clicks[b], clicks[a]) : Integer.compare(a, b));
        int[] o = new int[items];
        for (int i = 0; i < items; i++) {
            o[i] = idx[i];
        }
        return o;
    }

    /** Random slates before the first fit, from the serve stream of (user, tick). */
    static void serveRandom(SlateBatch slates, int from, int to, ServeContext ctx) {
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            UniformRandomProvider rng = ctx.streams().stream(Purposes.SERVE, u, ctx.tick());
            RandomRecommender.fill(slates, s, u, ctx.numItems(), slates.k(), ctx.consumed(), rng);
        }
    }

    /**
     * Per-call serving buffers: a sparse score accumulator over the model's items and the top-k
     * selection. One per {@code recommend} call, reused across its users.
     */
    static final class Scratch {
        private final float[] acc;
        private final boolean[] seen;
        private final int[] touched;
        private int size;
        private final TopK top;
        private final int[] outItems;
        private final float[] outScores;

        Scratch(int items, int k) {
            acc = new float[items];
            seen = new boolean[items];
            touched = new int[items];
            top = new TopK(k);
            outItems = new int[k];
            outScores = new float[k];
        }

        void add(int item, float score) {
            if (!seen[item]) {
                seen[item] = true;
                touched[size++] = item;
            }
            acc[item] += score;
        }

        /**
         * Writes slate s of user u: the top k accumulated unconsumed items below ctx.numItems(),
         * then popular items and items beyond the model (score 0) while positions are left; then
         * clears the accumulator.
         */
        void emit(SlateBatch slates, int s, int u, int[] popular, int modelItems, ServeContext ctx) {
            int k = slates.k();
            int n = ctx.numItems();
            ConsumptionHistory consumed = ctx.consumed();
            top.reset(k);
            for (int q = 0; q < size; q++) {
                int j = touched[q];
                if (j < n && acc[j] >= top.threshold() && !consumed.contains(u, j)) {
                    top.offer(j, acc[j]);
                }
            }
            int r = top.drainSorted(outItems, outScores);
            for (int q = 0; q < r; q++) {
                slates.set(s, q, outItems[q], outScores[q], 1f, SlateSource.RECOMMENDER);
            }
            // fewer than k scored candidates: every scored one is on the slate, so skip seen items
            for (int q = 0; q < popular.length && r < k; q++) {
                int j = popular[q];
                if (j < n && !seen[j] && !consumed.contains(u, j)) {
                    slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
                }
            }
            for (int j = modelItems; j < n && r < k; j++) {
                if (!consumed.contains(u, j)) {
                    slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
                }
            }
            for (int q = 0; q < size; q++) {
                int j = touched[q];
                acc[j] = 0f;
                seen[j] = false;
            }
            size = 0;
        }
    }
}
