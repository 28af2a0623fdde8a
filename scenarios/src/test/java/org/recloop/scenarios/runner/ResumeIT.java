package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.checkpoint.CheckpointException;
import org.recloop.core.checkpoint.Checkpoints;
import org.recloop.core.log.LogReplayException;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.recloop.scenarios.study.Sweep;

/**
 * {@code recloop resume} and {@code recloop fork} on real H2 files: a run SIGKILLed in a child
 * JVM at a seeded random tick and resumed logs exactly what an uninterrupted run logs (events,
 * exposures, metrics, ticks); a replay that the log or a checkpoint contradicts stops; a
 * checkpoint of another scenario is refused; a fork shares its parent's log up to its tick and
 * equals a fresh run of the changed scenario.
 */
class ResumeIT {

    private static final int TICKS = 18;

    @TempDir
    Path out;

    /** scenarios/social-feed.yaml, shrunk: 4,000 users, 18 ticks, a checkpoint every 3 ticks, new items at tick 13. */
    private static String socialFeed(int addedItems) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("social-feed.yaml").toAbsolutePath()));
        root.put("ticks", TICKS);
        ((ObjectNode) root.path("world").path("population")).put("users", 4000);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 1000);
        ((ObjectNode) root.path("log")).put("checkpointEvery", 3);
        root.putArray("interventions").addObject().put("type", "add-items").put("at", 13).put("count", addedItems)
                .put("topic", 2);
        return yaml.writeValueAsString(root);
    }

    private Path write(String name, String text) throws Exception {
        Path f = out.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private RunResult run(Path scenario, Path runs) {
        return new ScenarioRunner().run(new ScenarioLoader().load(scenario), new ScenarioRunner.Options(null, 2, runs),
                List.of());
    }

    /** Checksums of the tables a run's results are read from, over the ticks up to {@code last}. */
    static Map<String, String> checksums(Path runDir, int last) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = TestScenarios.open(runDir)) {
            m.put("events", TestScenarios.checksum(c, "SELECT * FROM events WHERE tick <= " + last + " ORDER BY id"));
            m.put("exposures", TestScenarios.checksum(c, "SELECT id, tick, user_id, item_id, position, score,"
                    + " propensity, model_version, source FROM exposures WHERE tick <= " + last + " ORDER BY id"));
            m.put("metrics", TestScenarios.checksum(c, "SELECT * FROM metrics WHERE tick <= " + last
                    + " ORDER BY tick, name"));
            m.put("ticks", TestScenarios.checksum(c, "SELECT * FROM ticks WHERE tick <= " + last + " ORDER BY tick"));
            // arrays as text: the checksum reads each column's toString
            m.put("items", TestScenarios.checksum(c, "SELECT id, topic, creator, quality, popularity, created_tick,"
                    + " title, CAST(features AS VARCHAR) FROM items ORDER BY id"));
            m.put("interventions", TestScenarios.checksum(c, "SELECT * FROM interventions WHERE tick <= " + last
                    + " ORDER BY tick"));
        }
        return m;
    }

    private static String items(Path run) throws Exception {
        try (Connection c = TestScenarios.open(run); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT id, topic, creator, quality, popularity, created_tick, title,"
                        + " CAST(features AS VARCHAR) FROM items ORDER BY id")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                for (int i = 1; i <= 8; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                b.append('\n');
            }
            return b.toString();
        }
    }

    @Test
    void aRunKilledAtARandomTickAndResumedLogsWhatAnUninterruptedRunLogs() throws Exception {
        Path scenario = write("social.yaml", socialFeed(40));
        RunResult whole = run(scenario, out.resolve("whole"));
        assertThat(whole.status()).isEqualTo(RunStatus.FINISHED);

        // early enough that the child, which finishes its 18 ticks within about half a second of
        // tick 10 here, is still running when the parent (polling, maybe stalled) kills it
        int killAt = KilledRun.killTick("social-feed", 20260514L, 2, 8);
        Path killed = KilledRun.killAfter(scenario, out.resolve("killed"), killAt, out.resolve("child.log"));
        try (Connection c = TestScenarios.open(killed)) {
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("running");
            // the ticks the writer committed before the kill are on disk (it may lag the simulation)
            long last = TestScenarios.count(c, "SELECT last_committed_tick FROM runs");
            System.out.printf("social-feed: the killed run's log ends with tick %d%n", last);
            assertThat(last).isBetween(0L, TICKS - 2L);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM items WHERE id < 1000")).isEqualTo(1000);
        }

        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(killed, 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(resumed.ticks()).isEqualTo(TICKS);
        assertThat(resumed.runDir()).isEqualTo(killed.toAbsolutePath().normalize());
        assertThat(items(killed)).isEqualTo(items(whole.runDir())); // row by row: a difference shows itself
        assertThat(checksums(killed, TICKS)).isEqualTo(checksums(whole.runDir(), TICKS));
        assertThat(Files.readString(killed.resolve("metrics.csv")))
                .isEqualTo(Files.readString(whole.runDir().resolve("metrics.csv")));
        try (Connection c = TestScenarios.open(killed)) {
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("finished");
            assertThat(TestScenarios.count(c, "SELECT last_committed_tick FROM runs")).isEqualTo(TICKS - 1);
        }
        // checkpoints every 3 ticks, the same state digests as the uninterrupted run's
        assertThat(Checkpoints.list(killed)).extracting(m -> m.tick()).containsExactly(2, 5, 8, 11, 14, 17);
        assertThat(Checkpoints.list(killed)).extracting(m -> m.parts())
                .isEqualTo(Checkpoints.list(whole.runDir()).stream().map(m -> m.parts()).toList());
        // a finished run is not resumed again
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(killed, 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("the run is 'finished'");
    }

    /** Stops a run cleanly after {@code ticks} ticks, as SIGTERM does. */
    private RunResult stopped(Path scenario, Path runs, int ticks) {
        return new ScenarioRunner().run(new ScenarioLoader().load(scenario), new ScenarioRunner.Options(null, 1, runs),
                List.of(), new ScenarioRunner.Observer() {}, sim -> {
                    sim.addListener(t -> {
                        if (t.tick() + 1 >= ticks) {
                            sim.requestStop();
                        }
                    });
                    sim.runToEnd();
                });
    }

    @Test
    void aReplayThatTheLogContradictsStopsBeforeWritingAndACleanStopLeavesACheckpoint() throws Exception {
        Path scenario = write("social.yaml", socialFeed(40));
        RunResult r = stopped(scenario, out.resolve("runs"), 7);
        assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
        int last;
        try (Connection c = TestScenarios.open(r.runDir())) {
            last = (int) TestScenarios.count(c, "SELECT last_committed_tick FROM runs");
        }
        // the clean stop wrote a checkpoint of the last tick (besides those every 3 ticks)
        assertThat(Checkpoints.list(r.runDir())).extracting(m -> m.tick()).contains(2, 5, last);
        Map<String, String> before = checksums(r.runDir(), TICKS);
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ticks SET events = events + 1 WHERE tick = 4");
        }
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(r.runDir(), 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(LogReplayException.class)
                .hasMessageContaining("at tick 4: the ticks table's events");
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ticks SET events = events - 1 WHERE tick = 4");
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("failed");
        }
        assertThat(checksums(r.runDir(), TICKS)).isEqualTo(before); // nothing was written

        // a checkpoint whose state digest the replay does not reproduce
        Path manifest = Checkpoints.manifestFile(r.runDir(), 5);
        String good = Files.readString(manifest);
        Files.writeString(manifest, good.replaceFirst("part\\.population=[0-9a-f]+", "part.population=00"));
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(r.runDir(), 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(LogReplayException.class)
                .hasMessageContaining("state at the end of tick 5 differs from").hasMessageContaining("in: population");
        Files.writeString(manifest, good);

        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(r.runDir(), 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        RunResult whole = run(scenario, out.resolve("whole"));
        assertThat(checksums(r.runDir(), TICKS)).isEqualTo(checksums(whole.runDir(), TICKS));
    }

    @Test
    void aLogCutInsideATickResumesAfterItsLastWholeTickAndARunWithNothingCommittedIsRefused() throws Exception {
        Path scenario = write("social.yaml", socialFeed(40));
        RunResult r = stopped(scenario, out.resolve("runs"), 7);
        int last;
        // as a kill leaves it: still 'running', rows of the next tick written but not its ticks row
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement()) {
            last = (int) TestScenarios.count(c, "SELECT last_committed_tick FROM runs");
            st.executeUpdate("UPDATE runs SET status = 'running'");
            st.executeUpdate("INSERT INTO metrics SELECT tick + 1, name, val FROM metrics WHERE tick = " + last);
            st.executeUpdate("INSERT INTO events SELECT id + 1000000, tick + 1, user_id, item_id, type, exposure_id,"
                    + " position, val, target_user FROM events WHERE tick = " + last);
        }
        Files.writeString(r.runDir().resolve("metrics.csv"), (last + 1) + ",1,2,3\n",
                java.nio.file.StandardOpenOption.APPEND);
        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(r.runDir(), 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        RunResult whole = run(scenario, out.resolve("whole"));
        assertThat(checksums(r.runDir(), TICKS)).isEqualTo(checksums(whole.runDir(), TICKS));
        assertThat(Files.readString(r.runDir().resolve("metrics.csv")))
                .isEqualTo(Files.readString(whole.runDir().resolve("metrics.csv")));

        // killed after its opening rows, before its first tick was committed
        Path early = out.resolve("early");
        Files.createDirectories(early);
        Files.copy(scenario, early.resolve("scenario.yaml"));
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement()) {
            st.execute("BACKUP TO '" + out.resolve("early.zip") + "'");
        }
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(out.resolve("early.zip")))) {
            zip.getNextEntry();
            Files.copy(zip, early.resolve("recloop.mv.db"));
        }
        try (Connection c = TestScenarios.open(early); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE runs SET status = 'running', last_committed_tick = -1");
            st.executeUpdate("DELETE FROM ticks");
        }
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(early, 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no tick was committed before the run stopped, so there is nothing to resume")
                .hasMessageContaining("start it again with: recloop run ");

        // killed before even its opening rows reached the disk
        Path empty = out.resolve("empty");
        Files.createDirectories(empty);
        Files.copy(scenario, empty.resolve("scenario.yaml"));
        try (Connection c = java.sql.DriverManager.getConnection(
                org.recloop.core.log.H2EventLog.jdbcUrl(empty), "sa", ""); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(empty, 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("recloop.mv.db: no run is recorded in it")
                .hasMessageContaining("start it again with: recloop run ");
    }

    @Test
    void aCheckpointOfAnotherScenarioIsRefused() throws Exception {
        RunResult a = stopped(write("a.yaml", socialFeed(40)), out.resolve("a"), 4);
        RunResult b = stopped(write("b.yaml", socialFeed(41)), out.resolve("b"), 4);
        Path foreign = Checkpoints.dir(b.runDir(), 2);
        Path mine = Checkpoints.dir(a.runDir(), 2);
        String own = Files.readString(mine.resolve("manifest.properties"));
        Files.delete(mine.resolve("manifest.properties"));
        Files.copy(foreign.resolve("manifest.properties"), mine.resolve("manifest.properties"));
        // the two runs have the same seed and code, and here even the same run id (same name, same second)
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).resume(a.runDir(), 1, List.of(),
                new ScenarioRunner.Observer() {})).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(mine.resolve("manifest.properties").toString())
                .hasMessageContaining("scenarioSha256 is").hasMessageContaining("a checkpoint of another scenario");
        // the refusal changed nothing: with its own checkpoint back, the run resumes
        Files.writeString(mine.resolve("manifest.properties"), own);
        assertThat(new ContinuedRuns(new ScenarioRunner()).resume(a.runDir(), 2, List.of(),
                new ScenarioRunner.Observer() {}).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void aForkSharesItsParentsLogUpToItsTickAndDiffersOnlyThroughTheChange() throws Exception {
        Path parentFile = write("social.yaml", socialFeed(40));
        RunResult parent = run(parentFile, out.resolve("parents"));
        int at = 8;
        Path parentScenario = ContinuedRuns.parentScenario(parent.runDir());
        ResolvedScenario changed = new Sweep().plan(parentScenario, Files.readString(parentScenario),
                List.of(new Sweep.Axis("interventions[0].count", List.of("200"))), List.of(0L)).get(0).scenario();
        RunResult fork = new ContinuedRuns(new ScenarioRunner()).fork(parent.runDir(), at, changed, out.resolve("forks"),
                2, List.of(), new ScenarioRunner.Observer() {});
        assertThat(fork.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(fork.runDir()).isNotEqualTo(parent.runDir());

        Map<String, String> shared = checksums(parent.runDir(), at);
        shared.remove("items");
        Map<String, String> forkShared = checksums(fork.runDir(), at);
        forkShared.remove("items");
        assertThat(forkShared).isEqualTo(shared);
        assertThat(checksums(fork.runDir(), TICKS).get("events")).isNotEqualTo(checksums(parent.runDir(), TICKS).get("events"));
        // what the fork logs is what the changed scenario logs from scratch
        RunResult fresh = run(write("changed.yaml", socialFeed(200)), out.resolve("fresh"));
        assertThat(checksums(fork.runDir(), TICKS)).isEqualTo(checksums(fresh.runDir(), TICKS));
        try (Connection c = TestScenarios.open(fork.runDir())) {
            assertThat(TestScenarios.string(c, "SELECT forked_from FROM lineage")).isEqualTo(parent.runId());
            assertThat(TestScenarios.count(c, "SELECT forked_at_tick FROM lineage")).isEqualTo(at);
            assertThat(TestScenarios.string(c, "SELECT id FROM runs")).isEqualTo(fork.runId());
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("finished");
        }

        // a change that acts before the fork's tick is caught by the replay
        ResolvedScenario early = new Sweep().plan(parentScenario, Files.readString(parentScenario),
                List.of(new Sweep.Axis("interventions[0].at", List.of("3"))), List.of(0L)).get(0).scenario();
        assertThatThrownBy(() -> new ContinuedRuns(new ScenarioRunner()).fork(parent.runDir(), at, early,
                out.resolve("forks"), 1, List.of(), new ScenarioRunner.Observer() {}))
                .isInstanceOf(LogReplayException.class).hasMessageContaining("the replay differs from the log at tick ");
    }
}
