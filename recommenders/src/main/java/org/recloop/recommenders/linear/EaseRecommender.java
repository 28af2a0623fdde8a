package org.recloop.recommenders.linear;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.ColdUsers;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.DenseInverse;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.SparseMatrix;
import org.recloop.recommenders.TrainingBlocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE^R, the "embarrassingly shallow autoencoder" (Steck, "Embarrassingly Shallow Autoencoders
 * for Sparse Data", WWW 2019): an item-item linear model fitted in closed form.
 *
 * <p>With X the binary user-item matrix of the training log ({@code X_ui = 1} if u clicked i),
 * it solves {@code min_B |X - XB|²_F + λ|B|²_F} subject to {@code diag(B) = 0}, whose solution is
 *
 * <pre>  P = (XᵀX + λI)⁻¹,   B_ij = -P_ij / P_jj  (i ≠ j),   B_jj = 0</pre>
 *
 * <p>i.e. {@code B = I - P·diagMat(1/diag(P))} with the diagonal zeroed. A user's scores are
 * {@code x_u·B}: item j gets {@code Σ_{i ∈ I_u} B_ij}; scores may be negative. The top k
 * unconsumed items are served; users without training clicks get the most clicked items (score
 * 0) or what {@code coldUsers} says ({@link ColdUsers}), and items newer than the model come last,
 * by id. Before the first fit it serves random
 * slates.
 *
 * <p>Cost: the Gram matrix takes {@code O(Σ_u |I_u|²)}, the dense inverse {@code O(n³)} time
 * for n catalog items: through the Cholesky in PyTorch's MKL ({@code solver: auto}, the default,
 * when the engine loads) about 20 s of one core for 9,697 items in double, half that in float
 * (which {@code precision: auto}, the default, takes from 4,096 items on); through the pure-Java fallback (EJML's Cholesky, in double,
 * single-threaded) about 10 s for 3,000 items on one core. 16 to 24·n² bytes while fitting and a
 * model of 4·n² bytes (B in float); serving a user is {@code O(|I_u|·n)}. Hence the cap
 * {@code maxItems}: a larger catalog fails the fit with an {@link InvalidParameterException}
 * rather than exhausting memory. The Gram rows and B are computed in fixed blocks of rows on
 * {@link TrainContext#executor()} (each cell written by one task in a fixed order; the inverse
 * runs on the calling thread), so the model does not depend on the thread count.
 */
public final class EaseRecommender extends ScoringRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(EaseRecommender.class);


    /** Largest n for which B (n² floats) fits one Java array. */
    static final int MAX_DENSE = 46_340;

    /**
     * @param lambda L2 regularisation λ added to the diagonal of XᵀX
     * @param maxItems largest catalog the fit accepts (the model is dense n×n)
     * @param solver how the Gram matrix is inverted: {@code auto} (default: the Cholesky of the
     *     MKL inside PyTorch's CPU library when the engine loads, else PyTorch's LU inverse, else
     *     the Java path), {@code torch} (the same without the Java path: fails if PyTorch does not
     *     load), {@code java} (EJML's Cholesky, pure Java)
     * @param precision {@code auto} (default: float from {@link GramSolvers#FLOAT_FROM_ITEMS}
     *     items on, double below), {@code double} or {@code float}: the precision of the native
     *     Cholesky (float halves its time; the Java and LU paths always work in double). B is
     *     stored in float either way; float changed no top-10 list on the test files
     *     (docs/PERFORMANCE.md) but may swap near-ties: {@code double} keeps large fits exact
     * @param coldUsers what users without training clicks are served: {@code popular} (default,
     *     the most clicked items), {@code random} or {@code diverse} (the most clicked items, at
     *     most one per topic first); see {@link ColdUsers}
     */
    public record Params(Double lambda, Integer maxItems, String solver, String precision, String coldUsers) {
        public Params {
            lambda = Check.positive("lambda", lambda == null ? 250.0 : lambda);
            solver = solver == null ? "auto" : solver;
            if (!GramSolvers.NAMES.contains(solver)) {
                throw new InvalidParameterException("solver", "must be one of " + String.join(", ", GramSolvers.NAMES)
                        + ", was '" + solver + "'");
            }
            precision = precision == null ? "auto" : precision;
            if (!GramSolvers.PRECISIONS.contains(precision)) {
                throw new InvalidParameterException("precision", "must be one of "
                        + String.join(", ", GramSolvers.PRECISIONS) + ", was '" + precision + "'");
            }
            maxItems = Check.positive("maxItems", maxItems == null ? 10_000 : maxItems);
            if (maxItems > MAX_DENSE) {
                throw new InvalidParameterException("maxItems",
                        "must be <= " + MAX_DENSE + " (the n x n weight matrix is one array), was " + maxItems);
            }
            coldUsers = ColdUsers.parse("coldUsers", coldUsers).scenarioName();
        }

        /** Users without clicks get the most clicked items: the parameters before {@code coldUsers} existed. */
        public Params(Double lambda, Integer maxItems, String solver, String precision) {
            this(lambda, maxItems, solver, precision, null);
        }

        /** The default precision ({@code auto}): the parameters before {@code precision} existed. */
        public Params(Double lambda, Integer maxItems, String solver) {
            this(lambda, maxItems, solver, null, null);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null);
        }
    }

    /**
     * The fitted model; immutable once published.
     *
     * @param off user u's training items are {@code cols[off[u] .. off[u+1])}, ascending
     * @param b the weights B, item-major ({@code b[i * items + j] = B_ij})
     * @param popular item ids by descending clicks (ties: smaller id)
     */
    private record Model(int users, int items, int[] off, int[] cols, float[] b, int[] popular) {}

    private static final int BLOCK = 32;

    private final Params p;
    private final ColdUsers coldUsers;
    private final DenseInverse fixedSolver;
    private volatile Model model;
    private int version;
    private volatile String lastSolver = "";

    public EaseRecommender(Params p) {
        this(p, null);
    }

    /** With a fixed solver instead of the one {@code p} names (tests compare the paths). */
    EaseRecommender(Params p, DenseInverse solver) {
        this.p = Objects.requireNonNull(p);
        this.coldUsers = ColdUsers.parse("coldUsers", p.coldUsers());
        this.fixedSolver = solver;
    }

    @Override
    public int modelVersion() {
        return version;
    }

    // ---------------------------------------------------------------- training

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        int n = all.numItems();
        if (n > p.maxItems()) {
            throw new InvalidParameterException("maxItems", "the catalog has " + n + " items, more than maxItems = "
                    + p.maxItems() + "; EASE inverts a dense " + n + " x " + n + " matrix (O(n^3) time, at least "
                    + (16L * n * n >> 20) + " MiB while fitting): raise maxItems if that is affordable, or use item-knn");
        }
        int users = all.numUsers();
        // distinct (user, item) pairs, user-major, and their item-major transpose
        SparseMatrix ui = SparseMatrix.userMajor(all);
        SparseMatrix iu = ui.transpose(n);
        int[] off = ui.off();
        int[] cols = ui.cols();
        int[] ioff = iu.off();
        int[] iusers = iu.cols();
        long[] clicks = new long[n];
        for (int i : all.items()) {
            clicks[i]++;
        }

        // P = (XᵀX + λI)⁻¹; the Gram matrix is garbage once inverted
        long t0 = System.nanoTime();
        double[] g = gram(n, off, cols, ioff, iusers, p.lambda(), ctx);
        long t1 = System.nanoTime();
        DenseInverse solver = fixedSolver != null ? fixedSolver : GramSolvers.forName(p.solver(), p.precision(), n);
        double[] pd = invert(solver, g, n);
        long t2 = System.nanoTime();

        // B_ij = -P_ij / P_jj, B_jj = 0; the diagonal is copied out so that a row reads it
        // sequentially instead of one cache line per column
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) {
            diag[j] = pd[j * n + j];
        }
        float[] b = new float[n * n];
        runBlocks(n, ctx, i -> {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = j == i ? 0f : (float) (-pd[row + j] / diag[j]);
            }
        });
        lastSolver = solver.name();
        LOG.info("EASE: fitted {} items: Gram matrix {} ms, inverse with {} {} ms, weights {} ms", n,
                (t1 - t0) / 1_000_000, solver.name(), (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        model = new Model(users, n, off, cols, b, PopularityOrder.of(clicks));
        version++;
    }

    /** G = XᵀX + λI, row by row: row i = Σ_{u ∈ U_i} x_u, plus λ on the diagonal. */
    private static double[] gram(int n, int[] off, int[] cols, int[] ioff, int[] iusers, double lambda,
            TrainContext ctx) {
        double[] gd = new double[n * n];
        runBlocks(n, ctx, i -> {
            int row = i * n;
            for (int a = ioff[i]; a < ioff[i + 1]; a++) {
                int u = iusers[a];
                for (int x = off[u]; x < off[u + 1]; x++) {
                    gd[row + cols[x]] += 1.0;
                }
            }
            gd[row + i] += lambda;
        });
        return gd;
    }

    /**
     * G⁻¹ (G is symmetric positive definite for λ > 0) by {@code solver}; G is overwritten. The
     * solver used and the phase times go to the log (the run's info), since the native and Java
     * paths differ a hundredfold in speed on catalogs of MovieLens size.
     */
    private double[] invert(DenseInverse solver, double[] g, int n) {
        try {
            return solver.invert(g, n);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("EASE: cannot invert X'X + lambda*I (lambda = " + p.lambda() + ", solver "
                    + solver.name() + "): " + e.getMessage(), e);
        }
    }

    /** Name of the solver the last fit inverted the Gram matrix with (empty before the first fit). */
    public String solverUsed() {
        return lastSolver;
    }

    /**
     * Runs {@code row} for rows 0..n-1 in fixed blocks: on the calling thread without an executor,
     * else on {@code ctx.parallelism()} workers that take blocks in turn. Each row must be
     * computed by itself, independent of the others.
     */
    private static void runBlocks(int n, TrainContext ctx, IntConsumer row) {
        TrainingBlocks.run((n + BLOCK - 1) / BLOCK, ctx, bl -> {
            for (int i = bl * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                row.accept(i);
            }
        });
    }


    // ---------------------------------------------------------------- serving

    /**
     * Dense scores {@code x_u·B}: the sum of the rows of B of the user's training items, in
     * training-item order; users without training clicks get the fallback.
     */
    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Model m = model;
        if (m == null) {
            return Optional.empty();
        }
        int n = m.items();
        int[] off = m.off();
        int[] cols = m.cols();
        float[] b = m.b();
        Fallback fallback = Fallback.popular(m.popular(), n).withColdUsers(coldUsers);
        return Optional.of(new ItemScorer.Dense() {
            @Override
            public int scoredItems() {
                return n;
            }

            @Override
            public Fallback fallback() {
                return fallback;
            }

            @Override
            public boolean knows(int u) {
                return u < m.users() && off[u + 1] > off[u];
            }

            @Override
            public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
                for (int g = 0; g < count; g++) {
                    int u = users[g];
                    int o = g * stride - i0;
                    Arrays.fill(out, o + i0, o + i1, 0f);
                    for (int a = off[u]; a < off[u + 1]; a++) {
                        int row = cols[a] * n;
                        for (int j = i0; j < i1; j++) {
                            out[o + j] += b[row + j];
                        }
                    }
                }
            }
        });
    }

    /** The weight B_ij of the fitted model (0 before the first fit or beyond the model). */
    public float weight(int i, int j) {
        Model m = model;
        if (m == null || i >= m.items() || j >= m.items()) {
            return 0f;
        }
        return m.b()[i * m.items() + j];
    }
}
