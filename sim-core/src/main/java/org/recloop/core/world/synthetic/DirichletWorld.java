package org.recloop.core.world.synthetic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DirichletSampler;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.Population;
import org.recloop.core.world.PopulationSource;

/**
 * The world of Chaney, Stewart and Engelhardt ("How algorithmic confounding in recommendation
 * systems increases homogeneity and decreases utility", RecSys 2018): item attributes and user
 * preferences are points of the probability simplex with K components, drawn from symmetric
 * Dirichlet distributions, and the true score of item i for user u is {@code θ_u·β_i}. An item's
 * topic is its largest component. Users are active every tick (activity 50: arrival
 * probability 1 - e^-50).
 */
public final class DirichletWorld {

    private DirichletWorld() {}

    /**
     * @param items number of items
     * @param dimensions K, the number of attributes
     * @param concentration symmetric Dirichlet concentration of item attributes (small = peaked)
     */
    public record CatalogParams(Integer items, Integer dimensions, Double concentration) {
        public CatalogParams {
            items = Check.positive("items", items == null ? 1000 : items);
            dimensions = Check.positive("dimensions", dimensions == null ? 20 : dimensions);
            concentration = Check.positive("concentration", concentration == null ? 0.1 : concentration);
        }
    }

    /**
     * @param users number of users
     * @param concentration symmetric Dirichlet concentration of user preferences
     * @param activity sessions per tick (50 = every tick)
     */
    public record PopulationParams(Integer users, Double concentration, Double activity) {
        public PopulationParams {
            users = Check.positive("users", users == null ? 1000 : users);
            concentration = Check.positive("concentration", concentration == null ? 0.1 : concentration);
            activity = Check.positive("activity", activity == null ? 50.0 : activity);
        }
    }

    private static final long ITEMS = RandomStreams.purpose("world.dirichlet.items");
    private static final long USERS = RandomStreams.purpose("world.dirichlet.users");

    public static CatalogSource catalog(CatalogParams p) {
        return streams -> {
            int k = p.dimensions();
            Catalog cat = new Catalog(k, p.items());
            float[] f = new float[k];
            for (int i = 0; i < p.items(); i++) {
                UniformRandomProvider rng = streams.stream(ITEMS, i, -1);
                double[] x = DirichletSampler.symmetric(rng, k, p.concentration()).sample();
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
            Population pop = new Population(p.users(), k);
            float[] prefs = pop.preferences();
            for (int u = 0; u < p.users(); u++) {
                UniformRandomProvider rng = streams.stream(USERS, u, -1);
                double[] x = DirichletSampler.symmetric(rng, k, p.concentration()).sample();
                for (int d = 0; d < k; d++) {
                    prefs[u * k + d] = (float) x[d];
                }
                pop.setActivity(u, p.activity().floatValue());
            }
            return pop;
        };
    }
}
