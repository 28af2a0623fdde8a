package org.recloop.core.world.synthetic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DirichletSampler;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.BetaNoise;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.Population;
import org.recloop.core.world.PopulationSource;

/**
 * The generative world of Chaney, Stewart and Engelhardt ("How algorithmic confounding in
 * recommendation systems increases homogeneity and decreases utility", RecSys 2018), with the
 * paper's hierarchy, as the T-RECS replication draws it:
 * <ul>
 *   <li>once per run, the Dirichlet parameters themselves: {@code μ_ρ ~ muRhoScale·Dirichlet(muRhoPrior·1_K)}
 *       for users (10·Dirichlet(1): users share a run-wide taste profile, so their tastes overlap)
 *       and {@code μ_α ~ muAlphaScale·Dirichlet(muAlphaPrior·1_K)} for items (0.1·Dirichlet(100):
 *       every component near 0.1/K, so items are nearly one-hot);</li>
 *   <li>per user {@code θ_u ~ Dirichlet(μ_ρ)}, per item {@code β_i ~ Dirichlet(μ_α)};</li>
 *   <li>true utility {@code V_ui ~ Beta'(θ_u·β_i, σ)} (mean θ·β, variance σ²; {@link BetaNoise}).</li>
 * </ul>
 * The symmetric {@link DirichletWorld} stays as the simpler option; it has no hierarchy, so its users
 * share nothing and homogenise differently. Users are active every tick (activity 50). The users'
 * partial knowledge of V ({@code η_ui}) and the attention exponent belong to the user model
 * ({@code rank-discounted}).
 *
 * <p>Determinism: the run-level parameters come from stream ("world.chaney.*", -1, -1), item i from
 * (…, i, -1), user u from (…, u, -1), V_ui from ("world.chaney.utility", u, i).
 */
public final class ChaneyWorld {

    private ChaneyWorld() {}

    /**
     * @param items number of items |I|
     * @param dimensions K, the number of attributes
     * @param muAlphaPrior concentration of the symmetric Dirichlet that draws μ_α (paper: 100)
     * @param muAlphaScale scale of μ_α (paper: 0.1)
     */
    public record CatalogParams(Integer items, Integer dimensions, Double muAlphaPrior, Double muAlphaScale) {
        public CatalogParams {
            items = Check.positive("items", items == null ? 1000 : items);
            dimensions = Check.positive("dimensions", dimensions == null ? 20 : dimensions);
            muAlphaPrior = Check.positive("muAlphaPrior", muAlphaPrior == null ? 100.0 : muAlphaPrior);
            muAlphaScale = Check.positive("muAlphaScale", muAlphaScale == null ? 0.1 : muAlphaScale);
        }
    }

    /**
     * @param users number of users |U|
     * @param muRhoPrior concentration of the symmetric Dirichlet that draws μ_ρ (paper: 1)
     * @param muRhoScale scale of μ_ρ (paper: 10)
     * @param sigma standard deviation σ of the true utility around θ·β (paper: 1e-5; 0 = none)
     * @param activity sessions per tick (50 = every tick)
     */
    public record PopulationParams(Integer users, Double muRhoPrior, Double muRhoScale, Double sigma, Double activity) {
        public PopulationParams {
            users = Check.positive("users", users == null ? 100 : users);
            muRhoPrior = Check.positive("muRhoPrior", muRhoPrior == null ? 1.0 : muRhoPrior);
            muRhoScale = Check.positive("muRhoScale", muRhoScale == null ? 10.0 : muRhoScale);
            sigma = Check.nonNegative("sigma", sigma == null ? 1e-5 : sigma);
            if (sigma >= 0.5) {
                throw new org.recloop.core.config.InvalidParameterException("sigma",
                        "must be below 0.5 (a Beta on [0, 1] has variance below 1/4), was " + sigma);
            }
            activity = Check.positive("activity", activity == null ? 50.0 : activity);
        }
    }

    private static final long ITEM_PRIOR = RandomStreams.purpose("world.chaney.mu-alpha");
    private static final long ITEMS = RandomStreams.purpose("world.chaney.items");
    private static final long USER_PRIOR = RandomStreams.purpose("world.chaney.mu-rho");
    private static final long USERS = RandomStreams.purpose("world.chaney.users");
    /** Stream purpose of the true-utility draws V_ui. */
    public static final long UTILITY = RandomStreams.purpose("world.chaney.utility");

    /** The run's μ_α: muAlphaScale times a draw of Dirichlet(muAlphaPrior·1_K). */
    static double[] muAlpha(CatalogParams p, RandomStreams streams) {
        return scaled(streams.stream(ITEM_PRIOR, -1, -1), p.dimensions(), p.muAlphaPrior(), p.muAlphaScale());
    }

    /** The run's μ_ρ: muRhoScale times a draw of Dirichlet(muRhoPrior·1_K). */
    static double[] muRho(PopulationParams p, int k, RandomStreams streams) {
        return scaled(streams.stream(USER_PRIOR, -1, -1), k, p.muRhoPrior(), p.muRhoScale());
    }

    public static CatalogSource catalog(CatalogParams p) {
        return streams -> {
            int k = p.dimensions();
            double[] mu = muAlpha(p, streams);
            Catalog cat = new Catalog(k, p.items());
            float[] f = new float[k];
            for (int i = 0; i < p.items(); i++) {
                double[] x = draw(streams.stream(ITEMS, i, -1), mu);
                int topic = 0;
                for (int d = 0; d < k; d++) {
                    f[d] = (float) x[d];
                    if (x[d] > x[topic]) {
                        topic = d;
                    }
                }
                cat.add(f, topic, -1, 0f, 1f, 0);
            }
            return cat;
        };
    }

    public static PopulationSource population(PopulationParams p) {
        return (catalog, streams) -> {
            int k = catalog.dim();
            double[] mu = muRho(p, k, streams);
            Population pop = new Population(p.users(), k);
            float[] prefs = pop.preferences();
            for (int u = 0; u < p.users(); u++) {
                double[] x = draw(streams.stream(USERS, u, -1), mu);
                for (int d = 0; d < k; d++) {
                    prefs[u * k + d] = (float) x[d];
                }
                pop.setActivity(u, p.activity().floatValue());
            }
            if (p.sigma() > 0) {
                pop.setUtilityNoise(new BetaNoise(streams, UTILITY, p.sigma()));
            }
            return pop;
        };
    }

    private static double[] scaled(UniformRandomProvider rng, int k, double prior, double scale) {
        double[] x = draw(rng, filled(k, prior));
        for (int d = 0; d < k; d++) {
            x[d] *= scale;
        }
        return x;
    }

    private static double[] filled(int k, double v) {
        double[] a = new double[k];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * One Dirichlet draw. With concentrations near 0.005 (the items) every gamma variate of a draw
     * can underflow to zero, leaving no point of the simplex; such a draw is repeated from the same
     * stream (deterministic), which conditions on the event of probability ~1e-30 not occurring.
     */
    static double[] draw(UniformRandomProvider rng, double[] alpha) {
        DirichletSampler s = DirichletSampler.of(rng, alpha);
        for (int attempt = 0; attempt < 1000; attempt++) {
            double[] x = s.sample();
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            if (sum > 0 && !Double.isNaN(sum)) {
                return x;
            }
        }
        throw new IllegalStateException("no Dirichlet draw with concentrations " + java.util.Arrays.toString(alpha));
    }
}
