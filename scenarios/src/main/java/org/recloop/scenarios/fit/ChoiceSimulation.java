package org.recloop.scenarios.fit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.recloop.agents.rule.MnlUserModel;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.io.RatingsFile;
import org.recloop.scenarios.data.RatingsWorld;

/**
 * The fitted world's run without the run machinery: the {@code ratings} world of a file, served
 * random slates, answered by the MNL user model with no drift. Each call of {@link #run} is one
 * simulation of the kernel's phases Arrive (one Bernoulli(1 - exp(-activity)) per user and
 * tick, from the arrive stream), Serve ({@link SlateRanker#serveRandom}, what the {@code random}
 * recommender serves) and React ({@link MnlUserModel}), with the consumption history the platform
 * keeps ({@link PlatformEffects}).
 *
 * <p>Why not the runner: a fit needs tens of simulations of a thousand ticks or more, and the
 * run's database, metrics and exposures log cost about 45 ms a tick on ml-100k, against well
 * under a millisecond here. Because random slates do not depend on the log, the clicks are those
 * a {@code recloop run} of the written scenario with the same seed logs (checked by a test), so
 * the fit's figures are the scenario's.
 *
 * <p>Determinism: every draw comes from the kernel's streams of the seed, so a run depends only
 * on the seed and the parameters (common random numbers across the search's evaluations). The
 * world (an ALS fit of the file) is built once; every run starts from its preferences.
 */
final class ChoiceSimulation {

    private final RatingsFile data;
    private final Catalog catalog;
    private final Population population;
    private final float[] preferences;
    private final int[] counts;
    private final double meanCount;
    private final long seed;
    private final int ticks;
    private final int slateSize;

    /**
     * Builds the {@code ratings} world of {@code file} as a run with {@code seed} does.
     *
     * @throws org.recloop.core.world.io.DataFileException when the file cannot be read
     */
    ChoiceSimulation(Path file, RatingsWorld.Params world, long seed, int ticks, int slateSize) {
        RandomStreams streams = new RandomStreams(seed);
        this.data = RatingsFile.read(file, LoadPolicy.LENIENT);
        this.catalog = RatingsWorld.catalog(file, world).build(streams, LoadPolicy.LENIENT, r -> { });
        this.population = RatingsWorld.population(file, world).build(catalog, streams, LoadPolicy.LENIENT, r -> { });
        this.preferences = population.preferences().clone();
        this.counts = new int[data.numUsers()];
        for (int u : data.users()) {
            counts[u]++;
        }
        this.meanCount = (double) data.size() / data.numUsers();
        this.seed = seed;
        this.ticks = ticks;
        this.slateSize = slateSize;
    }

    RatingsFile data() {
        return data;
    }

    int ticks() {
        return ticks;
    }

    /** Runs the world with the parameters {@code values} (every {@link FitParameter} present) and returns its clicks. */
    Interactions run(EnumMap<FitParameter, Double> values) {
        RandomStreams streams = new RandomStreams(seed);
        int users = population.size();
        System.arraycopy(preferences, 0, population.preferences(), 0, preferences.length);
        for (int u = 0; u < users; u++) {
            population.setStatus(u, Population.ACTIVE);
            population.setActivity(u, (float) RatingsWorld.activity(counts[u], meanCount,
                    values.get(FitParameter.MEAN_ACTIVITY), values.get(FitParameter.ACTIVITY_EXPONENT)));
        }
        World world = World.of(catalog, population);
        MnlUserModel model = new MnlUserModel(new MnlUserModel.Params(values.get(FitParameter.BETA),
                values.get(FitParameter.NO_CLICK_UTILITY), values.get(FitParameter.POSITION_DECAY), 0.0,
                values.get(FitParameter.QUALITY_WEIGHT)));
        long[] itemClicks = new long[catalog.size()];
        ClickList clicks = new ClickList();
        int[] active = new int[users];
        EventBuffer events = new EventBuffer(1024);
        for (int tick = 0; tick < ticks; tick++) {
            int n = 0;
            for (int u = 0; u < users; u++) {
                double p = 1.0 - Math.exp(-population.activity(u));
                if (streams.uniform(Purposes.ARRIVE, u, tick) < p) {
                    active[n++] = u;
                }
            }
            if (n == 0) {
                continue;
            }
            SlateBatch slates = new SlateBatch(Arrays.copyOf(active, n), slateSize);
            SlateRanker.serveRandom(slates, 0, n, new ServeContext(tick, catalog.size(), world.history(), streams,
                    catalog));
            events.clear();
            model.react(new ReactContext(tick, world, streams), slates, 0, n, events);
            PlatformEffects.apply(world, events, tick, itemClicks);
            for (int i = 0; i < events.size(); i++) {
                if (events.is(i, EventType.CLICK)) {
                    clicks.add(events.user(i), events.item(i), tick);
                }
            }
        }
        return clicks.toInteractions(users, catalog.size());
    }

    /** The values of {@code fitted} over the defaults, as a full map. */
    static EnumMap<FitParameter, Double> complete(Map<FitParameter, Double> given, double meanActivity) {
        EnumMap<FitParameter, Double> all = new EnumMap<>(FitParameter.class);
        for (FitParameter p : FitParameter.values()) {
            all.put(p, p == FitParameter.MEAN_ACTIVITY ? meanActivity : p.start());
        }
        all.putAll(given);
        return all;
    }

    /** A growing list of clicks. */
    private static final class ClickList {
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private int[] ticks = new int[1024];
        private int size;

        void add(int u, int i, int t) {
            if (size == users.length) {
                users = Arrays.copyOf(users, size * 2);
                items = Arrays.copyOf(items, size * 2);
                ticks = Arrays.copyOf(ticks, size * 2);
            }
            users[size] = u;
            items[size] = i;
            ticks[size] = t;
            size++;
        }

        Interactions toInteractions(int numUsers, int numItems) {
            float[] v = new float[size];
            Arrays.fill(v, 1f);
            return new Interactions(Arrays.copyOf(users, size), Arrays.copyOf(items, size), Arrays.copyOf(ticks, size),
                    v, numUsers, numItems);
        }
    }
}
