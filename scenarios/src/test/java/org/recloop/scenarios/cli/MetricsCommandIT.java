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

    /**
     * The attack metric offline: the targets' hit ratio, rank, exposure and consumption in real
     * users' slates replay exactly, which needs the fake accounts' ground truth from the log (with
     * every account counted real, the fakes' slates, full of targets, would raise the hit ratio).
     * The score percentile needs the serving model, which a log does not hold: NaN offline.
     */
    @Test
    void theAttackMetricReplaysOfflineWithTheFakeAccountsFromTheLog() throws Exception {
        String targets = "[11, 22, 33]";
        String yaml = TestScenarios.small("attack-offline", 800, 150, 12, "{type: als, factors: 8, iterations: 3}", 2)
                + "metrics: [{type: attack, targets: " + targets + "}]\n"
                + "interventions:\n  - {type: attack, at: 3, accounts: 60, strategy: average, goal: push, targets: "
                + targets + ", actionsPerTick: 3, camouflage: 0.5}\n";
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "attack-offline.yaml"),
                new ScenarioRunner.Options(null, 2, dir.resolve("runs")), List.of());
        Path csv = dir.resolve("attack.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("metrics",
                r.runDir().toString(), "--metric", "attack:{targets: " + targets + "}", "--out", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> offline = Files.readAllLines(csv);
        List<String> online = Files.readAllLines(r.runDir().resolve("metrics.csv"));
        List<String> onHeader = List.of(online.get(0).split(","));
        List<String> offHeader = List.of(offline.get(0).split(","));
        double lastHit = Double.NaN;
        for (String column : List.of("target_hit_ratio@10", "target_mean_rank", "target_exposure", "target_consumption")) {
            int on = onHeader.indexOf(column);
            int off = offHeader.indexOf(column);
            assertThat(on).as(column).isPositive();
            assertThat(off).as(column).isPositive();
            for (int t = 1; t < online.size(); t++) {
                String a = online.get(t).split(",", -1)[on];
                assertThat(offline.get(t).split(",", -1)[off]).as("%s at tick %d", column, t - 1).isEqualTo(a);
                if (column.startsWith("target_hit")) {
                    lastHit = Double.parseDouble(a);
                }
            }
        }
        assertThat(lastHit).as("the attack reached real users' slates").isPositive();
        int pct = offHeader.indexOf("target_score_percentile");
        assertThat(offline.get(offline.size() - 1).split(",", -1)[pct]).isIn("NaN", "");
        assertThat(RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("metrics",
                r.runDir().toString(), "--metric", "attack:{targets: [", "--out", csv.toString())).isEqualTo(2);
    }
}
