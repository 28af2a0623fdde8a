package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recloop.scenarios.TestScenarios.count;
import static org.recloop.scenarios.TestScenarios.string;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.Recovery;
import org.recloop.scenarios.TestScenarios;

/**
 * A run killed mid-way leaves a database that opens, says it did not finish, and holds whole
 * ticks only. The run happens in a child JVM started with the CLI's main class.
 */
class KillIT {

    @TempDir
    Path out;

    private Process start(Path scenario) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.recloop.scenarios.cli.RecLoopCli", "run", scenario.toString(), "--out", out.toString(),
                "--no-progress", "--threads", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolve("child.log").toFile());
        return pb.start();
    }

    /** Waits until metrics.csv shows at least {@code ticks} finished ticks, returns the run folder. */
    private Path awaitTicks(Process p, int ticks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("child still running; log:\n%s", childLog()).isTrue();
            try (var dirs = Files.list(out)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Path csv = d.resolve("metrics.csv");
                    if (Files.exists(csv) && Files.readAllLines(csv).size() > ticks) {
                        return d;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no progress; log:\n" + childLog());
    }

    private String childLog() throws Exception {
        Path log = out.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Path scenario() throws Exception {
        Path f = out.resolve("long.yaml");
        Files.writeString(f, TestScenarios.small("long", 20000, 1000, 100000, "most-popular", 3));
        return f;
    }

    /** Every committed tick (0..last_committed_tick, all in the ticks table) has exactly its rows. */
    private static long assertWholeTicks(Connection c) throws Exception {
        long last = count(c, "SELECT last_committed_tick FROM runs");
        assertThat(count(c, "SELECT COUNT(*) FROM ticks")).isEqualTo(last + 1);
        assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM ticks")).isEqualTo(last);
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

    @Test
    void sigkillLeavesWholeTicksAndStatusRunning() throws Exception {
        Process p = start(scenario());
        Path run = awaitTicks(p, 4);
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long last;
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("running");
            last = assertWholeTicks(c);
            assertThat(last).isGreaterThanOrEqualTo(0);
        }
        // metrics.csv gets a tick's row once the database has committed it; after a hard kill H2
        // may still lose its last fraction of a second of commits (it writes committed pages in the
        // background), so the csv can be ahead until recovery. A report never uses those rows.
        List<Integer> csvTicks = LogWriteFailureIT.csvTicks(run);
        assertThat(csvTicks).isNotEmpty();
        int[] reported = org.recloop.analysis.report.RunData.read(run).ticks();
        assertThat(reported).isNotEmpty();
        assertThat(java.util.Arrays.stream(reported).max().getAsInt()).isLessThanOrEqualTo((int) last);
        assertThat(reported[reported.length - 1]).isEqualTo(Math.min((int) last, csvTicks.get(csvTicks.size() - 1)));
        // a csv written by an older version ran further ahead: recovery trims it back
        int aheadBefore = (int) csvTicks.stream().filter(t -> t > last).count();
        csvTicks = csvTicks.stream().filter(t -> t <= last).toList();
        int ahead = (int) last + 1 + aheadBefore;
        Files.writeString(run.resolve("metrics.csv"), ahead + ",1,1,1,1\n" + (ahead + 1) + ",1,1,1,1\n",
                java.nio.file.StandardOpenOption.APPEND);
        // recovery removes whatever the tick in progress left behind and says what happened
        Recovery rec = H2EventLog.recover(run);
        assertThat(rec.status()).isEqualTo("running");
        assertThat(rec.lastCommittedTick()).isEqualTo((int) last);
        assertThat(rec.csvRowsRemoved()).isEqualTo(2 + aheadBefore);
        assertThat(LogWriteFailureIT.csvTicks(run)).isEqualTo(csvTicks);
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("interrupted");
            assertThat(string(c, "SELECT error FROM runs")).contains("recovered to the end of tick " + last);
            assertThat(assertWholeTicks(c)).isEqualTo(last);
            assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM exposures")).isEqualTo(last);
            assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM events")).isEqualTo(last);
            assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM metrics")).isEqualTo(last);
        }
        // recovering again changes nothing
        assertThat(H2EventLog.recover(run).rowsRemoved()).isZero();
    }

    @Test
    void sigtermFinishesTheTickAndSaysInterrupted() throws Exception {
        Process p = start(scenario());
        Path run = awaitTicks(p, 3);
        p.destroy(); // SIGTERM: the shutdown hook stops after the tick in progress
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child exits; log:\n%s", childLog()).isTrue();
        try (Connection c = TestScenarios.open(run)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("interrupted");
            assertThat(string(c, "SELECT error FROM runs")).startsWith("stopped after ");
            long last = assertWholeTicks(c);
            assertThat(count(c, "SELECT COALESCE(MAX(tick), -1) FROM exposures")).isEqualTo(last);
            List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
            assertThat(csv).hasSize((int) last + 2);
        }
    }
}
