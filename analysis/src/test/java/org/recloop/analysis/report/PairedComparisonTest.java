package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedComparisonTest {

    /** t(0.975, 2): three pairs. */
    private static final double T2 = 4.302652729749464;

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static RunData run(String arm, long seed, double... m) {
        int[] ticks = new int[m.length];
        double[][] values = new double[m.length][];
        for (int t = 0; t < m.length; t++) {
            ticks[t] = t;
            values[t] = new double[] {m[t]};
        }
        return new RunData(Path.of(arm + seed), arm + "-" + seed, "s", seed, "als", arm, "", List.of("m"), ticks, values);
    }

    /**
     * Baseline A has seeds 1, 2, 3 and 5; arm B seeds 1, 2, 3 and 4. Seeds 4 and 5 are unpaired.
     * Final tick: B - A = 1, 1.2, 0.8: mean 1, s = sqrt((0 + 0.04 + 0.04) / 2) = 0.2. Over ticks
     * >= 0: A means 1.5, 3, 3, B means 2.5, 3.6, 3.9: differences 1, 0.6, 0.9, mean 2.5 / 3,
     * deviations 1/6, -7/30, 1/15, s = sqrt((1/36 + 49/900 + 1/225) / 2).
     */
    private static List<RunData> runs() {
        List<RunData> runs = new ArrayList<>();
        runs.add(run("A", 1, 1, 2));
        runs.add(run("A", 2, 2, 4));
        runs.add(run("A", 3, 3, 3));
        runs.add(run("A", 5, 0, 0));
        runs.add(run("B", 1, 2, 3));
        runs.add(run("B", 2, 2, 5.2));
        runs.add(run("B", 3, 4, 3.8));
        runs.add(run("B", 4, 100, 100));
        return runs;
    }

    @Test
    void pairsSeedsPresentInBothArmsOnly() {
        List<PairedComparison.Row> rows = PairedComparison.compare(runs(), "A", 0);
        assertThat(rows).hasSize(2);
        PairedComparison.Row last = rows.get(0);
        assertThat(last.arm()).isEqualTo("B");
        assertThat(last.over()).isEqualTo("final");
        assertThat(last.n()).isEqualTo(3);
        assertThat(last.unpaired()).containsExactly("4:arm-only", "5:baseline-only");
        assertThat(last.meanDiff()).isCloseTo(1.0, within(1e-12));
        double half = T2 * 0.2 / Math.sqrt(3);
        assertThat(last.ciLow()).isCloseTo(1.0 - half, within(1e-9));
        assertThat(last.ciHigh()).isCloseTo(1.0 + half, within(1e-9));
        assertThat(last.excludesZero()).isTrue();

        PairedComparison.Row mean = rows.get(1);
        assertThat(mean.over()).isEqualTo("mean_from_0");
        assertThat(mean.n()).isEqualTo(3);
        double s = Math.sqrt((1.0 / 36 + 49.0 / 900 + 1.0 / 225) / 2);
        assertThat(mean.meanDiff()).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(mean.ciLow()).isCloseTo(2.5 / 3 - T2 * s / Math.sqrt(3), within(1e-9));
        assertThat(mean.ciHigh()).isCloseTo(2.5 / 3 + T2 * s / Math.sqrt(3), within(1e-9));
    }

    @Test
    void theMeanStartsAtTheGivenTickAndAStatedBaselineTurnsTheSigns() {
        // from tick 1 the mean is the final value: B - A = 1, 1.2, 0.8; with B as baseline, A - B
        List<PairedComparison.Row> rows = PairedComparison.compare(runs(), "B", 1);
        assertThat(rows).extracting(PairedComparison.Row::arm).containsOnly("A");
        assertThat(rows.get(1).over()).isEqualTo("mean_from_1");
        assertThat(rows.get(1).meanDiff()).isCloseTo(-1.0, within(1e-12));
        assertThat(rows.get(1).ciHigh()).isCloseTo(-1.0 + T2 * 0.2 / Math.sqrt(3), within(1e-9));
        assertThat(rows.get(1).excludesZero()).isTrue();
        assertThat(rows.get(1).unpaired()).containsExactly("4:baseline-only", "5:arm-only");
        assertThatThrownBy(() -> PairedComparison.compare(runs(), "C", 0)).hasMessageContaining("'C'")
                .hasMessageContaining("[A, B]");
    }

    @Test
    void oneOrNoPairGivesNoInterval() {
        List<RunData> runs = List.of(run("A", 1, 1), run("A", 2, 1), run("B", 1, 3), run("B", 3, 0));
        PairedComparison.Row r = PairedComparison.compare(runs, "A", 0).get(0);
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.meanDiff()).isEqualTo(2.0);
        assertThat(r.ciLow()).isNaN();
        assertThat(r.excludesZero()).isFalse();
        assertThat(PairedComparison.csv(List.of(r))).isEqualTo(
                "arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,unpaired_seeds,d_z,p_value,p_holm\n"
                        + "B,A,m,final,1,2.0,,,false,2:baseline-only 3:arm-only,,,\n");
    }

    @Test
    void theReportWritesThePairedTableWhenArmsShareSeeds() throws Exception {
        ReportWriter w = new ReportWriter(Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC), 400, 300);
        Path out = dir.resolve("report");
        Path index = w.write(runs(), out, new PairedComparison.Options("A", 1));
        assertThat(Files.readString(out.resolve("paired.csv")))
                .isEqualTo(PairedComparison.csv(PairedComparison.compare(runs(), "A", 1)));
        assertThat(Files.readString(index)).contains("Paired differences against A")
                .contains("<strong>+1.000 [0.5032, 1.497]</strong>").contains("4:arm-only 5:baseline-only");
        // summary.csv carries the final-tick pair beside B's own interval; A, the baseline, has none.
        // B - A at the last tick: 1, 1.2, 0.8 (mean 1, s = 0.2, d_z = 5); p of t = 5 sqrt(3) on 2 degrees
        // of freedom, the only row of its family, so Holm leaves it as is.
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo("arm,metric,n,mean,ci_low,ci_high,vs,diff,diff_ci_low,diff_ci_high,d_z,p_holm");
        assertThat(summary.get(1)).startsWith("A,m,4,").endsWith(",,,,,,");
        String[] b = summary.get(2).split(",", -1);
        assertThat(b[0]).isEqualTo("B");
        assertThat(b[6]).isEqualTo("A");
        double half = T2 * 0.2 / Math.sqrt(3);
        assertThat(Double.parseDouble(b[7])).isCloseTo(1.0, within(1e-12));
        assertThat(Double.parseDouble(b[8])).isCloseTo(1.0 - half, within(1e-9));
        assertThat(Double.parseDouble(b[9])).isCloseTo(1.0 + half, within(1e-9));
        assertThat(Double.parseDouble(b[10])).isCloseTo(5.0, within(1e-9));
        double t = 5 * Math.sqrt(3); // two-sided p of Student t with 2 degrees of freedom: 1 - t / sqrt(t^2 + 2)
        assertThat(Double.parseDouble(b[11])).isCloseTo(1 - t / Math.sqrt(t * t + 2), within(1e-9));
        // a single arm: nothing to pair, and an earlier paired.csv goes
        w.write(List.of(run("A", 1, 1, 2)), out);
        assertThat(out.resolve("paired.csv")).doesNotExist();
        assertThat(Files.readAllLines(out.resolve("summary.csv")).get(1)).endsWith(",,,,,,");
        assertThat(Files.readString(out.resolve("index.html"))).doesNotContain("Paired differences");
    }
}
