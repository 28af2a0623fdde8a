package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Effect sizes, paired t tests and Holm's adjustment against hand computations. With two degrees
 * of freedom Student's t has the closed form {@code P(|T| > t) = 1 - t / sqrt(2 + t²)}, so the
 * p-values of three pairs are exact without tables.
 */
class PairedStatisticsTest {

    private static RunData run(String arm, long seed, double... m) {
        int[] ticks = new int[m.length];
        double[][] values = new double[m.length][];
        for (int t = 0; t < m.length; t++) {
            ticks[t] = t;
            values[t] = new double[] {m[t]};
        }
        return new RunData(Path.of(arm + seed), arm + "-" + seed, "s", seed, "als", arm, "", List.of("m"), ticks, values);
    }

    private static double twoSidedP2(double t) {
        return 1 - Math.abs(t) / Math.sqrt(2 + t * t);
    }

    @Test
    void holmAdjustsInStepDownOrderAndKeepsTheOrder() {
        // sorted: 0.005, 0.01, 0.03, 0.04 -> 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06, max(0.06, 1*0.04) = 0.06
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
        // capped at 1; a missing test is not in the family (m = 2, not 3)
        double[] capped = Holm.adjust(new double[] {0.6, Double.NaN, 0.5});
        assertThat(capped[0]).isEqualTo(1.0);
        assertThat(capped[1]).isNaN();
        assertThat(capped[2]).isEqualTo(1.0);
        assertThat(Holm.adjust(new double[] {0.2, Double.NaN, 0.01})).containsExactly(0.2, Double.NaN, 0.02);
    }

    @Test
    void effectSizeAndPValueOfThePairedDifferences() {
        // differences 1, 1.2, 0.8: mean 1, s = 0.2 -> d_z = 5, t = 1 / (0.2 / sqrt 3) = sqrt 75
        PairedTest t = PairedTest.of(new double[] {1, 1.2, 0.8});
        assertThat(t.dz()).isCloseTo(5.0, within(1e-12));
        assertThat(t.p()).isCloseTo(1 - Math.sqrt(75.0 / 77.0), within(1e-12));
        // negative differences: same p, negative effect
        PairedTest neg = PairedTest.of(new double[] {-1, -1.2, -0.8});
        assertThat(neg.dz()).isCloseTo(-5.0, within(1e-12));
        assertThat(neg.p()).isCloseTo(t.p(), within(1e-15));
        // no spread: no effect size; p 1 when the arms agree, 0 when they differ by a constant
        assertThat(PairedTest.of(new double[] {0, 0, 0}).p()).isEqualTo(1.0);
        assertThat(PairedTest.of(new double[] {0.5, 0.5}).p()).isEqualTo(0.0);
        assertThat(PairedTest.of(new double[] {0.5, 0.5}).dz()).isNaN();
        assertThat(PairedTest.of(new double[] {3}).p()).isNaN();
    }

    @Test
    void theTableAdjustsWithinEachColumnOverArmsAndMetrics() {
        // A baseline; B and its copy C: final differences 1, 1.2, 0.8 for both; over ticks >= 0:
        // 1, 0.6, 0.9. Each column's family holds two rows with equal p, so p_holm = 2p.
        List<RunData> runs = new ArrayList<>();
        double[][] a = {{1, 2}, {2, 4}, {3, 3}};
        double[][] b = {{2, 3}, {2, 5.2}, {4, 3.8}};
        for (int s = 0; s < 3; s++) {
            runs.add(run("A", s + 1, a[s]));
        }
        for (String arm : List.of("B", "C")) {
            for (int s = 0; s < 3; s++) {
                runs.add(run(arm, s + 1, b[s]));
            }
        }
        List<PairedComparison.Row> rows = PairedComparison.compare(runs, "A", 0);
        assertThat(rows).hasSize(4);
        double pFinal = 1 - Math.sqrt(75.0 / 77.0);
        double meanDiff = 2.5 / 3;
        double sd = Math.sqrt((1.0 / 36 + 49.0 / 900 + 1.0 / 225) / 2);
        double pMean = twoSidedP2(meanDiff / (sd / Math.sqrt(3)));
        for (PairedComparison.Row r : rows) {
            boolean last = r.over().equals(PairedComparison.FINAL);
            assertThat(r.dz()).isCloseTo(last ? 5.0 : meanDiff / sd, within(1e-9));
            assertThat(r.p()).isCloseTo(last ? pFinal : pMean, within(1e-9));
            assertThat(r.pHolm()).isCloseTo(Math.min(1, 2 * r.p()), within(1e-12));
        }
        String csv = PairedComparison.csv(rows);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(
                "arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,unpaired_seeds,d_z,p_value,p_holm");
        String[] first = csv.lines().skip(1).findFirst().orElseThrow().split(",", -1);
        assertThat(first).hasSize(13);
        assertThat(Double.parseDouble(first[10])).isCloseTo(5.0, within(1e-9));
        assertThat(Double.parseDouble(first[12])).isCloseTo(2 * pFinal, within(1e-12));
    }
}
