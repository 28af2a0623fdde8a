package org.recloop.scenarios.data;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.CatalogSource;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.Population;
import org.recloop.core.world.PopulationSource;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

/**
 * A world whose items and users come from a real interaction file, so that a run starts from
 * real tastes. The file (MovieLens CSV or u.data, see {@link RatingsFile}) is factorised with
 * implicit ALS on the ratings at or above {@code minRating} ("liked"), with {@code dimensions}
 * factors and the run's seed. Then:
 *
 * <ul>
 *   <li>item i (dense id, ascending raw id) gets feature = its item factor, unit-normalised;
 *       topic = the index of its largest coordinate; quality = (mean rating - 1) / 4 on a 1-5
 *       scale, clipped to [0, 1]; popularity prior = its number of ratings; creator = -1;
 *   <li>user u (dense id, ascending raw id) gets preference = its user factor, unit-normalised
 *       (users with no liked item get the normalised mean preference); activity = {@code
 *       meanActivity} × (u's number of ratings / mean number of ratings)^{@code activityExponent},
 *       capped at 5 (see {@link #activity}).
 * </ul>
 *
 * <p>Use the same {@code path}, {@code minRating} and {@code dimensions} for the catalog and the
 * population: each fits the same model from the same seed (the fit is deterministic), and the
 * population checks that the catalog it is matched with has the file's items. Rows the file
 * drops or merges (see {@link RatingsFile}) follow the run's {@link LoadPolicy}; both sources
 * report the file, and the run keeps one copy of equal reports.
 */
public final class RatingsWorld {

    private RatingsWorld() {}

    /**
     * @param path the interaction file (relative to the scenario file)
     * @param dimensions latent dimensions of the fit
     * @param minRating ratings at or above this count as liked
     * @param meanActivity mean sessions per tick (population only)
     * @param activityExponent how a user's activity grows with their number of ratings (population
     *     only; default 1 = proportional). Above 1 it widens the spread, which makes up for the
     *     saturation of one arrival per tick (a user arrives with probability 1 - exp(-activity)),
     *     so that the heaviest users of the file stay the heaviest in the log; {@code recloop
     *     calibrate --fit} fits it.
     */
    public record Params(String path, Integer dimensions, Double minRating, Double meanActivity,
            Double activityExponent) {
        public Params {
            if (path == null || path.isBlank()) {
                throw new InvalidParameterException("path", "is required");
            }
            dimensions = Check.positive("dimensions", dimensions == null ? 16 : dimensions);
            minRating = Check.finite("minRating", minRating == null ? 4.0 : minRating);
            meanActivity = Check.positive("meanActivity", meanActivity == null ? 0.3 : meanActivity);
            activityExponent = Check.nonNegative("activityExponent", activityExponent == null ? 1.0 : activityExponent);
        }

        /** The parameters with the default activity exponent (1: activity proportional to the ratings). */
        public Params(String path, Integer dimensions, Double minRating, Double meanActivity) {
            this(path, dimensions, minRating, meanActivity, null);
        }
    }

    /**
     * The activity (expected arrivals per tick, before saturation) of a user with {@code count}
     * ratings in a file whose users have {@code meanCount} on average: {@code meanActivity ×
     * (count / meanCount)^activityExponent}, capped at 5.
     */
    public static double activity(int count, double meanCount, double meanActivity, double activityExponent) {
        return Math.min(5.0, meanActivity * Math.pow(count / meanCount, activityExponent));
    }

    /** The fitted factors. */
    record Fit(RatingsFile data, ImplicitAlsRecommender model) {}

    static Fit fit(Path file, Params p, RandomStreams streams, LoadPolicy policy, Consumer<LoadReport> reports) {
        RatingsFile data = RatingsFile.read(file, policy);
        reports.accept(data.report());
        int n = 0;
        for (float r : data.ratings()) {
            if (r >= p.minRating()) {
                n++;
            }
        }
        if (n == 0) {
            throw new DataFileException(file.toString(), 0, "no rating >= minRating " + p.minRating());
        }
        int[] u = new int[n];
        int[] it = new int[n];
        float[] v = new float[n];
        int w = 0;
        for (int r = 0; r < data.size(); r++) {
            if (data.ratings()[r] >= p.minRating()) {
                u[w] = data.users()[r];
                it[w] = data.items()[r];
                v[w] = 1f;
                w++;
            }
        }
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(
                new ImplicitAlsRecommender.Params(p.dimensions(), 15, 0.1, 10.0));
        als.fit(new Interactions(u, it, new int[n], v, data.numUsers(), data.numItems()),
                new TrainContext(0, streams, null, 1));
        return new Fit(data, als);
    }

    private static float[] unit(float[] x, int dim) {
        float[] y = x.length == dim ? x.clone() : new float[dim];
        double s = 0;
        for (float f : y) {
            s += (double) f * f;
        }
        if (s == 0) {
            y[0] = 1f;
            return y;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < dim; i++) {
            y[i] *= inv;
        }
        return y;
    }

    /** Catalog source {@code ratings}. */
    public static CatalogSource catalog(Path file, Params p) {
        return new CatalogSource() {
            @Override
            public Catalog build(RandomStreams streams) {
                return build(streams, LoadPolicy.LENIENT, report -> { });
            }

            @Override
            public Catalog build(RandomStreams streams, LoadPolicy policy, Consumer<LoadReport> reports) {
                return buildCatalog(fit(file, p, streams, policy, reports), p);
            }
        };
    }

    private static Catalog buildCatalog(Fit fit, Params p) {
        RatingsFile d = fit.data();
        int items = d.numItems();
        int dim = p.dimensions();
        double[] sum = new double[items];
        int[] cnt = new int[items];
        for (int r = 0; r < d.size(); r++) {
            sum[d.items()[r]] += d.ratings()[r];
            cnt[d.items()[r]]++;
        }
        Catalog cat = new Catalog(dim, items);
        for (int i = 0; i < items; i++) {
            float[] f = unit(fit.model().itemFactors(i), dim);
            int topic = 0;
            for (int k = 1; k < dim; k++) {
                if (f[k] > f[topic]) {
                    topic = k;
                }
            }
            double mean = cnt[i] == 0 ? 3 : sum[i] / cnt[i];
            float quality = (float) Math.max(0, Math.min(1, (mean - 1) / 4));
            cat.add(f, topic, -1, quality, cnt[i], 0);
            cat.setTitle(i, "item " + d.rawItemIds()[i]);
        }
        return cat;
    }

    /** Population source {@code ratings}. */
    public static PopulationSource population(Path file, Params p) {
        return new PopulationSource() {
            @Override
            public Population build(Catalog catalog, RandomStreams streams) {
                return build(catalog, streams, LoadPolicy.LENIENT, report -> { });
            }

            @Override
            public Population build(Catalog catalog, RandomStreams streams, LoadPolicy policy,
                    Consumer<LoadReport> reports) {
                return buildPopulation(file, fit(file, p, streams, policy, reports), p, catalog);
            }
        };
    }

    private static Population buildPopulation(Path file, Fit fit, Params p, Catalog catalog) {
        RatingsFile d = fit.data();
        if (catalog.size() < d.numItems() || catalog.dim() != p.dimensions()) {
            throw new DataFileException(file.toString(), 0, "the catalog (" + catalog.size() + " items, "
                    + catalog.dim() + " dimensions) does not come from this file (" + d.numItems() + " items, "
                    + p.dimensions() + " dimensions): use the 'ratings' catalog with the same path and dimensions");
        }
        int users = d.numUsers();
        int dim = p.dimensions();
        int[] count = new int[users];
        for (int r = 0; r < d.size(); r++) {
            count[d.users()[r]]++;
        }
        double meanCount = (double) d.size() / users;
        Population pop = new Population(users, dim);
        float[] prefs = pop.preferences();
        float[] mean = new float[dim];
        boolean[] known = new boolean[users];
        for (int u = 0; u < users; u++) {
            float[] x = fit.model().userFactors(u);
            known[u] = x.length == dim;
            if (known[u]) {
                float[] y = unit(x, dim);
                System.arraycopy(y, 0, prefs, u * dim, dim);
                for (int k = 0; k < dim; k++) {
                    mean[k] += y[k];
                }
            }
        }
        float[] fallback = unit(mean, dim);
        for (int u = 0; u < users; u++) {
            if (!known[u]) {
                System.arraycopy(fallback, 0, prefs, u * dim, dim);
            }
            pop.setActivity(u, (float) activity(count[u], meanCount, p.meanActivity(), p.activityExponent()));
        }
        return pop;
    }
}
