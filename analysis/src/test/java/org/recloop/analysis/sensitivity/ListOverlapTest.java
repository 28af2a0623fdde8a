package org.recloop.analysis.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ListOverlapTest {

    private static final double P = 0.9;

    @Test
    void identicalListsScoreOne() {
        int[] a = {5, 3, 9, 1};
        assertThat(ListOverlap.jaccard(a, a.clone(), 4)).isEqualTo(1.0);
        assertThat(ListOverlap.rbo(a, a.clone(), 4, P)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void disjointListsScoreZero() {
        int[] a = {1, 2, 3};
        int[] b = {4, 5, 6};
        assertThat(ListOverlap.jaccard(a, b, 3)).isZero();
        assertThat(ListOverlap.rbo(a, b, 3, P)).isZero();
    }

    @Test
    void partialOverlapMatchesHandComputedValues() {
        // A = [1,2,3], B = [1,3,4], K = 3.
        // Jaccard: {1,3} shared of {1,2,3,4} -> 2/4 = 0.5.
        // RBO agreements: A_1 = |{1}∩{1}|/1 = 1, A_2 = |{1,2}∩{1,3}|/2 = 1/2, A_3 = |{1,2,3}∩{1,3,4}|/3 = 2/3;
        // weights 1, 0.9, 0.81 (mass 2.71): (1 + 0.45 + 0.54) / 2.71 = 1.99 / 2.71 = 0.734317...
        int[] a = {1, 2, 3};
        int[] b = {1, 3, 4};
        assertThat(ListOverlap.jaccard(a, b, 3)).isEqualTo(0.5);
        assertThat(ListOverlap.rbo(a, b, 3, P)).isCloseTo(1.99 / 2.71, within(1e-12));
        assertThat(ListOverlap.rbo(b, a, 3, P)).isCloseTo(1.99 / 2.71, within(1e-12));
    }

    @Test
    void rboWeighsTheTopMoreThanJaccard() {
        // A = [1,2], B = [2,1]: same set (Jaccard 1) but swapped; A_1 = 0, A_2 = 1 -> 0.9 / 1.9.
        int[] a = {1, 2};
        int[] b = {2, 1};
        assertThat(ListOverlap.jaccard(a, b, 2)).isEqualTo(1.0);
        assertThat(ListOverlap.rbo(a, b, 2, P)).isCloseTo(0.9 / 1.9, within(1e-12));
    }

    @Test
    void cutoffAndShortLists() {
        // only the first K = 2 count: [1,2] vs [1,2] -> identical
        assertThat(ListOverlap.jaccard(new int[] {1, 2, 3}, new int[] {1, 2, 4}, 2)).isEqualTo(1.0);
        assertThat(ListOverlap.rbo(new int[] {1, 2, 3}, new int[] {1, 2, 4}, 2, P)).isCloseTo(1.0, within(1e-12));
        // A = [1], B = [1,2], K = 2: Jaccard 1/2; A_1 = 1, A_2 = |{1}∩{1,2}|/2 = 1/2 -> (1 + 0.45) / 1.9
        assertThat(ListOverlap.jaccard(new int[] {1}, new int[] {1, 2}, 2)).isEqualTo(0.5);
        assertThat(ListOverlap.rbo(new int[] {1}, new int[] {1, 2}, 2, P)).isCloseTo(1.45 / 1.9, within(1e-12));
        assertThat(ListOverlap.jaccard(new int[0], new int[0], 3)).isEqualTo(1.0);
        assertThat(ListOverlap.rbo(new int[0], new int[0], 3, P)).isEqualTo(1.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ListOverlap.jaccard(new int[0], new int[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be > 0");
        assertThatThrownBy(() -> ListOverlap.rbo(new int[0], new int[0], 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("persistence");
    }
}
