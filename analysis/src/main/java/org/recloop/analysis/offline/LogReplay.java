package org.recloop.analysis.offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.core.log.LogReadException;
import org.recloop.core.log.LogReader;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.io.DataFileException;

/**
 * Computes metrics offline over a run's log, read through {@link LogReader} (committed ticks only,
 * forgotten rows left out): rebuilds each committed tick's slates (from the
 * exposures table) and events, replays the platform's own bookkeeping (consumption history,
 * counts, churn, activity) and hands the same {@link TickView} the online Observe phase saw to
 * any {@link Metric}. Ground truth comes from the items and users tables and, when the run kept
 * them, the user_states snapshots (preferences drift between snapshots are not recoverable, so
 * preference-based metrics are exact only at snapshot ticks or without drift). The follow graph
 * is not logged, so graph-based measures are not available. With sampled exposures only the
 * sampled slates are seen.
 */
public final class LogReplay {

    private LogReplay() {}

    /** Per tick, the values of the metrics, in order. */
    public static List<Map<String, Double>> run(Path runDir, List<Metric> metrics) {
        try (LogReader log = LogReader.open(runDir)) {
            return replay(runDir, log, metrics);
        } catch (LogReadException e) {
            throw new DataFileException(runDir.toString(), 0,
                    e.getCause() == null ? e.getMessage() : "cannot read the run database: " + e.getMessage());
        }
    }

    private static List<Map<String, Double>> replay(Path runDir, LogReader log, List<Metric> metrics) {
        LogReader.Run run = log.run();
        long seed = run.seed();
        int last = run.lastCommittedTick();
        // items in id order (ids are assigned in creation order)
        LogReader.Items items = log.items();
        int dim = -1;
        for (int r = 0; r < items.size(); r++) {
            dim = features(runDir, "item", items.ids()[r], items.features()[r]).length;
        }
        LogReader.Users users = log.users();
        Population pop = new Population(users.size(), dim);
        for (int r = 0; r < users.size(); r++) {
            int u = users.ids()[r];
            pop.setArchetype(u, users.archetypes()[r]);
            pop.setActivity(u, users.activities()[r]);
            System.arraycopy(features(runDir, "user", u, users.preferences()[r]), 0, pop.preferences(), u * dim, dim);
        }
        Catalog cat = new Catalog(dim, items.size());
        World world = World.of(cat, pop);
        // ground truth for the attack and detection metrics: the accounts attacks opened
        java.util.BitSet fake = log.fakeAccounts();
        for (int u = fake.nextSetBit(0); u >= 0; u = fake.nextSetBit(u + 1)) {
            world.groundTruth().markFake(u, u + 1);
        }
        int nextItem = 0;
        long[] itemExposures = new long[items.size()];
        long[] itemClicks = new long[items.size()];
        RandomStreams streams = new RandomStreams(seed);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int t = 0; t <= last; t++) {
            while (nextItem < items.size() && items.createdTicks()[nextItem] <= t) {
                int r = nextItem;
                int id = cat.add(items.features()[r], items.topics()[r], items.creators()[r], items.qualities()[r],
                        items.popularities()[r], items.createdTicks()[r]);
                if (items.titles()[r] != null) {
                    cat.setTitle(id, items.titles()[r]);
                }
                nextItem++;
            }
            loadSnapshot(log, pop, t, dim);
            // slates: consecutive exposure rows of one user, in id order
            LogReader.Exposures exp = log.exposures(t);
            // a forgotten item's exposure is not in the log: the items after it move up, so that
            // filled positions come first (positions are unchanged when nothing was forgotten)
            int[] slateOf = new int[exp.size()];
            int[] positionOf = new int[exp.size()];
            int slateCount = 0;
            int k = 1;
            Map<Long, Integer> exposureAt = new HashMap<>();
            int prevUser = -1;
            int prevPos = Integer.MAX_VALUE;
            int slateStart = 0;
            for (int r = 0; r < exp.size(); r++) {
                int u = exp.users()[r];
                int pos = exp.positions()[r];
                if (u != prevUser || pos <= prevPos) {
                    slateCount++;
                    slateStart = r;
                }
                prevUser = u;
                prevPos = pos;
                slateOf[r] = slateCount - 1;
                positionOf[r] = r - slateStart;
                exposureAt.put(exp.ids()[r], r);
                k = Math.max(k, positionOf[r] + 1);
            }
            int[] slateUsers = new int[slateCount];
            for (int r = 0; r < exp.size(); r++) {
                slateUsers[slateOf[r]] = exp.users()[r];
            }
            SlateBatch slates = new SlateBatch(slateUsers, k);
            for (int r = 0; r < exp.size(); r++) {
                int item = exp.items()[r];
                slates.set(slateOf[r], positionOf[r], item, exp.scores()[r], exp.propensities()[r],
                        SlateSource.ofCode(exp.sources()[r]));
                itemExposures[item]++;
            }
            LogReader.Events ev = log.events(t);
            EventBuffer events = new EventBuffer();
            for (int r = 0; r < ev.size(); r++) {
                Integer at = ev.exposureIds()[r] < 0 ? null : exposureAt.get(ev.exposureIds()[r]);
                events.add(ev.users()[r], ev.items()[r], EventType.ofCode(ev.types()[r]),
                        at == null ? -1 : slateOf[at], at == null ? ev.positions()[r] : positionOf[at],
                        ev.values()[r], ev.targets()[r]);
            }
            PlatformEffects.apply(world, events, t, itemClicks);
            Map<String, Double> values = new LinkedHashMap<>();
            TickView view = new TickView(t, world, slates, events, itemExposures, itemClicks, streams);
            for (Metric m : metrics) {
                m.observe(view, values);
            }
            out.add(values);
        }
        return out;
    }

    private static void loadSnapshot(LogReader log, Population pop, int tick, int dim) {
        // a snapshot taken at the end of tick - 1 is the state the users start tick with
        LogReader.UserStates s = log.userStates(tick - 1);
        for (int r = 0; r < s.size(); r++) {
            int u = s.users()[r];
            System.arraycopy(s.preferences()[r], 0, pop.preferences(), u * dim, dim);
            pop.setStatus(u, s.statuses()[r]);
        }
    }

    private static float[] features(Path runDir, String what, int id, float[] f) {
        if (f == null) {
            throw new DataFileException(runDir.toString(), 0, what + " " + id + " has no feature vector in the database");
        }
        return f;
    }
}
