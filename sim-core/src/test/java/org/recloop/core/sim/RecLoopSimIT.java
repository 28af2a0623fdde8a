package org.recloop.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.react.EventType;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/** Kernel behaviour on the real MASON schedule and H2 log: arrivals and churn. */
class RecLoopSimIT {

    @TempDir
    Path dir;

    private List<long[]> sessionsPerUser(World world, UserModel model, int ticks) throws Exception {
        Path run = dir.resolve("run" + System.nanoTime());
        try (H2EventLog log = new H2EventLog(run, 4)) {
            RandomStreams streams = new RandomStreams(5);
            RecLoopSim sim = new RecLoopSim(SimConfig.DEFAULTS.withTicks(ticks).withSlateSize(3).withRetrainEvery(0).withThreads(2).withChunkSize(256), world, streams, new org.recloop.core.contract.FirstUnconsumedRecommender(), "first",
                    model, List.of(), List.of(), log);
            log.open(new RunInfo("r", "r", "", "{}", 5, "test", 2), world);
            sim.runToEnd();
        }
        List<long[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(run), "sa", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT user_id, tick, COUNT(*) FROM exposures WHERE position = 0"
                        + " GROUP BY user_id, tick ORDER BY user_id, tick")) {
            while (rs.next()) {
                rows.add(new long[] {rs.getInt(1), rs.getInt(2)});
            }
        }
        return rows;
    }

    @Test
    void activityIsHeavyTailed() throws Exception {
        RandomStreams streams = new RandomStreams(3);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(50, 8, 4, null, null, null)).build(streams);
        // log-normal activity with sigma 1.2, mean 0.3 sessions per tick
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(4000, null, 0.3, 1.2, 5.0))
                .build(cat, streams);
        UserModel silent = (ctx, slates, from, to, out) -> CompletableFuture.completedFuture(null);
        List<long[]> sessions = sessionsPerUser(World.of(cat, pop), silent, 40);
        long[] perUser = new long[4000];
        for (long[] r : sessions) {
            perUser[(int) r[0]]++;
        }
        long total = 0;
        for (long n : perUser) {
            total += n;
        }
        java.util.Arrays.sort(perUser);
        long top = 0;
        for (int i = 3600; i < 4000; i++) {
            top += perUser[i];
        }
        // With sigma 1.2 the top decile of log-normal rates holds ~40% of the rate mass; the
        // Bernoulli(1 - exp(-rate)) arrival (at most one session per tick) compresses the top,
        // so we ask for "well over 10%": at least 25%. Equal activity would give 10% ± noise.
        assertThat((double) top / total).isGreaterThan(0.25);
    }

    @Test
    void churnedUsersStopArrivingAndReturningUsersComeBack() throws Exception {
        RandomStreams streams = new RandomStreams(3);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(50, 8, 4, null, null, null)).build(streams);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(300, null, 2.0, 0.0, 5.0))
                .build(cat, streams);
        // users below 100 leave at tick 2; they come back at tick 6
        UserModel model = new UserModel() {
            @Override
            public java.util.concurrent.CompletionStage<Void> react(org.recloop.core.react.ReactContext ctx,
                    SlateBatch slates, int from, int to, org.recloop.core.react.EventBuffer out) {
                for (int s = from; s < to; s++) {
                    if (ctx.tick() == 2 && slates.user(s) < 100) {
                        out.add(slates.user(s), -1, EventType.LEAVE, -1, -1, 0f);
                    }
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void afterTick(org.recloop.core.react.ReactContext ctx, SlateBatch slates,
                    org.recloop.core.react.EventBuffer events) {
                if (ctx.tick() == 6) {
                    for (int u = 0; u < 100; u++) {
                        if (ctx.world().population().status(u) == Population.CHURNED) {
                            events.add(u, -1, EventType.RETURN, -1, -1, 0f);
                        }
                    }
                }
            }
        };
        List<long[]> sessions = sessionsPerUser(World.of(cat, pop), model, 10);
        // activity 2.0 gives arrival probability 1 - e^-2 = 0.86 per tick: before tick 2 and
        // after tick 6 the leavers have sessions; in ticks 3..6 none
        // only users below 100 who had a session at tick 2 left
        java.util.Set<Long> leavers = new java.util.HashSet<>();
        sessions.stream().filter(r -> r[0] < 100 && r[1] == 2).forEach(r -> leavers.add(r[0]));
        assertThat(leavers.size()).isGreaterThan(70); // 100 x 0.86 expected
        long during = sessions.stream().filter(r -> leavers.contains(r[0]) && r[1] >= 3 && r[1] <= 6).count();
        long after = sessions.stream().filter(r -> leavers.contains(r[0]) && r[1] >= 7).count();
        long others = sessions.stream().filter(r -> r[0] >= 100 && r[1] >= 3 && r[1] <= 6).count();
        assertThat(during).isZero();
        assertThat(others).isGreaterThan(500); // 200 users x 4 ticks x 0.86 = 688 expected
        assertThat(after).isGreaterThan(150); // ~86 leavers x 3 ticks x 0.86 = 222 expected
    }
}
