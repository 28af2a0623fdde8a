package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InequalityTest {

    private static final double EPS = 1e-12;

    private static double gini(long... x) {
        return Inequality.gini(x, x.length);
    }

    @Test
    void allZeroIsZero() {
        assertThat(gini(0, 0, 0, 0)).isEqualTo(0.0);
    }

    @Test
    void allEqualIsZero() {
        assertThat(gini(1, 1, 1, 1)).isCloseTo(0.0, within(EPS));
        assertThat(gini(7, 7, 7)).isCloseTo(0.0, within(EPS));
    }

    @Test
    void oneHoldsEverythingIsNMinusOneOverN() {
        // sorted weights (2i-n-1) = -3,-1,1,3: 3*4 / (4*4) = 0.75
        assertThat(gini(0, 0, 0, 4)).isCloseTo(0.75, within(EPS));
        assertThat(gini(4, 0, 0, 0)).as("order of input does not matter").isCloseTo(0.75, within(EPS));
        assertThat(gini(0, 1)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void oneToFour() {
        // (-3*1 - 1*2 + 1*3 + 3*4) / (4 * 10) = 10 / 40
        assertThat(gini(1, 2, 3, 4)).isCloseTo(0.25, within(EPS));
        assertThat(gini(8, 2, 6, 4)).as("scale invariant, unsorted").isCloseTo(0.25, within(EPS));
    }

    @Test
    void fiveUnsortedCounts() {
        // [3,1,0,0,1]: sum of |xi - xj| over unordered pairs = 14 (see pairs 0-1 x4, 0-3 x2, 1-3 x2),
        // G = 2 * 14 / (2 * n * sum) = 28 / (2 * 5 * 5) = 0.56; the sorted form gives
        // (-4*0 - 2*0 + 0*1 + 2*1 + 4*3) / (5 * 5) = 14 / 25 as well.
        assertThat(gini(3, 1, 0, 0, 1)).isCloseTo(0.56, within(EPS));
    }

    @Test
    void usesOnlyTheFirstNCountsAndPadsWithZeros() {
        assertThat(Inequality.gini(new long[] {1, 1, 100}, 2)).as("trailing 100 ignored").isCloseTo(0.0, within(EPS));
        assertThat(Inequality.gini(new long[] {4}, 4)).as("missing counts are zero").isCloseTo(0.75, within(EPS));
        assertThat(Inequality.gini(new long[] {1, 2}, 0)).isEqualTo(0.0);
    }

    @Test
    void doesNotReorderTheCallersArray() {
        long[] x = {4, 1, 3, 2};
        Inequality.gini(x, 4);
        assertThat(x).containsExactly(4, 1, 3, 2);
    }
}
