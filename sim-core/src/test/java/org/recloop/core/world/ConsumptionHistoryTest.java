package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConsumptionHistoryTest {

    @Test
    void addContainsAndDuplicate() {
        ConsumptionHistory h = new ConsumptionHistory(3);
        assertThat(h.users()).isEqualTo(3);
        assertThat(h.size(0)).isZero();
        assertThat(h.contains(0, 5)).isFalse();

        assertThat(h.add(0, 5)).isTrue();
        assertThat(h.contains(0, 5)).isTrue();
        assertThat(h.contains(1, 5)).as("other users unaffected").isFalse();
        assertThat(h.add(0, 5)).as("duplicate").isFalse();
        assertThat(h.size(0)).isEqualTo(1);
        assertThat(h.size(1)).isZero();
    }

    @Test
    void itemsAreKeptSortedThroughGrowth() {
        ConsumptionHistory h = new ConsumptionHistory(2);
        int[] order = {9, 3, 7, 1, 12, 0, 5, 3, 11, 2, 8, 9};
        for (int it : order) {
            h.add(1, it);
        }
        int[] expected = {0, 1, 2, 3, 5, 7, 8, 9, 11, 12};
        assertThat(h.itemsOf(1)).containsExactly(expected);
        assertThat(h.size(1)).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(h.item(1, i)).isEqualTo(expected[i]);
        }
        assertThatThrownBy(() -> h.item(1, expected.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(h.itemsOf(0)).isEmpty();
        // itemsOf is a copy
        h.itemsOf(1)[0] = 99;
        assertThat(h.item(1, 0)).isZero();
    }

    @Test
    void randomAddsMatchTreeSet() {
        Random r = new Random(7);
        ConsumptionHistory h = new ConsumptionHistory(1);
        TreeSet<Integer> ref = new TreeSet<>();
        for (int i = 0; i < 2000; i++) {
            int it = r.nextInt(500);
            assertThat(h.add(0, it)).isEqualTo(ref.add(it));
        }
        assertThat(h.itemsOf(0)).containsExactly(ref.stream().mapToInt(Integer::intValue).toArray());
        for (int it = 0; it < 500; it++) {
            assertThat(h.contains(0, it)).isEqualTo(ref.contains(it));
        }
    }

    @Test
    void intersectionAndJaccardOnHandComputedCases() {
        ConsumptionHistory h = new ConsumptionHistory(5);
        // user 0: {1,2,3,4,10}; user 1: {2,4,6,8,10,12}; common {2,4,10}
        for (int it : new int[] {10, 1, 3, 2, 4}) {
            h.add(0, it);
        }
        for (int it : new int[] {12, 8, 2, 6, 4, 10}) {
            h.add(1, it);
        }
        assertThat(h.intersectionSize(0, 1)).isEqualTo(3);
        assertThat(h.intersectionSize(1, 0)).isEqualTo(3);
        // union = 5 + 6 - 3 = 8
        assertThat(h.jaccard(0, 1)).isCloseTo(3.0 / 8.0, within(1e-12));
        assertThat(h.jaccard(1, 0)).isCloseTo(3.0 / 8.0, within(1e-12));
        assertThat(h.jaccard(0, 0)).isEqualTo(1.0);
        assertThat(h.intersectionSize(0, 0)).isEqualTo(5);

        // user 2: {100, 200} disjoint from user 0
        h.add(2, 200);
        h.add(2, 100);
        assertThat(h.intersectionSize(0, 2)).isZero();
        assertThat(h.jaccard(0, 2)).isEqualTo(0.0);

        // user 3 empty vs non-empty: 0 / 5
        assertThat(h.intersectionSize(3, 0)).isZero();
        assertThat(h.jaccard(3, 0)).isEqualTo(0.0);

        // two empty sets
        assertThat(h.jaccard(3, 4)).isNaN();
        assertThat(h.jaccard(3, 3)).isNaN();
    }
}
