package org.recloop.scenarios.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.H2Url;
import org.recloop.core.log.LogReadException;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.RunStatus;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.sim.TickSummary;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;
import org.recloop.scenarios.gui.ReplayWithUI.NotReplayable;
import org.recloop.scenarios.output.OutputLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finished run read back tick by tick from its database (through {@link LogReader}, read-only:
 * the run folder is never written), into a {@link World} the GUI's displays draw like a live
 * one's. The world starts as the log's {@code users} and {@code items} tables describe it; each
 * {@link #step} then applies one committed tick: its exposures (item sizes, users' recent slates),
 * its events (recent events, clicks into the consumption history, follows and unfollows into the
 * graph, leaving and returning), and the user state snapshots taken at its end, if the run took
 * any ({@code log.groundTruthEvery}): without them preferences stay where they started.
 *
 * <p>Limits of what the log holds: the follow graph at the start is not logged, so the graph
 * shows the follows made during the run; which accounts were fake is not logged either.
 *
 * <p>Not thread-safe: opened, stepped and closed by the GUI, never two at once.
 */
final class ReplayRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);

    private final Path dir;
    private final LogReader log;
    private final LogReader.Run run;
    private final World world;
    private final RandomStreams streams;
    private final UserTrail trail = new UserTrail();
    private final LogReader.Ticks ticks;
    private final Map<Integer, Map<String, Double>> metrics;
    private long[] exposures;
    private int next; // index into ticks

    private ReplayRun(Path dir, LogReader log) {
        this.dir = dir;
        this.log = log;
        this.run = log.run();
        this.world = worldAtStart(log);
        this.streams = new RandomStreams(run.seed());
        this.ticks = log.ticks();
        this.metrics = metricsByTick(log.metrics());
        this.exposures = new long[world.catalog().size()];
    }

    /**
     * Opens the run in {@code dir} for replay.
     *
     * @throws NotReplayable if the folder is not a run, a live process still writes it, or its
     *     database cannot be read; the message names the folder and the reason
     */
    static ReplayRun open(Path dir) throws NotReplayable {
        if (!Files.isRegularFile(dir.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            throw new NotReplayable(dir + " is not a run folder (it has no " + H2EventLog.DB_NAME + ".mv.db)");
        }
        if (OutputLock.isHeld(dir)) {
            throw new NotReplayable(dir + " is still being written by a live run; replay it once that run has ended");
        }
        LogReader log;
        try {
            log = LogReader.open(dir);
        } catch (H2Url.UnsafePathException e) {
            throw new NotReplayable(e.getMessage());
        } catch (LogReadException e) {
            if (e.databaseInUse()) {
                throw new NotReplayable(dir + " is still being written by a live run; replay it once that run has"
                        + " ended");
            }
            throw new NotReplayable("cannot read the run database in " + dir + ": " + firstLine(e.getMessage()));
        }
        try {
            ReplayRun r = new ReplayRun(dir, log);
            if (r.ticks.size() == 0) {
                throw new NotReplayable(dir + " has no committed tick to replay");
            }
            if (RunStatus.RUNNING.label().equals(r.run.status())) {
                LOG.warn("{} did not record its end (killed?): replaying its {} committed ticks", dir, r.ticks.size());
            }
            return r;
        } catch (LogReadException | IllegalArgumentException e) {
            log.close();
            throw new NotReplayable("cannot read the run database in " + dir + ": " + firstLine(e.getMessage()));
        } catch (NotReplayable e) {
            log.close();
            throw e;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The world as the log's users and items tables describe it, with no follows yet. */
    private static World worldAtStart(LogReader log) {
        LogReader.Users us = log.users();
        LogReader.Items it = log.items();
        int dim = dimOf(us.preferences(), it.features());
        Catalog catalog = new Catalog(dim, it.size());
        float[] zero = new float[dim];
        for (int r = 0; r < it.size(); r++) {
            float[] f = it.features()[r] != null && it.features()[r].length == dim ? it.features()[r] : zero;
            int id = catalog.add(f, it.topics()[r], it.creators()[r], it.qualities()[r], it.popularities()[r],
                    it.createdTicks()[r]);
            if (id != it.ids()[r]) {
                throw new IllegalArgumentException("item ids are not dense: row " + r + " has id " + it.ids()[r]);
            }
            if (it.titles()[r] != null) {
                catalog.setTitle(id, it.titles()[r]);
            }
        }
        Population pop = new Population(us.size(), dim);
        for (int r = 0; r < us.size(); r++) {
            int u = us.ids()[r];
            if (u != r) {
                throw new IllegalArgumentException("user ids are not dense: row " + r + " has id " + u);
            }
            pop.setArchetype(u, us.archetypes()[r]);
            pop.setActivity(u, us.activities()[r]);
            setPreference(pop, u, us.preferences()[r]);
        }
        return World.of(catalog, pop, SocialGraph.empty(pop.size()));
    }

    private static int dimOf(float[][] prefs, float[][] features) {
        for (float[][] rows : List.of(prefs, features)) {
            for (float[] row : rows) {
                if (row != null && row.length > 0) {
                    return row.length;
                }
            }
        }
        return 1;
    }

    private static void setPreference(Population pop, int user, float[] p) {
        if (p != null && p.length == pop.dim()) {
            System.arraycopy(p, 0, pop.preferences(), user * pop.dim(), p.length);
        }
    }

    private static Map<Integer, Map<String, Double>> metricsByTick(LogReader.Metrics m) {
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        for (int r = 0; r < m.size(); r++) {
            out.computeIfAbsent(m.ticks()[r], t -> new LinkedHashMap<>()).put(m.names()[r], m.values()[r]);
        }
        return out;
    }

    Path dir() {
        return dir;
    }

    LogReader.Run run() {
        return run;
    }

    World world() {
        return world;
    }

    /** The run's streams: only their seed is used, to draw the same user sample as the live run. */
    RandomStreams streams() {
        return streams;
    }

    UserTrail trail() {
        return trail;
    }

    /** Cumulative exposures per item id up to the last replayed tick. */
    long[] exposures() {
        return exposures;
    }

    /** Committed ticks the run has. */
    int ticks() {
        return ticks.size();
    }

    /** Ticks replayed so far. */
    int replayed() {
        return next;
    }

    boolean done() {
        return next >= ticks.size();
    }

    /** Applies the next committed tick to the world and returns what happened in it. */
    TickSummary step() {
        int tick = ticks.ticks()[next];
        long clicks = applyEvents(tick);
        applyExposures(tick);
        applyStates(tick);
        TickSummary s = new TickSummary(tick, ticks.sessions()[next], ticks.exposures()[next], ticks.events()[next],
                clicks, metrics.getOrDefault(tick, Map.of()));
        next++;
        return s;
    }

    private void applyExposures(int tick) {
        LogReader.Exposures e = log.exposures(tick);
        int start = 0;
        for (int r = 0; r < e.size(); r++) {
            int item = e.items()[r];
            if (item >= exposures.length) {
                exposures = java.util.Arrays.copyOf(exposures, Math.max(item + 1, exposures.length * 2));
            }
            exposures[item]++;
            boolean last = r + 1 == e.size() || e.users()[r + 1] != e.users()[r] || e.positions()[r + 1] == 0;
            if (last) {
                trail.slate(e.users()[r], tick, e.items(), start, r + 1);
                start = r + 1;
            }
        }
    }

    private long applyEvents(int tick) {
        LogReader.Events e = log.events(tick);
        Population pop = world.population();
        SocialGraph graph = world.graph();
        long clicks = 0;
        for (int r = 0; r < e.size(); r++) {
            int u = e.users()[r];
            int item = e.items()[r];
            int target = e.targets()[r];
            byte type = e.types()[r];
            trail.event(u, tick, type, item, target);
            if (u < 0 || u >= pop.size()) {
                continue;
            }
            if (type == EventType.CLICK.code()) {
                clicks++;
                if (item >= 0 && item < world.catalog().size()) {
                    world.history().add(u, item);
                }
            } else if (type == EventType.FOLLOW.code() && target >= 0 && target < pop.size()) {
                graph.follow(u, target);
            } else if (type == EventType.UNFOLLOW.code() && target >= 0 && target < pop.size()) {
                graph.unfollow(u, target);
            } else if (type == EventType.LEAVE.code()) {
                pop.setStatus(u, Population.CHURNED);
            } else if (type == EventType.RETURN.code()) {
                pop.setStatus(u, Population.ACTIVE);
            }
        }
        return clicks;
    }

    private void applyStates(int tick) {
        LogReader.UserStates s = log.userStates(tick);
        Population pop = world.population();
        for (int r = 0; r < s.size(); r++) {
            int u = s.users()[r];
            if (u >= 0 && u < pop.size()) {
                setPreference(pop, u, s.preferences()[r]);
                pop.setStatus(u, s.statuses()[r]);
            }
        }
    }

    @Override
    public void close() {
        log.close();
    }
}
