package org.recloop.recommenders.bandit;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.recloop.core.config.Check;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;

/**
 * LinUCB with one shared linear model (Li, Chu, Langford and Schapire, "A Contextual-Bandit
 * Approach to Personalized News Article Recommendation", WWW 2010, Algorithm 1 with the context
 * below; the paper's disjoint per-arm models would need pulls of every item, which a catalog of
 * thousands of items never gets).
 *
 * <p>Context: with {@code f_i} the item's catalog features (dimension m) and {@code p_u} the
 * user's profile, the mean features of all items the user clicked so far (the zero vector before
 * the first click), the context of (u, i) is the 2m-vector
 *
 * <pre>
 *   x_ui = [ p_u ⊙ f_i ; f_i ]          (⊙: elementwise product)
 * </pre>
 *
 * so {@code θᵀx_ui = Σ_f w_f p_uf f_if + vᵀf_i} for {@code θ = [w; v]}: a learned diagonal
 * user-item affinity plus a population-level item appeal; a user without clicks is scored by the
 * item part alone.
 *
 * <p>Model: ridge regression of rewards on contexts, {@code A = λI + Σ x xᵀ}, {@code b = Σ r x},
 * {@code θ̂ = A⁻¹b}, over all pulls so far. Every item shown in a slate passed to
 * {@link #observe} is a pull with reward 1 if the slate's user clicked it in that tick, else 0,
 * whatever the position's source; its context uses the profile the user had when the slate was
 * served (profiles take in the tick's clicks after the pulls). Serving scores every unconsumed
 * item by
 *
 * <pre>
 *   score(u, i) = θ̂ᵀx_ui + alpha · sqrt(x_uiᵀ A⁻¹ x_ui)
 * </pre>
 *
 * and keeps the top k (ties: smaller id); propensity 1 (deterministic). A, b and profiles are
 * updated in {@link #observe}, then A is factorised once per tick (Cholesky, EJML) for A⁻¹ and θ̂:
 * O(pulls·m² + m³) per tick. {@link #fit} rebuilds the profiles from the click log it is given
 * (A and b are kept: the log has no exposures); {@link #update} learns nothing.
 * {@link #modelVersion} counts observes with at least one pull, plus fits.
 *
 * <p>Serving cost: per user, with {@code M_u = D_uᵀ A⁻¹ D_u} for {@code D_u = [diag(p_u); I]} (so
 * {@code x_uiᵀA⁻¹x_ui = f_iᵀ M_u f_i}), the mean is O(m) per item and the width O(m²). Widths are
 * computed only for items whose upper bound {@code mean + alpha·sqrt(ρ_u)·|f_i|} ({@code ρ_u}:
 * the largest eigenvalue of {@code M_u} from a symmetric eigendecomposition, with a safety margin,
 * or a matrix norm if that fails) can still enter the top k after seeding it with the k best
 * means; this skips only items that cannot be selected, so the result equals the exhaustive scan
 * (at 2,000 items and m = 16 about 90 % of the widths are skipped).
 *
 * <p>No randomness. Needs the catalog in the serving and training contexts.
 */
public final class LinUcbRecommender implements Recommender {

    /**
     * @param alpha width of the confidence bonus (default 1)
     * @param lambda ridge regularisation λ, the prior precision of θ (default 1)
     */
    public record Params(Double alpha, Double lambda) {
        public Params {
            alpha = Check.nonNegative("alpha", alpha == null ? 1.0 : alpha);
            lambda = Check.positive("lambda", lambda == null ? 1.0 : lambda);
        }

        public static Params defaults() {
            return new Params(null, null);
        }
    }

    private final Params p;
    private final LinearModel model;
    private int version;

    public LinUcbRecommender(Params p) {
        this.p = p;
        this.model = new LinearModel(p.lambda());
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        model.rebuildProfiles(all, LinearModel.catalog(ctx.catalog()));
        version++;
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        if (model.observe(shown, clicks, LinearModel.catalog(ctx.catalog()))) {
            version++;
        }
    }

    /** θ̂ = A⁻¹b for the given feature dimension (the prior's 0 before any pull). */
    double[] theta(int dim) {
        return model.snapshot(dim).theta().clone();
    }

    /** A⁻¹, row-major (the prior's I/λ before any pull). */
    double[] aInverse(int dim) {
        return model.snapshot(dim).aInv().clone();
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (from >= to) {
            return;
        }
        Catalog catalog = LinearModel.catalog(ctx.catalog());
        int n = ctx.numItems();
        LinearModel.checkCovers(catalog, n);
        // all buffers are allocated once per batch; serving a slate allocates nothing
        Scan scan = new Scan(model.snapshot(catalog.dim()), catalog.features(), catalog.dim(), n, p.alpha(),
                slates.k());
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            model.profile(u, scan.prof);
            double bonus = scan.prepareUser();
            int len = scan.rank(ctx, u, bonus);
            for (int r = 0; r < len; r++) {
                slates.set(s, r, scan.outItems[r], scan.outScores[r], 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    /**
     * One serving batch's view of the model and its scratch buffers: per user, the mean weights and
     * width matrix ({@link #prepareUser}), then the bounded two-pass top-k scan ({@link #rank}).
     * Not thread-safe: one per call of {@link #recommend}.
     */
    private static final class Scan {
        private final int dim;
        private final int d;
        private final int n;
        private final int k;
        private final double alpha;
        private final double[] theta;
        private final double[] ainv;
        private final float[] feat;
        private final double[] fnorm;
        /** The user's profile; the caller writes it before {@link #prepareUser}. */
        final double[] prof;
        private final double[] g;
        private final double[] m;
        private final double[] mean;
        private final double[] upper;
        private final boolean[] seeded;
        private final DMatrixRMaj mCopy;
        private final EigenDecomposition_F64<DMatrixRMaj> eig;
        private final TopK seed;
        private final TopK top;
        final int[] outItems;
        final float[] outScores;

        Scan(LinearModel.Snapshot sn, float[] feat, int dim, int n, double alpha, int k) {
            this.dim = dim;
            this.d = 2 * dim;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.theta = sn.theta();
            this.ainv = sn.aInv();
            this.feat = feat;
            fnorm = new double[n];
            for (int i = 0; i < n; i++) {
                double sq = 0;
                for (int f = 0; f < dim; f++) {
                    double v = feat[i * dim + f];
                    sq += v * v;
                }
                fnorm[i] = Math.sqrt(sq);
            }
            prof = new double[dim];
            g = new double[dim];
            m = new double[dim * dim];
            mean = new double[n];
            upper = new double[n];
            seeded = new boolean[n];
            mCopy = new DMatrixRMaj(dim, dim);
            eig = DecompositionFactory_DDRM.eig(dim, false, true);
            seed = new TopK(k);
            top = new TopK(k);
            outItems = new int[k];
            outScores = new float[k];
        }

        /**
         * Mean weights g = D_uᵀθ and width matrix M = D_uᵀ A⁻¹ D_u for the profile in {@link #prof};
         * returns the bound's factor alpha·sqrt(ρ_u).
         */
        double prepareUser() {
            for (int a = 0; a < dim; a++) {
                g[a] = prof[a] * theta[a] + theta[dim + a];
            }
            double frob = 0;
            double maxRow = 0;
            for (int a = 0; a < dim; a++) {
                double row = 0;
                for (int c = 0; c < dim; c++) {
                    double v = prof[a] * prof[c] * ainv[a * d + c] + prof[a] * ainv[a * d + dim + c]
                            + prof[c] * ainv[(dim + a) * d + c] + ainv[(dim + a) * d + dim + c];
                    m[a * dim + c] = v;
                    frob += v * v;
                    row += Math.abs(v);
                }
                maxRow = Math.max(maxRow, row);
            }
            double rho = Math.min(Math.sqrt(frob), maxRow);
            System.arraycopy(m, 0, mCopy.data, 0, dim * dim);
            if (eig.decompose(mCopy)) {
                // the exact largest eigenvalue, with a margin far above its rounding error
                double largest = 0;
                for (int e = 0; e < dim; e++) {
                    largest = Math.max(largest, eig.getEigenvalue(e).real);
                }
                rho = Math.min(rho, largest * (1 + 1e-9) + 1e-12 * (1 + rho));
            }
            return alpha * Math.sqrt(rho);
        }

        /** The top k of user u into {@link #outItems} / {@link #outScores}; returns how many. */
        int rank(ServeContext ctx, int u, double bonus) {
            // pass 1: means (lower bounds of the score) and upper bounds; seed with the k best means
            seed.reset(k);
            for (int i = 0; i < n; i++) {
                if (SlateRanker.excluded(ctx, u, i)) {
                    mean[i] = Double.NaN;
                    continue;
                }
                double mu = 0;
                for (int f = 0; f < dim; f++) {
                    mu += g[f] * feat[i * dim + f];
                }
                mean[i] = mu;
                upper[i] = mu + bonus * fnorm[i];
                seed.offer(i, (float) mu);
            }
            int c = seed.drainSorted(outItems, outScores);
            top.reset(k);
            for (int j = 0; j < c; j++) {
                int i = outItems[j];
                seeded[i] = true;
                top.offer(i, (float) (mean[i] + alpha * width(m, feat, i, dim)));
            }
            // pass 2: exact scores only where the bound can still reach the top k
            for (int i = 0; i < n; i++) {
                double mu = mean[i];
                if (Double.isNaN(mu) || seeded[i]) {
                    continue;
                }
                double ub = upper[i];
                if (ub + 1e-6 * (1 + Math.abs(ub)) < top.threshold()) {
                    continue;
                }
                top.offer(i, (float) (mu + alpha * width(m, feat, i, dim)));
            }
            for (int j = 0; j < c; j++) {
                seeded[outItems[j]] = false;
            }
            return top.drainSorted(outItems, outScores);
        }
    }

    /** sqrt(f_iᵀ M f_i) over the upper triangle of the symmetric M. */
    private static double width(double[] m, float[] feat, int item, int dim) {
        int o = item * dim;
        double q = 0;
        for (int a = 0; a < dim; a++) {
            double fa = feat[o + a];
            double row = 0;
            for (int c = a + 1; c < dim; c++) {
                row += m[a * dim + c] * feat[o + c];
            }
            q += fa * (m[a * dim + a] * fa + 2 * row);
        }
        return Math.sqrt(Math.max(0, q));
    }

    /**
     * The ridge model over contexts {@code [p_u ⊙ f_i ; f_i]} shared by LinUCB and linear Thompson
     * sampling, with the users' click profiles. Written only on the simulation thread ({@link
     * #observe}, {@link #rebuildProfiles}); serving reads the published {@link Snapshot} and the
     * profiles.
     */
    static final class LinearModel {

        /**
         * One factorisation of A: θ̂ = A⁻¹b, A⁻¹ and an upper-triangular U with U Uᵀ = A⁻¹ (for
         * sampling θ ~ N(θ̂, v²A⁻¹) as θ̂ + v U z), all row-major over d = 2·dim.
         */
        record Snapshot(int dim, double[] theta, double[] aInv, double[] u) {}

        private final double lambda;
        private int dim = -1;
        private double[] a; // upper triangle of A, row-major d×d
        private double[] b;
        private double[] profileSum = new double[0];
        private int[] profileCount = new int[0];
        private volatile Snapshot snapshot;

        LinearModel(double lambda) {
            this.lambda = lambda;
        }

        static Catalog catalog(Catalog c) {
            if (c == null) {
                throw new IllegalStateException("linear bandits need item features: the context has no catalog");
            }
            return c;
        }

        static void checkCovers(Catalog c, int n) {
            if (c.size() < n) {
                throw new IllegalStateException("catalog has " + c.size() + " items, serving needs " + n);
            }
        }

        private void init(int catalogDim) {
            if (dim < 0) {
                dim = catalogDim;
                int d = 2 * dim;
                a = new double[d * d];
                for (int r = 0; r < d; r++) {
                    a[r * d + r] = lambda;
                }
                b = new double[d];
            } else if (dim != catalogDim) {
                throw new IllegalStateException("catalog dimension changed from " + dim + " to " + catalogDim);
            }
        }

        /** The current factorisation, or the prior's (θ̂ = 0, A⁻¹ = I/λ) before any pull. */
        Snapshot snapshot(int catalogDim) {
            Snapshot s = snapshot;
            if (s != null) {
                if (s.dim() != catalogDim) {
                    throw new IllegalStateException("catalog dimension " + catalogDim + " != model's " + s.dim());
                }
                return s;
            }
            int d = 2 * catalogDim;
            double[] ainv = new double[d * d];
            double[] u = new double[d * d];
            for (int r = 0; r < d; r++) {
                ainv[r * d + r] = 1 / lambda;
                u[r * d + r] = 1 / Math.sqrt(lambda);
            }
            return new Snapshot(catalogDim, new double[d], ainv, u);
        }

        /** Writes the user's profile (mean features of clicked items, or zeros) into {@code out}. */
        void profile(int user, double[] out) {
            int[] cnt = profileCount;
            double[] sum = profileSum;
            if (user >= cnt.length || cnt[user] == 0) {
                Arrays.fill(out, 0.0);
                return;
            }
            int m = out.length;
            for (int f = 0; f < m; f++) {
                out[f] = sum[user * m + f] / cnt[user];
            }
        }

        private void ensureUsers(int users) {
            if (profileCount.length < users) {
                int cap = Math.max(users, profileCount.length + (profileCount.length >> 1));
                profileCount = Arrays.copyOf(profileCount, cap);
                profileSum = Arrays.copyOf(profileSum, cap * dim);
            }
        }

        private void addClicks(Interactions clicks, float[] feat) {
            int maxUser = clicks.numUsers() - 1;
            for (int user : clicks.users()) {
                maxUser = Math.max(maxUser, user);
            }
            ensureUsers(maxUser + 1);
            for (int r = 0; r < clicks.size(); r++) {
                int u = clicks.users()[r];
                int o = clicks.items()[r] * dim;
                for (int f = 0; f < dim; f++) {
                    profileSum[u * dim + f] += feat[o + f];
                }
                profileCount[u]++;
            }
        }

        /** Replaces the profiles by those of the given clicks. */
        void rebuildProfiles(Interactions all, Catalog catalog) {
            init(catalog.dim());
            profileSum = new double[0];
            profileCount = new int[0];
            addClicks(all, catalog.features());
        }

        /**
         * Adds every shown position as a pull (contexts with the profiles as served), then this
         * tick's clicks to the profiles; refactorises A if there was a pull. Returns whether there was.
         */
        boolean observe(SlateBatch shown, Interactions clicks, Catalog catalog) {
            init(catalog.dim());
            int d = 2 * dim;
            float[] feat = catalog.features();
            long[] clicked = EpsilonGreedyRecommender.clickKeys(clicks);
            double[] prof = new double[dim];
            double[] x = new double[d];
            long pulls = 0;
            for (int s = 0; s < shown.size(); s++) {
                int u = shown.user(s);
                int len = shown.length(s);
                if (len == 0) {
                    continue;
                }
                profile(u, prof);
                for (int pos = 0; pos < len; pos++) {
                    int item = shown.item(s, pos);
                    int o = item * dim;
                    for (int f = 0; f < dim; f++) {
                        x[f] = prof[f] * feat[o + f];
                        x[dim + f] = feat[o + f];
                    }
                    boolean reward = Arrays.binarySearch(clicked, EpsilonGreedyRecommender.key(u, item)) >= 0;
                    for (int r = 0; r < d; r++) {
                        double xr = x[r];
                        if (xr == 0) {
                            continue;
                        }
                        if (reward) {
                            b[r] += xr;
                        }
                        for (int c = r; c < d; c++) {
                            a[r * d + c] += xr * x[c];
                        }
                    }
                    pulls++;
                }
            }
            addClicks(clicks, feat);
            if (pulls == 0) {
                return false;
            }
            snapshot = factorise(a, b, dim);
            return true;
        }

        /** Cholesky A = L Lᵀ; A⁻¹ = L⁻ᵀL⁻¹; θ̂ = A⁻¹b; U = L⁻ᵀ. */
        private static Snapshot factorise(double[] upperA, double[] b, int dim) {
            int d = 2 * dim;
            DMatrixRMaj full = new DMatrixRMaj(d, d);
            for (int r = 0; r < d; r++) {
                for (int c = r; c < d; c++) {
                    full.data[r * d + c] = upperA[r * d + c];
                    full.data[c * d + r] = upperA[r * d + c];
                }
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
            if (!chol.decompose(full)) {
                throw new IllegalStateException("ridge matrix A is not positive definite");
            }
            DMatrixRMaj linv = chol.getT(null);
            zeroStrictUpper(linv.data, d);
            TriangularSolver_DDRM.invertLower(linv.data, d);
            zeroStrictUpper(linv.data, d);
            DMatrixRMaj ainv = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(linv, linv, ainv);
            DMatrixRMaj theta = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(ainv, new DMatrixRMaj(d, 1, true, b), theta);
            DMatrixRMaj u = new DMatrixRMaj(d, d);
            CommonOps_DDRM.transpose(linv, u);
            return new Snapshot(dim, theta.data, ainv.data, u.data);
        }

        private static void zeroStrictUpper(double[] m, int d) {
            for (int r = 0; r < d; r++) {
                for (int c = r + 1; c < d; c++) {
                    m[r * d + c] = 0;
                }
            }
        }
    }
}
