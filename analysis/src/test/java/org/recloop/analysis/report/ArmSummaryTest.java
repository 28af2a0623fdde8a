package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArmSummaryTest {

    // two-sided 95% quantiles of Student's t, t(0.975, df), from the tables
    private static final double T1 = 12.706204736174698;
    private static final double T2 = 4.302652729911275;
    private static final double T3 = 3.182446305284263;

    @Test
    void tQuantilesMatchTheTables() {
        assertThat(ArmSummary.tQuantile(1)).isCloseTo(T1, within(1e-6));
        assertThat(ArmSummary.tQuantile(2)).isCloseTo(T2, within(1e-6));
        assertThat(ArmSummary.tQuantile(3)).isCloseTo(T3, within(1e-6));
        assertThat(ArmSummary.tQuantile(29)).isCloseTo(2.0452, within(1e-4));
    }

    @Test
    void oneTwoThree() {
        // mean 2, s = 1, half-width t(0.975, 2) / sqrt(3) = 4.3027 * 0.57735 = 2.4841
        ArmSummary.Point p = ArmSummary.point(7, 1, 2, 3);
        assertThat(p.tick()).isEqualTo(7);
        assertThat(p.n()).isEqualTo(3);
        assertThat(p.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(p.halfWidth()).isCloseTo(2.484137711843753, within(1e-6));
        assertThat(p.halfWidth()).isCloseTo(2.4841, within(1e-4));
        assertThat(p.ciLow()).isCloseTo(2 - 2.484137711843753, within(1e-6));
        assertThat(p.ciHigh()).isCloseTo(2 + 2.484137711843753, within(1e-6));
    }

    @Test
    void twoAndFourValues() {
        // 0.1, 0.3: mean 0.2, s = 0.141421, half-width 12.7062 * 0.141421 / sqrt(2) = 1.27062
        ArmSummary.Point p = ArmSummary.point(0, 0.1, 0.3);
        assertThat(p.mean()).isCloseTo(0.2, within(1e-12));
        assertThat(p.halfWidth()).isCloseTo(T1 * 0.1, within(1e-6));
        // 0.2, 0.4, 0.9, 0.5: mean 0.5, s = 0.294392, half-width 3.1824 * 0.294392 / 2 = 0.468443
        ArmSummary.Point q = ArmSummary.point(0, 0.2, 0.4, 0.9, 0.5);
        assertThat(q.mean()).isCloseTo(0.5, within(1e-12));
        assertThat(q.halfWidth()).isCloseTo(0.46844341230332, within(1e-6));
    }

    @Test
    void oneRunHasNoIntervalAndNoneHasNoValue() {
        ArmSummary.Point one = ArmSummary.point(3, 0.25);
        assertThat(one.n()).isEqualTo(1);
        assertThat(one.mean()).isEqualTo(0.25);
        assertThat(one.ciLow()).isEqualTo(0.25);
        assertThat(one.ciHigh()).isEqualTo(0.25);
        assertThat(one.halfWidth()).isZero();
        ArmSummary.Point none = ArmSummary.point(3, Double.NaN);
        assertThat(none.n()).isZero();
        assertThat(none.mean()).isNaN();
        assertThat(none.ciLow()).isNaN();
        assertThat(none.ciHigh()).isNaN();
    }

    @Test
    void identicalValuesGiveAZeroWidthInterval() {
        ArmSummary.Point p = ArmSummary.point(0, 0.5, 0.5, 0.5);
        assertThat(p.mean()).isEqualTo(0.5);
        assertThat(p.ciLow()).isEqualTo(0.5);
        assertThat(p.ciHigh()).isEqualTo(0.5);
    }

    @Test
    void runsOfDifferentLengthsAreAlignedOnTheTick() {
        // run a: ticks 0,1,2 = 1,2,3; run b: ticks 0,1 = 3,NaN; run c: ticks 0,1,2,3 = 5,4,3,9
        RunData a = RunFolders.run("x", "m", new int[] {0, 1, 2}, 1, 2, 3);
        RunData b = RunFolders.run("x", "m", new int[] {0, 1}, 3, Double.NaN);
        RunData c = RunFolders.run("x", "m", new int[] {0, 1, 2, 3}, 5, 4, 3, 9);
        ArmSummary s = ArmSummary.of("x", List.of(a, b, c));
        List<ArmSummary.Point> pts = s.series("m");
        assertThat(pts).extracting(ArmSummary.Point::tick).containsExactly(0, 1, 2, 3);
        assertThat(pts).extracting(ArmSummary.Point::n).containsExactly(3, 2, 2, 1);
        // tick 0: 1, 3, 5 -> mean 3, s = 2, half-width 4.3027 * 2 / sqrt(3) = 4.96828
        assertThat(pts.get(0).mean()).isCloseTo(3.0, within(1e-12));
        assertThat(pts.get(0).halfWidth()).isCloseTo(T2 * 2 / Math.sqrt(3), within(1e-6));
        // tick 1: 2, 4 (b is missing) -> mean 3, s = sqrt(2), half-width 12.7062 * sqrt(2) / sqrt(2)
        assertThat(pts.get(1).mean()).isCloseTo(3.0, within(1e-12));
        assertThat(pts.get(1).halfWidth()).isCloseTo(T1, within(1e-6));
        // tick 2: 3, 3 -> zero width
        assertThat(pts.get(2).mean()).isEqualTo(3.0);
        assertThat(pts.get(2).halfWidth()).isZero();
        // tick 3: only c
        assertThat(pts.get(3).mean()).isEqualTo(9.0);
        assertThat(pts.get(3).ciLow()).isEqualTo(9.0);
        assertThat(s.last("m")).isEqualTo(pts.get(3));
        assertThat(s.series("other")).isEmpty();
        assertThat(s.last("other")).isNull();
    }

    @Test
    void lastSkipsTrailingTicksWithoutValues() {
        RunData a = RunFolders.run("x", "m", new int[] {0, 1, 2}, 1, 2, Double.NaN);
        RunData b = RunFolders.run("x", "m", new int[] {0, 1, 2}, 3, 4, Double.NaN);
        ArmSummary s = ArmSummary.of("x", List.of(a, b));
        assertThat(s.series("m").get(2).n()).isZero();
        ArmSummary.Point last = s.last("m");
        assertThat(last.tick()).isEqualTo(1);
        assertThat(last.n()).isEqualTo(2);
        assertThat(last.mean()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void groupsRunsByArmInFirstSeenOrder() {
        RunData b1 = RunFolders.run("b", "m", new int[] {0}, 1);
        RunData a1 = RunFolders.run("a", "m", new int[] {0}, 2);
        RunData b2 = RunFolders.run("b", "m", new int[] {0}, 3);
        List<ArmSummary> arms = ArmSummary.byArm(List.of(b1, a1, b2));
        assertThat(arms).extracting(ArmSummary::arm).containsExactly("b", "a");
        assertThat(arms.get(0).runs()).containsExactly(b1, b2);
        assertThat(arms.get(0).last("m").mean()).isCloseTo(2.0, within(1e-12));
        assertThat(arms.get(1).last("m").n()).isEqualTo(1);
    }
}
