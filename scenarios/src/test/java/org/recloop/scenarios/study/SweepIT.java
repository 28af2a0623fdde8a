package org.recloop.scenarios.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.cli.RecLoopCli;
import org.recloop.scenarios.schema.ScenarioException;

class SweepIT {

    @TempDir
    Path dir;

    @Test
    void threeValuesTimesFiveSeedsWithConfidenceIntervals() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, TestScenarios.small("sweep", 300, 80, 4, "random", 0));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("sweep",
                f.toString(), "--param", "users.driftRate=0,0.1,0.3", "--seeds", "5", "--out", dir.resolve("sw").toString(),
                "--parallel", "2");
        assertThat(code).as(err.toString()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("sw/summary.csv"));
        assertThat(csv.get(0)).isEqualTo("arm,metric,n,mean,ci_low,ci_high,incomplete,vs,diff,diff_ci_low,diff_ci_high,"
                + "d_z,p_holm");
        // 3 arms x 15 metric columns (7 of the scenario, 8 of learnability, which every run adds)
        assertThat(csv).hasSize(1 + 3 * 15);
        for (String row : csv.subList(1, csv.size())) {
            String[] c = row.split(",(?=[^\"]*$)"); // the arm is quoted and has no comma here
            assertThat(row).contains(",5,");
        }
        assertThat(csv).anyMatch(r -> r.startsWith("\"users.driftRate=0.3\",ctr,5,"));
        // each arm's row also holds its final-tick paired difference against the first arm, as paired.csv has it
        List<String> paired = Files.readAllLines(dir.resolve("sw/paired.csv"));
        String pairedCtr = paired.stream().filter(r -> r.startsWith("users.driftRate=0.3,users.driftRate=0,ctr,final,5,"))
                .findFirst().orElseThrow();
        String[] p = pairedCtr.split(",", -1); // mean_diff, ci_low, ci_high at 5..7, d_z at 10, p_holm at 12
        String summaryCtr = csv.stream().filter(r -> r.startsWith("\"users.driftRate=0.3\",ctr,")).findFirst().orElseThrow();
        assertThat(summaryCtr).endsWith(",users.driftRate=0," + p[5] + "," + p[6] + "," + p[7] + "," + p[10] + "," + p[12]);
        assertThat(csv.stream().filter(r -> r.startsWith("\"users.driftRate=0\",")))
                .hasSize(15).allMatch(r -> r.endsWith(",,,,,,,")); // the baseline: no incomplete seeds, no pair
        try (var runs = Files.list(dir.resolve("sw/runs"))) {
            assertThat(runs.count()).isEqualTo(15);
        }
        assertThat(out.toString()).contains("3 arms x 5 seeds = 15 runs").contains("95% CI");
    }

    @Test
    void pairedRunsHaveLessVarianceOfTheDifferenceThanUnpairedOnes() throws Exception {
        String text = TestScenarios.small("crn", 600, 120, 6, "random", 0);
        Path f = dir.resolve("crn.yaml");
        Sweep sweep = new Sweep();
        List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        List<Long> otherSeeds = List.of(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L);
        List<Sweep.Axis> popular = List.of(Sweep.Axis.parse("recommender.type=most-popular"));
        List<Sweep.Axis> random = List.of(Sweep.Axis.parse("recommender.type=random"));
        List<Sweep.Outcome> a = sweep.run(sweep.plan(f, text, popular, seeds), dir.resolve("a"), 2, 1, o -> {});
        List<Sweep.Outcome> b = sweep.run(sweep.plan(f, text, random, seeds), dir.resolve("b"), 2, 1, o -> {});
        List<Sweep.Outcome> bOther = sweep.run(sweep.plan(f, text, random, otherSeeds), dir.resolve("c"), 2, 1, o -> {});
        // the outcome compared: total clicks of the run
        List<Double> paired = new ArrayList<>();
        List<Double> unpaired = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            double ma = a.get(i).result().clicks();
            paired.add(ma - b.get(i).result().clicks());
            unpaired.add(ma - bOther.get(i).result().clicks());
        }
        // With common random numbers both arms of a pair share the users (their log-normal
        // activity and tastes), the items, every arrival draw and the reaction draws, so the
        // seed-to-seed variation of sessions and tastes cancels in the difference; unpaired
        // differences keep it. Total clicks are dominated by sessions (identical within a pair),
        // which makes the reduction large; the test claims only its direction.
        assertThat(variance(paired)).isLessThan(variance(unpaired));
    }

    @Test
    void aBadGridValueFailsBeforeAnyRun() {
        String text = TestScenarios.small("bad", 100, 50, 2, "random", 0);
        Sweep sweep = new Sweep();
        assertThatThrownBy(() -> sweep.plan(dir.resolve("x.yaml"), text,
                List.of(Sweep.Axis.parse("users.driftRate=0.1,7")), List.of(1L)))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("users.driftRate")
                .hasMessageContaining("in sweep arm users.driftRate=7");
        assertThatThrownBy(() -> Sweep.Axis.parse("nonsense")).hasMessageContaining("path=v1,v2");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void confidenceIntervalIsStudentT() {
        Sweep.Stat s = Sweep.stat("a", "m", List.of(1.0, 2.0, 3.0));
        // mean 2, sd 1, t(0.975, 2) = 4.302653 -> half-width 4.302653 / sqrt(3) = 2.484138
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.high() - s.mean()).isCloseTo(2.484138, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Sweep.stat("a", "m", List.of(5.0)).low()).isEqualTo(5.0);
    }

    private static double variance(List<Double> v) {
        double m = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1);
    }
}
