package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recloop.scenarios.TestScenarios.string;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;

/**
 * SIGTERM and SIGINT (Ctrl-C) end a command with exit code 3 after it has recorded
 * 'interrupted', printed its closing summary and written its outputs. Real child processes.
 */
class SignalIT {

    @TempDir
    Path dir;

    private Path longScenario() throws Exception {
        Path f = dir.resolve("long.yaml");
        Files.writeString(f, TestScenarios.small("long", 20000, 1000, 100000, "most-popular", 3));
        return f;
    }

    private void runIsInterrupted(boolean sigint) throws Exception {
        Path out = dir.resolve("runs");
        ChildCli c = ChildCli.start(dir.resolve("child.log"), "run", longScenario().toString(), "--out", out.toString(),
                "--no-progress", "--threads", "1");
        c.awaitTicks(out, 3);
        if (sigint) {
            c.sigint();
        } else {
            c.process.destroy();
        }
        assertThat(c.exitCode()).as(c.log()).isEqualTo(3);
        String log = c.log();
        // the closing summary, complete
        assertThat(log).containsPattern("long-s7-\\S+ interrupted: \\d+ ticks in").contains("database  ")
                .contains("  events ").contains("metric").contains("first tick");
        Path run;
        try (var dirs = Files.list(out)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Connection db = TestScenarios.open(run)) {
            assertThat(string(db, "SELECT status FROM runs")).isEqualTo("interrupted");
        }
    }

    @Test
    void sigtermOnRunExitsWith3AfterTheSummary() throws Exception {
        runIsInterrupted(false);
    }

    @Test
    void sigintOnRunExitsWith3AfterTheSummary() throws Exception {
        runIsInterrupted(true);
    }

    @Test
    void sigtermOnSweepWritesTheSummaryOfTheRunsDone() throws Exception {
        Path out = dir.resolve("sw");
        // arm ticks=5 finishes first (one run at a time), then arm ticks=100000 is stopped
        ChildCli c = ChildCli.start(dir.resolve("child.log"), "sweep", longScenario().toString(), "--param",
                "ticks=5,100000", "--seeds", "2", "--parallel", "1", "--out", out.toString());
        c.await("the first arm", ch -> {
            try {
                return ch.log().contains("[2/4] ticks=5 seed 8: finished");
            } catch (Exception e) {
                return false;
            }
        });
        c.awaitTicks(out.resolve("runs"), 5 + 3); // the third run is under way (the others have 5 ticks)
        c.process.destroy();
        assertThat(c.exitCode()).as(c.log()).isEqualTo(3);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv.get(0)).isEqualTo("arm,metric,n,mean,ci_low,ci_high,incomplete,vs,diff,diff_ci_low,diff_ci_high,"
                + "d_z,p_holm");
        assertThat(csv).anyMatch(r -> r.startsWith("\"ticks=5\",ctr,2,") && r.endsWith(","));
        assertThat(csv).contains("\"ticks=100000\",,0,,,,7:interrupted 8:not-run,,,,,,");
        assertThat(csv).noneMatch(r -> r.startsWith("\"ticks=100000\",ctr"));
        assertThat(c.log()).contains("[3/4] ticks=100000 seed 7: interrupted")
                .contains("interrupted: 2 of 4 runs finished; left out of the means:")
                .containsPattern("ticks=100000 +seed 7 interrupted, seed 8 not-run")
                .contains("summary   " + out.resolve("summary.csv").toAbsolutePath());
    }

    @Test
    void sigtermOnBenchPrintsTheFiguresOfTheTicksDoneAndExits3() throws Exception {
        Path csv = dir.resolve("bench.csv");
        ChildCli c = ChildCli.start(dir.resolve("child.log"), "bench", "--workload", "small", "--threads", "1",
                "--out", csv.toString());
        c.await("the first tick", ch -> {
            try {
                return ch.log().contains("bench: tick 0:");
            } catch (Exception e) {
                return false;
            }
        });
        c.process.destroy();
        assertThat(c.exitCode()).as(c.log()).isEqualTo(3);
        assertThat(c.log()).contains("workload small: ").containsPattern("total wall time, \\d+ ticks")
                .contains("interrupted: the figures cover the work done before the stop request");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("workload,figure,value,unit");
    }
}
