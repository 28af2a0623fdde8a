package org.recloop.recommenders.content;

import java.util.Arrays;
import java.util.Optional;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.recommenders.DenseScores;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.SparseMatrix;
import org.recloop.recommenders.TrainingBlocks;

/**
 * Content-based filtering with a centroid user profile (the vector-space approach of Pazzani and
 * Billsus, "Content-Based Recommendation Systems", The Adaptive Web, LNCS 4321, 2007; Lops, de
 * Gemmis and Semeraro, "Content-based Recommender Systems: State of the Art and Trends",
 * Recommender Systems Handbook, 2011).
 *
 * <p>With {@code f_i} the feature vector of item i in the catalog ({@link Catalog#features()},
 * {@link Catalog#dim()} values per item) and {@code I_u} the distinct items user u clicked in the
 * training log, the profile is the centroid {@code p_u = (1/|I_u|) Σ_{i ∈ I_u} f_i} and
 *
 * <pre>  score(u, j) = cos(p_u, f_j) = p_u·f_j / (|p_u| |f_j|)</pre>
 *
 * <p>(0 for an item whose features are all zero). Every catalog item below
 * {@code ctx.numItems()} is a candidate, including items added after the fit: their features are
 * read from the serving catalog, so new items are recommendable at once. Users without training
 * clicks (or whose centroid is the zero vector) get the most clicked items (score 0), then newer
 * items by id. Before the first fit it serves random slates.
 *
 * <p>Needs item features: {@link TrainContext#catalog()} and {@link ServeContext#catalog()} must
 * not be null, else fit and recommend throw {@link IllegalStateException}.
 *
 * <p>Cost: fitting is {@code O(nnz·dim)}, split into fixed blocks of users on
 * {@link TrainContext#executor()} (each profile summed by one task in item order, so the model
 * does not depend on the thread count); serving a user is {@code O(items·dim)}.
 */
public final class ContentRecommender extends ScoringRecommender {

    /** No parameters. */
    public record Params() {
        public static Params defaults() {
            return new Params();
        }
    }

    /**
     * The fitted model; immutable once published.
     *
     * @param profiles unit-length user profiles, user-major ({@code users × dim})
     * @param known users with a non-zero profile
     * @param popular item ids by descending clicks (ties: smaller id)
     */
    private record Model(int users, int items, int dim, float[] profiles, boolean[] known, int[] popular) {}

    private static final int BLOCK = 256;

    private volatile Model model;
    private int version;

    public ContentRecommender() {}

    public ContentRecommender(Params p) {}

    @Override
    public int modelVersion() {
        return version;
    }

    private static Catalog requireCatalog(Catalog c, String where) {
        if (c == null) {
            throw new IllegalStateException("the content recommender needs item features, but " + where
                    + ".catalog() is null; run it in a world with a catalog (features of dim > 0)");
        }
        return c;
    }

    // ---------------------------------------------------------------- training

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        Catalog catalog = requireCatalog(ctx.catalog(), "TrainContext");
        int users = all.numUsers();
        int n = all.numItems();
        int dim = catalog.dim();
        if (n > catalog.size()) {
            throw new IllegalStateException("interactions span " + n + " items but the catalog has only "
                    + catalog.size());
        }
        float[] features = catalog.features();
        // distinct (user, item) pairs by user, then item
        SparseMatrix ui = SparseMatrix.userMajor(all);
        int[] off = ui.off();
        int[] cols = ui.cols();
        long[] clicks = new long[n];
        for (int i : all.items()) {
            clicks[i]++;
        }
        float[] profiles = new float[users * dim];
        boolean[] known = new boolean[users];
        int blocks = (users + BLOCK - 1) / BLOCK;
        TrainingBlocks.run(blocks, ctx, b -> {
            double[] sum = new double[dim];
            for (int u = b * BLOCK, end = Math.min(users, u + BLOCK); u < end; u++) {
                if (off[u + 1] == off[u]) {
                    continue;
                }
                Arrays.fill(sum, 0);
                for (int a = off[u]; a < off[u + 1]; a++) {
                    int base = cols[a] * dim;
                    for (int f = 0; f < dim; f++) {
                        sum[f] += features[base + f];
                    }
                }
                // the centroid is sum / |I_u|; only its direction matters for the cosine
                double norm = 0;
                for (int f = 0; f < dim; f++) {
                    norm += sum[f] * sum[f];
                }
                norm = Math.sqrt(norm);
                if (norm > 0) {
                    known[u] = true;
                    for (int f = 0; f < dim; f++) {
                        profiles[u * dim + f] = (float) (sum[f] / norm);
                    }
                }
            }
        });
        model = new Model(users, n, dim, profiles, known, PopularityOrder.of(clicks));
        version++;
    }



    // ---------------------------------------------------------------- serving

    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Catalog catalog = requireCatalog(ctx.catalog(), "ServeContext");
        Model m = model;
        if (m == null) {
            return Optional.empty();
        }
        int dim = m.dim();
        if (catalog.dim() != dim) {
            throw new IllegalStateException("catalog feature dim " + catalog.dim() + " differs from the fitted " + dim);
        }
        return Optional.of(new CosineScorer(m, catalog.features(), Math.min(ctx.numItems(), catalog.size())));
    }

    /**
     * Cosine of the user's profile with each item's features, {@link DenseScores} four users per
     * pass; the items' inverse norms are computed once per call, on the first known user.
     */
    private static final class CosineScorer implements ItemScorer.Dense {
        private final Model m;
        private final float[] features; // read once per call: the array is replaced when items are added
        private final int n;
        private final Fallback fallback;
        private float[] invNorm;
        private int[] q = new int[64];

        CosineScorer(Model m, float[] features, int n) {
            this.m = m;
            this.features = features;
            this.n = n;
            this.fallback = Fallback.popular(m.popular(), m.items());
        }

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
            return u < m.users() && m.known()[u];
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            int dim = m.dim();
            if (invNorm == null) {
                invNorm = inverseNorms(features, n, dim);
            }
            if (q.length < count) {
                q = new int[count];
            }
            for (int g = 0; g < count; g++) {
                q[g] = users[g] * dim;
            }
            DenseScores.score(m.profiles(), q, count, dim, features, i0, i1, null, out, stride);
            for (int g = 0; g < count; g++) {
                int o = g * stride - i0;
                for (int j = i0; j < i1; j++) {
                    out[o + j] = out[o + j] * invNorm[j];
                }
            }
        }
    }

    /** 1/|f_j| for items 0..n-1 (0 for an all-zero feature vector). */
    private static float[] inverseNorms(float[] features, int n, int dim) {
        float[] inv = new float[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int f = 0; f < dim; f++) {
                double v = features[j * dim + f];
                s += v * v;
            }
            inv[j] = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
        }
        return inv;
    }

    /** The unit-length profile of a user (empty before the first fit or for users without one). */
    public float[] profile(int user) {
        Model m = model;
        if (m == null || user >= m.users() || !m.known()[user]) {
            return new float[0];
        }
        return Arrays.copyOfRange(m.profiles(), user * m.dim(), user * m.dim() + m.dim());
    }
}
