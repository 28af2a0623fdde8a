package org.recloop.analysis.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Rank-list sensitivity study (Oh, Ustun, McAuley and Kumar, CIKM 2022): how far do every
 * user's top-K lists move when one interaction of one user changes?
 *
 * <p>Protocol: a fresh recommender from the factory is fitted on all interactions ({@code fit}
 * with {@code TrainContext(T, new RandomStreams(seed), executor = null, parallelism = 1,
 * catalog)}, T = last tick + 1) and asked, in one {@link SlateBatch} in ascending user order, for
 * the top-K of the studied users (all users, or a seeded sample of {@code users} of them) with a
 * {@link ServeContext} whose consumption history holds each user's items, so consumed items are
 * never candidates, as in {@link org.recloop.analysis.offline.Evaluator}. Then, for each of the
 * P perturbations drawn by {@link Perturbations} (half removals, half additions in expectation),
 * another fresh instance is fitted on the perturbed data with streams seeded by
 * {@code refitSeed} (= seed unless chosen otherwise, so the perturbation is the only
 * difference) and the same T, the same users are ranked again against the perturbed
 * histories, and each user's lists before and after are compared with
 * {@link ListOverlap#jaccard Jaccard@K} and {@link ListOverlap#rbo RBO@K} (Webber, Moffat and
 * Zobel 2010, p = {@code rboP}). A perturbation reports the means over the users and the share
 * of users whose ordered list changed; the study reports the mean of each over the
 * perturbations with a 95% Student-t interval.
 *
 * <p>The perturbed user is among the compared users when sampled; its own list changes almost
 * always (an added item leaves its candidates, a removed one joins them), which is part of the
 * measure as in the paper. Deterministic: the same data, options and factory give the same
 * result. Not thread-safe; one study at a time per instance.
 */
public final class RankListSensitivity {

    private static final long USERS_PURPOSE = RandomStreams.purpose("sensitivity.users");

    /**
     * Settings.
     *
     * @param k list length, > 0
     * @param perturbations number of perturbations P, >= 0
     * @param seed seed of the user sample, the perturbations and the first fit
     * @param refitSeed seed of the streams given to the refitted instances
     * @param users number of users to compare (a seeded sample); 0 = every user
     * @param rboP RBO persistence, in (0, 1)
     */
    public record Options(int k, int perturbations, long seed, long refitSeed, int users, double rboP) {
        public Options {
            if (k <= 0) {
                throw new IllegalArgumentException("k must be > 0, was " + k);
            }
            if (perturbations < 0) {
                throw new IllegalArgumentException("perturbations must be >= 0, was " + perturbations);
            }
            if (users < 0) {
                throw new IllegalArgumentException("users must be >= 0 (0 = all), was " + users);
            }
            if (!(rboP > 0 && rboP < 1)) {
                throw new IllegalArgumentException("RBO persistence must be in (0, 1), was " + rboP);
            }
        }

        /** Options with refits seeded like the first fit and RBO p = {@value ListOverlap#DEFAULT_RBO_P}. */
        public static Options of(int k, int perturbations, long seed, int users) {
            return new Options(k, perturbations, seed, seed, users, ListOverlap.DEFAULT_RBO_P);
        }
    }

    /**
     * The effect of one perturbation.
     *
     * @param perturbation what was changed
     * @param jaccard mean Jaccard@K over the compared users
     * @param rbo mean RBO@K over the compared users
     * @param changedShare share of the compared users whose ordered top-K changed
     */
    public record Row(Perturbation perturbation, double jaccard, double rbo, double changedShare) {
        public Row {
            Objects.requireNonNull(perturbation, "perturbation");
        }
    }

    /**
     * A mean over perturbations with its 95% Student-t interval; the bounds are NaN with fewer
     * than two perturbations, everything is NaN with none.
     */
    public record Interval(double mean, double low, double high) {}

    /**
     * The study's outcome.
     *
     * @param users the compared users, ascending
     * @param rows one per perturbation done, in order (fewer than asked when stopped)
     * @param jaccard mean Jaccard@K over perturbations
     * @param rbo mean RBO@K over perturbations
     * @param changedShare mean share of changed lists over perturbations
     */
    public record Result(int[] users, List<Row> rows, Interval jaccard, Interval rbo, Interval changedShare) {
        public Result {
            users = users.clone();
            rows = List.copyOf(rows);
        }

        @Override
        public int[] users() {
            return users.clone();
        }
    }

    private final Options options;

    public RankListSensitivity(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Runs the study; {@code stop} is asked before each perturbation, and when it says true the
     * rest are skipped (the result holds those done).
     *
     * @param catalog item attributes given to the recommenders; may be null
     * @throws IllegalArgumentException when P > 0 and no user has 2 interactions, or the data is empty
     * @throws IllegalStateException when a recommender breaks its contract (item out of range or consumed)
     */
    public Result run(Interactions data, Catalog catalog, Supplier<Recommender> factory, BooleanSupplier stop) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(stop, "stop");
        if (data.size() == 0 || data.numUsers() == 0 || data.numItems() == 0) {
            throw new IllegalArgumentException("the data holds no interactions");
        }
        RandomStreams streams = new RandomStreams(options.seed());
        Perturbations perturbations = new Perturbations(data, streams);
        if (options.perturbations() > 0 && perturbations.eligibleUsers() == 0) {
            throw new IllegalArgumentException("no user has at least 2 interactions to perturb");
        }
        int tick = 0;
        for (int t : data.ticks()) {
            tick = Math.max(tick, t + 1);
        }
        int[] users = sampleUsers(data.numUsers(), streams);
        int[][] before = topK(factory, data, catalog, users, tick, options.seed());
        int k = options.k();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < options.perturbations() && !stop.getAsBoolean(); i++) {
            Perturbation p = perturbations.draw(i);
            int[][] after = topK(factory, perturbations.apply(p), catalog, users, tick, options.refitSeed());
            double jac = 0;
            double rbo = 0;
            int changed = 0;
            for (int s = 0; s < users.length; s++) {
                jac += ListOverlap.jaccard(before[s], after[s], k);
                rbo += ListOverlap.rbo(before[s], after[s], k, options.rboP());
                if (!Arrays.equals(before[s], after[s])) {
                    changed++;
                }
            }
            rows.add(new Row(p, jac / users.length, rbo / users.length, (double) changed / users.length));
        }
        return new Result(users, rows, Intervals.of(rows, Row::jaccard), Intervals.of(rows, Row::rbo),
                Intervals.of(rows, Row::changedShare));
    }

    /** Every user, or a seeded uniform sample of {@code options.users()} of them; ascending. */
    private int[] sampleUsers(int numUsers, RandomStreams streams) {
        int[] all = new int[numUsers];
        for (int u = 0; u < numUsers; u++) {
            all[u] = u;
        }
        int n = options.users();
        if (n == 0 || n >= numUsers) {
            return all;
        }
        UniformRandomProvider r = streams.stream(USERS_PURPOSE, -1, 0);
        for (int i = 0; i < n; i++) { // partial Fisher-Yates
            int j = i + r.nextInt(numUsers - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, n);
        Arrays.sort(sample);
        return sample;
    }

    /**
     * Fits a fresh instance from {@code factory} on {@code data} at tick {@code tick} with streams
     * seeded by {@code seed}, and returns the top-K list of each of {@code users} (in that order),
     * consumed items excluded, as the study does before and after each perturbation.
     *
     * @throws IllegalStateException when the recommender lists an item outside the catalog or consumed
     */
    public int[][] topK(Supplier<Recommender> factory, Interactions data, Catalog catalog, int[] users, int tick,
            long seed) {
        ConsumptionHistory consumed = new ConsumptionHistory(data.numUsers());
        for (int r = 0; r < data.size(); r++) {
            consumed.add(data.users()[r], data.items()[r]);
        }
        RandomStreams streams = new RandomStreams(seed);
        Recommender rec = Objects.requireNonNull(factory.get(), "recommender factory returned null");
        rec.fit(data, new TrainContext(tick, streams, null, 1, catalog));
        SlateBatch batch = new SlateBatch(users, options.k());
        rec.recommend(batch, 0, batch.size(), new ServeContext(tick, data.numItems(), consumed, streams, catalog));
        int[][] lists = new int[users.length][];
        for (int s = 0; s < users.length; s++) {
            int n = batch.length(s);
            lists[s] = new int[n];
            for (int q = 0; q < n; q++) {
                int item = batch.item(s, q);
                if (item >= data.numItems() || consumed.contains(users[s], item)) {
                    throw new IllegalStateException("the recommender put item " + item + " in the list of user "
                            + users[s] + ", which is " + (item >= data.numItems() ? "outside the catalog [0, "
                            + data.numItems() + ")" : "among the user's interactions"));
                }
                lists[s][q] = item;
            }
        }
        return lists;
    }
}
