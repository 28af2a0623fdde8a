package org.recloop.recommenders.content;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.Purposes;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.DenseScores;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.TrainingBlocks;
import org.recloop.recommenders.baseline.RandomRecommender;

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
public final class ContentRecommender implements Recommender {

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
        long[] keys = new long[all.size()];
        long[] clicks = new long[n];
        for (int r = 0; r < keys.length; r++) {
            int u = all.users()[r];
            int i = all.items()[r];
            if (u < 0 || u >= users || i < 0 || i >= n) {
                throw new IllegalArgumentException("interaction " + r + " (user " + u + ", item " + i + ") outside "
                        + users + " users x " + n + " items");
            }
            keys[r] = ((long) u << 32) | i;
            clicks[i]++;
        }
        Arrays.sort(keys); // distinct (user, item) pairs by user, then item
        int[] off = new int[users + 1];
        int[] cols = new int[keys.length];
        int nnz = 0;
        for (int r = 0; r < keys.length; r++) {
            if (r == 0 || keys[r] != keys[r - 1]) {
                cols[nnz++] = (int) keys[r];
                off[(int) (keys[r] >>> 32) + 1]++;
            }
        }
        for (int u = 0; u < users; u++) {
            off[u + 1] += off[u];
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
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        Catalog catalog = requireCatalog(ctx.catalog(), "ServeContext");
        Model m = model;
        int k = slates.k();
        ConsumptionHistory consumed = ctx.consumed();
        if (m == null) {
            for (int s = from; s < to; s++) {
                int u = slates.user(s);
                UniformRandomProvider rng = ctx.streams().stream(Purposes.SERVE, u, ctx.tick());
                RandomRecommender.fill(slates, s, u, ctx.numItems(), k, consumed, rng);
            }
            return;
        }
        int dim = m.dim();
        if (catalog.dim() != dim) {
            throw new IllegalStateException("catalog feature dim " + catalog.dim() + " differs from the fitted " + dim);
        }
        int numItems = ctx.numItems();
        int n = Math.min(numItems, catalog.size());
        float[] features = catalog.features(); // read once per call: the array is replaced when items are added
        float[] profiles = m.profiles();
        TopK top = new TopK(k);
        int[] outItems = new int[k];
        float[] outScores = new float[k];
        // known users are scored in groups of four (DenseScores); the others get popular items
        int[] group = new int[DenseScores.GROUP];
        int[] groupSlates = new int[DenseScores.GROUP];
        float[] invNorm = null;
        float[] scores = null;
        int ng = 0;
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (u < m.users() && m.known()[u]) {
                if (invNorm == null) {
                    invNorm = inverseNorms(features, n, dim);
                    scores = new float[DenseScores.GROUP * n];
                }
                group[ng] = u * dim;
                groupSlates[ng++] = s;
                if (ng == DenseScores.GROUP) {
                    serveGroup(slates, groupSlates, group, ng, profiles, features, invNorm, n, dim, numItems, scores,
                            consumed, top, outItems, outScores);
                    ng = 0;
                }
            } else {
                int r = 0;
                int[] popular = m.popular();
                for (int q = 0; q < popular.length && r < k; q++) {
                    int j = popular[q];
                    if (j < numItems && !consumed.contains(u, j)) {
                        slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
                    }
                }
                fillNewest(slates, s, u, m.items(), numItems, r, consumed);
            }
        }
        if (ng > 0) {
            serveGroup(slates, groupSlates, group, ng, profiles, features, invNorm, n, dim, numItems, scores, consumed,
                    top, outItems, outScores);
        }
    }

    /** Top-k by cosine for a group of known users (profile offsets {@code group[0..ng)}). */
    private static void serveGroup(SlateBatch slates, int[] groupSlates, int[] group, int ng, float[] profiles,
            float[] features, float[] invNorm, int n, int dim, int numItems, float[] scores,
            ConsumptionHistory consumed, TopK top, int[] outItems, float[] outScores) {
        int k = slates.k();
        DenseScores.score(profiles, group, ng, dim, features, 0, n, null, scores, n);
        for (int g = 0; g < ng; g++) {
            int s = groupSlates[g];
            int u = slates.user(s);
            top.reset(k);
            int o = g * n;
            float threshold = top.threshold();
            for (int j = 0; j < n; j++) {
                float score = scores[o + j] * invNorm[j];
                if (score >= threshold && !consumed.contains(u, j)) {
                    top.offer(j, score);
                    threshold = top.threshold();
                }
            }
            int r = top.drainSorted(outItems, outScores);
            for (int q = 0; q < r; q++) {
                slates.set(s, q, outItems[q], outScores[q], 1f, SlateSource.RECOMMENDER);
            }
            fillNewest(slates, s, u, n, numItems, r, consumed);
        }
    }

    /** Items from {@code tail} on (newer than the ranking, or missing from the catalog), by id. */
    private static void fillNewest(SlateBatch slates, int s, int u, int tail, int numItems, int r,
            ConsumptionHistory consumed) {
        int k = slates.k();
        for (int j = tail; j < numItems && r < k; j++) {
            if (!consumed.contains(u, j)) {
                slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
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
