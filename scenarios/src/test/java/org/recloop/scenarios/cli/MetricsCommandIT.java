package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/** Metrics recomputed offline from the log equal the ones the run computed online. */
class MetricsCommandIT {

    @TempDir
    Path dir;

    @Test
    void offlineReplayReproducesTheOnlineMetrics() throws Exception {
        // rule users with posts and churn, no drift (preferences are then exact in the replay)
        String yaml = TestScenarios.small("offline", 1500, 200, 10, "{type: als, factors: 8, iterations: 3}", 3)
                .replace("users: {type: mnl}", "users: {type: rule, driftRate: 0, actions: {post: 0.05, like: 0.3},"
                        + " churn: {threshold: 0.05, minSessions: 2}}")
                + "metrics: [ctr, coverage, gini-exposure, homogenization, true-utility, popularity-concentration,"
                + " slate-diversity]\n";
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "offline.yaml"),
                new ScenarioRunner.Options(null, 2, dir.resolve("runs")), List.of());
        Path csv = dir.resolve("offline.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("metrics",
                r.runDir().toString(), "--metrics", "ctr,coverage,gini-exposure,homogenization,true-utility,"
                        + "popularity-concentration,slate-diversity", "--out", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> offline = Files.readAllLines(csv);
        List<String> online = Files.readAllLines(r.runDir().resolve("metrics.csv"));
        assertThat(offline).hasSize(online.size());
        for (int t = 1; t < online.size(); t++) {
            String[] on = online.get(t).split(",", -1);
            String[] off = offline.get(t).split(",", -1);
            // online: tick, sessions, exposures, events, clicks, metrics...; offline: tick, metrics...
            assertThat(off[0]).isEqualTo(on[0]);
            for (int j = 1; j < off.length; j++) {
                assertThat(off[j]).as("tick %s column %d", on[0], j).isEqualTo(on[j + 4]);
            }
        }
        assertThat(RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("metrics",
                dir.toString(), "--metrics", "ctr", "--out", csv.toString())).isEqualTo(2);
        assertThat(RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("metrics",
                r.runDir().toString(), "--metrics", "nope", "--out", csv.toString())).isEqualTo(2);
    }
}
