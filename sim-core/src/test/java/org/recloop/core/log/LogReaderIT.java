package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/** The log's reader: committed ticks only, and nothing a forget request covers. */
class LogReaderIT {

    @TempDir
    Path dir;

    /**
     * Tick 0: user u is shown item u and clicks it; user 0 follows user 1 and user 3 follows user
     * 0. Tick 1 forgets user 1 and the pair (2, 2), and snapshots every user's state.
     */
    private void writeRun() throws Exception {
        writeRun(0);
    }

    /** As above, exposures stored as slate rows when {@code slateMaxLength > 0}, with click probabilities. */
    private void writeRun(int slateMaxLength) throws Exception {
        RandomStreams rs = new RandomStreams(9);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(8, 3, 2, null, null, null)).build(rs);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(4, null, null, null, null))
                .build(cat, rs);
        try (H2EventLog log = new H2EventLog(dir, 4)) {
            if (slateMaxLength > 0) {
                log.storeSlatesAsRows(slateMaxLength);
            }
            log.open(new RunInfo("run-1", "reader", "", "{}", 9, "test", 1), World.of(cat, pop));
            SlateBatch slates = new SlateBatch(new int[] {0, 1, 2, 3}, 1);
            EventBuffer ev = new EventBuffer();
            for (int u = 0; u < 4; u++) {
                slates.set(u, 0, u, 1f, 1f, SlateSource.RECOMMENDER);
                ev.add(u, u, EventType.CLICK, u, 0, 1f);
            }
            ev.add(0, -1, EventType.FOLLOW, -1, -1, 0f, 1);
            ev.add(3, -1, EventType.FOLLOW, -1, -1, 0f, 0);
            log.exposures(0, slates);
            log.events(0, slates, ev);
            log.clickProbabilities(0, slates, new float[] {0.5f, 0.25f, Float.NaN, 0.125f});
            log.metrics(0, java.util.Map.of("ctr", 0.5));
            log.commitTick(0, 4);
            log.intervention(1, "ban", "user 1 banned");
            log.forget(1, ForgetRequest.users("", 1));
            log.forget(1, new ForgetRequest(ForgetRequest.Scope.INTERACTIONS, new int[] {2}, new int[] {2}, ""));
            log.userStates(1, pop);
            log.commitTick(1, 0);
            log.finish(RunStatus.FINISHED, null);
        }
        // rows of a tick that was never committed, as a killed run can leave them
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO events VALUES (100, 2, 0, 5, 1, NULL, 0, 1, NULL)");
            st.execute("INSERT INTO forgotten VALUES (2, 'USERS', 0, NULL)");
            st.execute("INSERT INTO metrics VALUES (2, 'ctr', NULL)");
        }
    }

    @Test
    void readsCommittedTicksWithoutForgottenRows() throws Exception {
        writeRun();
        try (LogReader log = LogReader.open(dir)) {
            LogReader.Run run = log.run();
            assertThat(run.id()).isEqualTo("run-1");
            assertThat(run.seed()).isEqualTo(9);
            assertThat(run.status()).isEqualTo("finished");
            assertThat(log.lastCommittedTick()).isEqualTo(1);
            assertThat(log.items().size()).isEqualTo(8);
            assertThat(log.users().size()).as("the world keeps forgotten ids").isEqualTo(4);

            // user 1 and the pair (2, 2) are forgotten; tick 2 and its tombstone of user 0 never committed
            Interactions clicks = log.clicks();
            assertThat(clicks.users()).containsExactly(0, 3);
            assertThat(clicks.items()).containsExactly(0, 3);
            assertThat(clicks.numUsers()).isEqualTo(4);

            LogReader.Exposures exp = log.exposures(0);
            assertThat(exp.users()).containsExactly(0, 2, 3);
            assertThat(exp.ids()).containsExactly(0L, 2L, 3L);

            LogReader.Events ev = log.events(0);
            // the follow of user 1 is gone with user 1; user 3's follow of user 0 stays
            assertThat(ev.users()).containsExactly(0, 3, 3);
            assertThat(ev.types()).containsExactly(EventType.CLICK.code(), EventType.CLICK.code(),
                    EventType.FOLLOW.code());
            assertThat(ev.targets()).containsExactly(-1, -1, 0);
            assertThat(ev.exposureIds()).containsExactly(0L, 3L, -1L);

            assertThat(log.userStates(1).users()).containsExactly(0, 2, 3);
            assertThat(log.events(2).size()).isZero();

            assertThat(log.ticks().ticks()).containsExactly(0, 1);
            assertThat(log.ticks().exposures()).containsExactly(4, 0);
            assertThat(log.metrics().names()).containsExactly("ctr");
            assertThat(log.metrics().values()).containsExactly(0.5);
            assertThat(log.interventions().descriptions()).containsExactly("user 1 banned");
            LogReader.ForgetRequests audit = log.forgetRequests();
            assertThat(audit.ticks()).containsExactly(1, 1);
            assertThat(audit.scopes()).containsExactlyInAnyOrder("USERS", "INTERACTIONS");
            assertThat(audit.sizes()).containsExactly(1, 1);
        }
    }

    /**
     * The tick-ordered streams return what the per-tick reads return, for both exposure storages:
     * committed ticks only, forgotten rows left out, recorded click probabilities merged in (NaN
     * where none was recorded).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 3})
    void streamedReadsEqualThePerTickReads(int slateMaxLength) throws Exception {
        writeRun(slateMaxLength);
        try (LogReader log = LogReader.open(dir); TickStream<LogReader.Events> events = log.eventsByTick();
                TickStream<LogReader.Exposures> exposures = log.exposuresByTick()) {
            LogReader.Exposures perTick = log.exposures(0);
            assertThat(perTick.clickProbabilities()).containsExactly(0.5f, Float.NaN, 0.125f);
            for (int t = 0; t <= 2; t++) {
                LogReader.Exposures a = log.exposures(t);
                LogReader.Exposures b = exposures.tick(t);
                assertThat(b.ids()).as("tick %d", t).containsExactly(a.ids());
                assertThat(b.users()).containsExactly(a.users());
                assertThat(b.items()).containsExactly(a.items());
                assertThat(b.positions()).containsExactly(a.positions());
                assertThat(b.scores()).containsExactly(a.scores());
                assertThat(b.propensities()).containsExactly(a.propensities());
                assertThat(b.sources()).containsExactly(a.sources());
                assertThat(b.clickProbabilities()).containsExactly(a.clickProbabilities());
                LogReader.Events e = log.events(t);
                LogReader.Events f = events.tick(t);
                assertThat(f.ids()).containsExactly(e.ids());
                assertThat(f.exposureIds()).containsExactly(e.exposureIds());
                assertThat(f.targets()).containsExactly(e.targets());
            }
            assertThatThrownBy(() -> events.tick(1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Clicks come back in id order (log order) whatever order the table returns them in, with
     * only the ticks asked for: rows inserted with ids out of order are put back in order.
     */
    @Test
    void clicksComeInIdOrderAndOnlyFromTheTicksAskedFor() throws Exception {
        writeRun();
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO events VALUES (52, 3, 2, 6, 1, NULL, 0, 1, NULL)");
            st.execute("INSERT INTO events VALUES (50, 3, 1, 7, 1, NULL, 0, 1, NULL)");
            st.execute("INSERT INTO events VALUES (51, 3, 3, 4, 2, NULL, 0, 1, NULL)"); // not a click
            st.execute("INSERT INTO events VALUES (49, 4, 0, 1, 1, NULL, 0, 1, NULL)"); // a later tick
            Interactions all = LogReader.clicks(c, 0, 3, 4, 8);
            // writeRun's uncommitted click of tick 2 has id 100: the connection sees it, after ids 50 and 52
            assertThat(all.users()).containsExactly(0, 1, 2, 3, 1, 2, 0);
            assertThat(all.items()).containsExactly(0, 1, 2, 3, 7, 6, 5);
            assertThat(all.ticks()).containsExactly(0, 0, 0, 0, 3, 3, 2);
            assertThat(all.values()).containsOnly(1f);
            Interactions late = LogReader.clicks(c, 3, 3, 4, 8);
            assertThat(late.users()).containsExactly(1, 2);
        }
    }

    @Test
    void aFolderWithoutADatabaseIsReportedAndNotCreated() {
        assertThatThrownBy(() -> LogReader.open(dir)).isInstanceOf(LogReadException.class)
                .matches(e -> !((LogReadException) e).databaseInUse());
        assertThat(dir.resolve(H2EventLog.DB_NAME + ".mv.db")).doesNotExist();
    }
}
