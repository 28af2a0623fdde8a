package org.recloop.recommenders.bandit;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
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
 * Thompson sampling with a linear payoff model (Agrawal and Goyal, "Thompson Sampling for
 * Contextual Bandits with Linear Payoffs", ICML 2013), over the same shared ridge model and
 * contexts as {@link LinUcbRecommender}: {@code x_ui = [p_u ⊙ f_i ; f_i]}, {@code A = λI + Σ x
 * xᵀ}, {@code b = Σ r x}, {@code θ̂ = A⁻¹b}, learned from every shown position in {@link #observe}
 * (reward 1 if clicked in that tick, else 0).
 *
 * <p>Policy: for each (user, tick) one parameter vector is drawn,
 *
 * <pre>
 *   θ̃ ~ N(θ̂, v² A⁻¹),  computed as θ̃ = θ̂ + v·U z  with z ~ N(0, I) and U Uᵀ = A⁻¹
 * </pre>
 *
 * ({@code U = L⁻ᵀ} for the Cholesky factor {@code A = L Lᵀ}), and the slate is the k unconsumed
 * items with the highest {@code θ̃ᵀx_ui} (ties: smaller id), written with that sampled score.
 * With {@code v = 0} it is the greedy policy on θ̂. The propensity of a sampled slate has no
 * closed form; it is written as 1 and must not be used for inverse-propensity weighting.
 *
 * <p>Randomness: z comes from the stream (purpose "recommender.thompson", user, tick), so a
 * user's slate does not depend on the other users or on the range split. Serving is O(n·m) per
 * user (m = catalog dimension) plus O(m²) for the draw. {@link #fit} rebuilds the click profiles
 * from the given log; {@link #modelVersion} counts observes with at least one pull, plus fits.
 */
public final class ThompsonSamplingRecommender implements Recommender {

    /**
     * @param v scale of the posterior covariance v²A⁻¹ (default 0.5; Agrawal and Goyal's v)
     * @param lambda ridge regularisation λ, the prior precision of θ (default 1)
     */
    public record Params(Double v, Double lambda) {
        public Params {
            v = Check.nonNegative("v", v == null ? 0.5 : v);
            lambda = Check.positive("lambda", lambda == null ? 1.0 : lambda);
        }

        public static Params defaults() {
            return new Params(null, null);
        }
    }

    private static final long PURPOSE = RandomStreams.purpose("recommender.thompson");

    private final Params p;
    private final LinUcbRecommender.LinearModel model;
    private int version;

    public ThompsonSamplingRecommender(Params p) {
        this.p = p;
        this.model = new LinUcbRecommender.LinearModel(p.lambda());
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        model.rebuildProfiles(all, LinUcbRecommender.LinearModel.catalog(ctx.catalog()));
        version++;
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        if (model.observe(shown, clicks, LinUcbRecommender.LinearModel.catalog(ctx.catalog()))) {
            version++;
        }
    }

    /** θ̂ = A⁻¹b (the prior's 0 before any pull). */
    double[] theta(int dim) {
        return model.snapshot(dim).theta().clone();
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (from >= to) {
            return;
        }
        Catalog catalog = LinUcbRecommender.LinearModel.catalog(ctx.catalog());
        int n = ctx.numItems();
        LinUcbRecommender.LinearModel.checkCovers(catalog, n);
        int dim = catalog.dim();
        int d = 2 * dim;
        LinUcbRecommender.LinearModel.Snapshot sn = model.snapshot(dim);
        double[] mean = sn.theta();
        double[] chol = sn.u();
        float[] feat = catalog.features();
        double v = p.v();
        int k = slates.k();
        double[] prof = new double[dim];
        double[] z = new double[d];
        double[] theta = new double[d];
        double[] g = new double[dim];
        TopK top = new TopK(k);
        int[] outItems = new int[k];
        float[] outScores = new float[k];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            UniformRandomProvider rng = ctx.streams().stream(PURPOSE, u, ctx.tick());
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int r = 0; r < d; r++) {
                z[r] = gauss.sample();
            }
            for (int r = 0; r < d; r++) {
                double acc = 0;
                for (int c = r; c < d; c++) { // U is upper triangular
                    acc += chol[r * d + c] * z[c];
                }
                theta[r] = mean[r] + v * acc;
            }
            model.profile(u, prof);
            for (int a = 0; a < dim; a++) {
                g[a] = prof[a] * theta[a] + theta[dim + a];
            }
            top.reset(k);
            for (int i = 0; i < n; i++) {
                double sc = 0;
                for (int f = 0; f < dim; f++) {
                    sc += g[f] * feat[i * dim + f];
                }
                float fs = (float) sc;
                if (fs >= top.threshold() && !SlateRanker.excluded(ctx, u, i)) {
                    top.offer(i, fs);
                }
            }
            int len = top.drainSorted(outItems, outScores);
            for (int r = 0; r < len; r++) {
                slates.set(s, r, outItems[r], outScores[r], 1f, SlateSource.RECOMMENDER);
            }
        }
    }
}
