package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.recloop.scenarios.TestScenarios.count;
import static org.recloop.scenarios.TestScenarios.string;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.EventLogException;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.Recovery;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.cli.RecLoopCli;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A writer failure (a full disk, raised inside H2 on the writer thread by {@link DiskFullTrigger})
 * stops the run within seconds: status 'failed' naming the full disk, the committed ticks intact,
 * metrics.csv no further than the database, and the folder recoverable afterwards.
 */
class LogWriteFailureIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path out;

    @AfterEach
    void reset() {
        DiskFullTrigger.failFromTick = Integer.MAX_VALUE;
        DiskFullTrigger.delayMillis = 0;
    }

    private static String scenario(int ticks, int maxBufferedRows) {
        return TestScenarios.small("full", 400, 100, ticks, "most-popular", 3)
                + "log: {maxBufferedRows: " + maxBufferedRows + ", queueCapacity: 4}\n";
    }

    private int cli(StringWriter o, StringWriter e, String... args) {
        return RecLoopCli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true)).execute(args);
    }

    @Test
    void aFullDiskFailsTheRunInsteadOfHangingIt() throws Exception {
        // the failing commit takes a while, so the simulation has staged the next tick's rows
        // (holding the row permits) when it fails: the old writer skipped them and waited forever
        DiskFullTrigger.failFromTick = 5;
        DiskFullTrigger.delayMillis = 500;
        AtomicReference<Path> runDir = new AtomicReference<>();
        ScenarioRunner.Observer installFault = new ScenarioRunner.Observer() {
            @Override
            public void started(String runId, Path dir, RecLoopSim sim) {
                runDir.set(dir);
                try (Connection c = TestScenarios.open(dir)) { // shares the run's open database
                    DiskFullTrigger.install(c);
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            }
        };
        var rs = new ScenarioLoader().parse(scenario(12, 50), "full.yaml");
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> new ScenarioRunner()
                .run(rs, new ScenarioRunner.Options(null, 1, out), List.of(), installFault))
                .isInstanceOf(EventLogException.class)
                .hasMessageContaining("disk full: " + runDir.get().resolve("recloop.mv.db").toAbsolutePath()));
        Path run = runDir.get();
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("failed");
            assertThat(string(c, "SELECT error FROM runs")).contains("disk full: ").contains("No space left on device");
            assertThat(assertWholeTicks(c)).isEqualTo(4);
            DiskFullTrigger.remove(c);
        }
        assertThat(csvTicks(run)).containsExactly(0, 1, 2, 3, 4);

        // the failed run needs no recovery, and says so; the CLI agrees
        Recovery rec = assertTimeoutPreemptively(BOUND, () -> H2EventLog.recover(run));
        assertThat(rec.status()).isEqualTo("failed");
        assertThat(rec.lastCommittedTick()).isEqualTo(4);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(cli(o, e, "recover", run.toString())).as(e.toString()).isZero();
        assertThat(o.toString()).contains("run was 'failed': nothing to recover");
        try (Connection c = TestScenarios.open(run)) {
            assertThat(assertWholeTicks(c)).isEqualTo(4);
        }
    }

    @Test
    void theRunCommandExitsWithTheDiskFullMessage() throws Exception {
        Path f = out.resolve("full.yaml");
        Files.writeString(f, scenario(100_000, 2_000_000));
        DiskFullTrigger.failFromTick = 0; // the first commit after the trigger is installed fails
        Thread installer = new Thread(() -> installOnceRunning(out.resolve("runs")), "install-disk-full");
        installer.setDaemon(true);
        installer.start();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = assertTimeoutPreemptively(BOUND,
                () -> cli(o, e, "run", f.toString(), "--out", out.resolve("runs").toString(), "--no-progress"));
        installer.join(10_000);
        assertThat(code).as("stdout:%n%s%nstderr:%n%s", o, e).isEqualTo(1);
        assertThat(e.toString()).contains("run failed: event log write failed: disk full: ")
                .contains("recloop.mv.db (No space left on device)").doesNotContain("\tat ");
        Path run;
        try (var dirs = Files.list(out.resolve("runs"))) {
            run = dirs.findFirst().orElseThrow();
        }
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("failed");
            long last = assertWholeTicks(c);
            assertThat(csvTicks(run)).hasSize((int) last + 1);
        }
    }

    @Test
    void recoverThatCannotWriteSaysSoInOneLine() throws Exception {
        var rs = new ScenarioLoader().parse(scenario(4, 2_000_000), "full.yaml");
        Path run = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 1, out), List.of()).runDir();
        try (Connection c = TestScenarios.open(run); Statement st = c.createStatement()) {
            st.execute("UPDATE runs SET status = 'running'"); // as a killed run leaves it
        }
        // recover builds the repaired database in <run>/recovering: a file in its way stops it
        Path obstacle = run.resolve("recovering");
        Files.writeString(obstacle, "in the way");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(cli(o, e, "recover", run.toString())).isEqualTo(1);
        assertThat(e.toString().strip()).startsWith("recloop recover: cannot recover " + run.toAbsolutePath() + ": ")
                .contains(obstacle.toAbsolutePath().toString()).doesNotContain("\n").doesNotContain("\tat ");
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("running"); // untouched
        }
        // once the way is clear, recovery works
        Files.delete(obstacle);
        assertThat(cli(o, e, "recover", run.toString())).as(e.toString()).isZero();
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("interrupted");
            assertThat(assertWholeTicks(c)).isEqualTo(3);
        }
    }

    /** Waits until the run's database exists and has its run row, then installs the fault. */
    private static void installOnceRunning(Path runs) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try (var dirs = Files.list(runs)) {
                for (Path d : dirs.toList()) {
                    if (Files.exists(d.resolve("recloop.mv.db"))) {
                        try (Connection c = java.sql.DriverManager.getConnection(
                                H2EventLog.jdbcUrl(d) + ";IFEXISTS=TRUE", "sa", "")) {
                            if (count(c, "SELECT COUNT(*) FROM runs") == 1) {
                                DiskFullTrigger.install(c);
                                return;
                            }
                        } catch (SQLException notYet) {
                            // the schema is still being created
                        }
                    }
                }
            } catch (java.io.IOException notYet) {
                // the runs folder does not exist yet
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every committed tick (0..last_committed_tick) is in the ticks table with exactly its rows. */
    static long assertWholeTicks(Connection c) throws Exception {
        long last = count(c, "SELECT last_committed_tick FROM runs");
        assertThat(count(c, "SELECT COUNT(*) FROM ticks")).isEqualTo(last + 1);
        assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM ticks")).isEqualTo(last);
        assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM events")).isEqualTo(last);
        assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM metrics")).isEqualTo(last);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT t.tick, t.exposures, t.events,"
                        + " (SELECT COUNT(*) FROM exposures x WHERE x.tick = t.tick),"
                        + " (SELECT COUNT(*) FROM events e WHERE e.tick = t.tick) FROM ticks t ORDER BY t.tick")) {
            while (rs.next()) {
                assertThat(rs.getLong(4)).as("exposures of tick %d", rs.getInt(1)).isEqualTo(rs.getLong(2));
                assertThat(rs.getLong(5)).as("events of tick %d", rs.getInt(1)).isEqualTo(rs.getLong(3));
            }
        }
        return last;
    }

    /** The ticks of metrics.csv's rows, in file order. */
    static List<Integer> csvTicks(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        return lines.subList(1, lines.size()).stream().map(l -> Integer.parseInt(l.substring(0, l.indexOf(','))))
                .toList();
    }
}
