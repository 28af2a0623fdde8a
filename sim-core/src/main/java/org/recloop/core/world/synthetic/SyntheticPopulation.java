package org.recloop.core.world.synthetic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.PopulationSource;

/**
 * Users whose true preference is a unit vector near the centre of one favourite topic of the
 * catalog (the mean direction of that topic's items) plus Gaussian noise of standard deviation
 * {@code tasteSpread / sqrt(dim)} per coordinate. Activity (expected sessions per tick) is
 * log-normal with median {@code meanActivity * exp(-activitySpread²/2)}, i.e. mean {@code
 * meanActivity}, capped at {@code maxActivity}: a heavy tail of very active users, as platforms
 * see.
 */
public final class SyntheticPopulation implements PopulationSource {

    /**
     * @param users number of users
     * @param tasteSpread noise around the favourite topic (0 = users of a topic identical)
     * @param meanActivity mean sessions per tick
     * @param activitySpread sigma of log activity (0 = everyone equally active)
     * @param maxActivity cap on a user's sessions per tick
     */
    public record Params(Integer users, Double tasteSpread, Double meanActivity, Double activitySpread,
            Double maxActivity) {
        public Params {
            users = Check.positive("users", users == null ? 10_000 : users);
            tasteSpread = Check.nonNegative("tasteSpread", tasteSpread == null ? 1.0 : tasteSpread);
            meanActivity = Check.positive("meanActivity", meanActivity == null ? 0.3 : meanActivity);
            activitySpread = Check.nonNegative("activitySpread", activitySpread == null ? 1.0 : activitySpread);
            maxActivity = Check.positive("maxActivity", maxActivity == null ? 5.0 : maxActivity);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null);
        }
    }

    private static final long USER = RandomStreams.purpose("world.users");
    private final Params p;

    public SyntheticPopulation(Params p) {
        this.p = p;
    }

    @Override
    public Population build(Catalog catalog, RandomStreams streams) {
        Population pop = new Population(p.users(), catalog.dim());
        fill(pop, catalog, streams, 0, p.users(), -1);
        return pop;
    }

    /**
     * Draws the rows of users {@code [from, to)} of {@code pop} (ignoring {@link Params#users()}),
     * e.g. accounts added during a run. User u draws from the stream of ("world.users", u, {@code
     * tick}); the users at the start use tick -1, added accounts the tick they were added at.
     */
    public void fill(Population pop, Catalog catalog, RandomStreams streams, int from, int to, int tick) {
        int dim = catalog.dim();
        int topics = 0;
        for (int i = 0; i < catalog.size(); i++) {
            topics = Math.max(topics, catalog.topic(i) + 1);
        }
        topics = Math.max(topics, 1);
        float[] centres = new float[topics * dim];
        for (int i = 0; i < catalog.size(); i++) {
            int t = Math.max(0, catalog.topic(i));
            for (int f = 0; f < dim; f++) {
                centres[t * dim + f] += catalog.feature(i, f);
            }
        }
        for (int t = 0; t < topics; t++) {
            Vectors.normalize(centres, t * dim, dim);
        }
        float[] prefs = pop.preferences();
        double sd = p.tasteSpread() / Math.sqrt(dim);
        double sigma = p.activitySpread();
        double mu = Math.log(p.meanActivity()) - sigma * sigma / 2;
        for (int u = from; u < to; u++) {
            UniformRandomProvider rng = streams.stream(USER, u, tick);
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            int t = rng.nextInt(topics);
            for (int f = 0; f < dim; f++) {
                prefs[u * dim + f] = (float) (centres[t * dim + f] + sd * g.sample());
            }
            Vectors.normalize(prefs, u * dim, dim);
            double act = Math.exp(mu + sigma * g.sample());
            pop.setActivity(u, (float) Math.min(act, p.maxActivity()));
        }
    }
}
