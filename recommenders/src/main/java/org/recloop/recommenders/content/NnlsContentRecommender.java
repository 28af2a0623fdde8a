package org.recloop.recommenders.content;

import java.util.Arrays;
import java.util.Optional;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;

/**
 * Content filtering as in Chaney, Stewart and Engelhardt (RecSys 2018): each user's profile is
 * fitted by non-negative least squares of the observed outcomes on the known item attributes,
 * {@code θ_u = argmin_{θ ≥ 0} Σ_{shown i} (y_ui - θ·a_i)²}, with y = 1 for a click and 0 for an
 * exposure without one (the exposures come from {@link #observe}; the sums are kept as the
 * normal equations {@code G_u = Σ a aᵀ}, {@code b_u = Σ y a}). Each refit solves every profile
 * by cyclic coordinate descent on the quadratic, {@code θ_j ← max(0, θ_j - (G θ - b)_j / G_jj)},
 * for {@code sweeps} passes (a standard NNLS solver for small d). Items are scored by {@code θ_u·a_i}.
 * Users without observations get random slates.
 *
 * <p>{@code target: counts} is content filtering exactly as the paper and T-RECS define it: the
 * target is the user's cumulative interaction-count vector over the whole catalog, {@code θ_u =
 * argmin_{θ ≥ 0} Σ_{all items i} (c_ui - θ·a_i)²} with {@code c_ui} the user's clicks on item i in
 * the fitted log (0 for every item never clicked, shown or not). Its normal equations share one
 * Gram matrix {@code G = Σ_i a_i a_iᵀ} over the catalog, with {@code b_u = Σ_i c_ui a_i}; each fit
 * depends only on the log it is given (a log that extends the last one only adds its new clicks
 * to the sums, {@link ClickSums}), so the refit schedule is {@code learn.retrainEvery}
 * alone (1 = "repeated training", refit every step; 0 with a switch from the startup recommender =
 * "single training", the one fit at the switch). Profiles are scaled to unit length for scoring,
 * as T-RECS does, which leaves each user's ranking unchanged and keeps scores on one scale. The
 * default {@code target: exposures} is the clicks-against-exposures fit above.
 */
public final class NnlsContentRecommender extends ScoringRecommender {

    /**
     * @param sweeps coordinate-descent passes per profile and refit
     * @param ridge small diagonal added to G for numerical stability
     * @param target {@code exposures} (clicks 1 against unclicked exposures 0) or {@code counts}
     *     (cumulative click counts over the whole catalog, as Chaney et al. and T-RECS)
     */
    public record Params(Integer sweeps, Double ridge, String target) {
        public Params {
            sweeps = Check.positive("sweeps", sweeps == null ? 50 : sweeps);
            ridge = Check.nonNegative("ridge", ridge == null ? 1e-6 : ridge);
            target = target == null ? EXPOSURES : target;
            if (!target.equals(EXPOSURES) && !target.equals(COUNTS)) {
                throw new InvalidParameterException("target",
                        "must be exposures or counts, was '" + target + "'");
            }
        }

        /** The defaults with sweeps and ridge as given (target: exposures). */
        public Params(Integer sweeps, Double ridge) {
            this(sweeps, ridge, null);
        }
    }

    /** Training target: clicks against unclicked exposures. */
    public static final String EXPOSURES = "exposures";
    /** Training target: cumulative interaction counts over the whole catalog. */
    public static final String COUNTS = "counts";

    private final Params p;
    private double[][] gram = new double[0][];
    private double[][] rhs = new double[0][];
    private volatile float[][] profiles = new float[0][];
    /** The item attributes transposed for scoring, rebuilt when the catalog changes. */
    private volatile FeatureMajor byFeature;
    /** The exact retrieval index of the same attributes, rebuilt when the catalog changes. */
    private volatile AttributeBlocks blocks;
    private int version;
    /** The counts fit's click sums, carried between fits. */
    private final ClickSums clickSums = new ClickSums();

    public NnlsContentRecommender(Params p) {
        this.p = p;
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        if (p.target().equals(COUNTS)) {
            return; // the counts fit reads everything it needs from the log at each fit
        }
        Catalog cat = ctx.catalog();
        if (cat == null) {
            throw new IllegalStateException("content-nnls needs item attributes: the train context has no catalog");
        }
        int d = cat.dim();
        java.util.Set<Long> clicked = new java.util.HashSet<>();
        for (int r = 0; r < clicks.size(); r++) {
            clicked.add(((long) clicks.users()[r] << 32) | clicks.items()[r]);
        }
        for (int s = 0; s < shown.size(); s++) {
            int u = shown.user(s);
            if (u >= gram.length) {
                int n = Math.max(u + 1, gram.length * 2);
                gram = Arrays.copyOf(gram, n);
                rhs = Arrays.copyOf(rhs, n);
            }
            if (gram[u] == null) {
                gram[u] = new double[d * d];
                rhs[u] = new double[d];
            }
            double[] g = gram[u];
            double[] b = rhs[u];
            for (int pos = 0; pos < shown.length(s); pos++) {
                int item = shown.item(s, pos);
                double y = clicked.contains(((long) u << 32) | item) ? 1 : 0;
                for (int a = 0; a < d; a++) {
                    double xa = cat.feature(item, a);
                    b[a] += y * xa;
                    for (int c = 0; c < d; c++) {
                        g[a * d + c] += xa * cat.feature(item, c);
                    }
                }
            }
        }
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        if (p.target().equals(COUNTS)) {
            Catalog cat = ctx.catalog();
            if (cat == null) {
                throw new IllegalStateException("content-nnls needs item attributes: the train context has no catalog");
            }
            profiles = CountProfiles.fit(all, cat, clickSums, p.sweeps(), p.ridge(), ctx.executor(), ctx.parallelism());
            version++;
            return;
        }
        float[][] prof = new float[gram.length][];
        for (int u = 0; u < gram.length; u++) {
            if (gram[u] != null) {
                prof[u] = solve(gram[u], rhs[u], p.sweeps(), p.ridge());
            }
        }
        profiles = prof;
        version++;
    }

    /** NNLS on the normal equations by cyclic coordinate descent. */
    static float[] solve(double[] g, double[] b, int sweeps, double ridge) {
        int d = b.length;
        double[] th = new double[d];
        for (int it = 0; it < sweeps; it++) {
            for (int j = 0; j < d; j++) {
                double gjj = g[j * d + j] + ridge;
                if (gjj <= 0) {
                    continue;
                }
                double grad = -b[j] + ridge * th[j];
                for (int c = 0; c < d; c++) {
                    grad += g[j * d + c] * th[c];
                }
                th[j] = Math.max(0, th[j] - grad / gjj);
            }
        }
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (float) th[j];
        }
        return out;
    }

    /** A user's fitted profile, or null. */
    public float[] profile(int user) {
        float[][] pr = profiles;
        return user < pr.length && pr[user] != null ? pr[user].clone() : null;
    }

    /**
     * Scores {@code θ_u·a_i} over the catalog, dense or searched through the catalog's {@link
     * AttributeBlocks} (same slates); users without a profile get random slates.
     */
    @Override
    protected Optional<ItemScorer> scorer(ServeContext ctx) {
        Catalog cat = ctx.catalog();
        if (cat == null) {
            throw new IllegalStateException("content-nnls needs item attributes: the serve context has no catalog");
        }
        int numItems = ctx.numItems();
        FeatureMajor fm = FeatureMajor.of(byFeature, cat, numItems);
        byFeature = fm;
        AttributeBlocks index = fm.finite() ? AttributeBlocks.of(blocks, cat, numItems) : null;
        blocks = index;
        return Optional.of(new ProfileScorer(profiles, numItems, fm, index != null && index.tight() ? index : null,
                cat.dim()));
    }
}
