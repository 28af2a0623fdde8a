package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Interactions;

class SplitTest {

    /**
     * 18 rows over 5 users (user 4 has none) and 10 items, users interleaved:
     * <pre>
     * row user item tick      row user item tick
     *  0   0    0    5         9   2    1    8
     *  1   3    2    1        10   3    6    3
     *  2   0    1    3        11   3    7    4
     *  3   1    0    2        12   3    8    5
     *  4   0    2    9        13   3    9    6
     *  5   2    1    4        14   3    0    7
     *  6   0    3    9        15   3    1    8
     *  7   3    5    2        16   3    3    9
     *  8   0    4    1        17   3    4   10
     * </pre>
     * User 0 has 5 rows with a tie at tick 9 (rows 4 and 6), user 1 one row, user 2 the same item
     * twice, user 3 ten rows with distinct ticks.
     */
    static Interactions data() {
        int[] users = {0, 3, 0, 1, 0, 2, 0, 3, 0, 2, 3, 3, 3, 3, 3, 3, 3, 3};
        int[] items = {0, 2, 1, 0, 2, 1, 3, 5, 4, 1, 6, 7, 8, 9, 0, 1, 3, 4};
        int[] ticks = {5, 1, 3, 2, 9, 4, 9, 2, 1, 8, 3, 4, 5, 6, 7, 8, 9, 10};
        float[] values = new float[users.length];
        for (int r = 0; r < values.length; r++) {
            values[r] = 1f + r; // distinct, to check that rows keep their values
        }
        return new Interactions(users, items, ticks, values, 5, 10);
    }

    /** The train rows of a split as "user:item:tick:value" strings, in order. */
    private static List<String> rows(Interactions t) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            out.add(t.users()[r] + ":" + t.items()[r] + ":" + t.ticks()[r] + ":" + (int) t.values()[r]);
        }
        return out;
    }

    /** The rows of {@link #data()} minus the given row indices, in the same format. */
    private static List<String> rowsWithout(int... removed) {
        Interactions d = data();
        Set<Integer> skip = new HashSet<>();
        for (int r : removed) {
            skip.add(r);
        }
        List<String> out = new ArrayList<>();
        for (int r = 0; r < d.size(); r++) {
            if (!skip.contains(r)) {
                out.add(d.users()[r] + ":" + d.items()[r] + ":" + d.ticks()[r] + ":" + (int) d.values()[r]);
            }
        }
        return out;
    }

    @Test
    void leaveOneOutHoldsOutEachUsersLastRowTiesByInputOrder() {
        Split.Result s = Split.leaveOneOut(data());
        // user 0: rows 4 and 6 share the last tick 9; row 6 (item 3) comes later in the input
        assertThat(s.test(0)).containsExactly(3);
        // user 1: one row, train only
        assertThat(s.test(1)).isEmpty();
        // user 2: the last row (9) is item 1, which is also in training (row 5): removed from the test
        assertThat(s.test(2)).isEmpty();
        // user 3: tick 10 is row 17, item 4
        assertThat(s.test(3)).containsExactly(4);
        assertThat(s.test(4)).isEmpty();
        assertThat(s.testUsers()).containsExactly(0, 3);
        assertThat(s.testPairs()).isEqualTo(2);
        // training keeps every other row, in input order, with its tick and value
        assertThat(rows(s.train())).isEqualTo(rowsWithout(6, 9, 17));
        assertThat(s.train().numUsers()).isEqualTo(5);
        assertThat(s.train().numItems()).isEqualTo(10);
    }

    @Test
    void temporalHoldsOutTheLastFractionOfEachUser() {
        // f = 0.2: user 0 (5 rows) h = 1 -> row 6 (item 3); user 2 (2 rows) h = max(1, 0) = 1 -> row 9,
        // item 1, also in training -> empty; user 3 (10 rows) h = 2 -> rows 17, 16 (items 4, 3)
        Split.Result s = Split.temporal(data(), 0.2);
        assertThat(s.test(0)).containsExactly(3);
        assertThat(s.test(1)).isEmpty();
        assertThat(s.test(2)).isEmpty();
        assertThat(s.test(3)).containsExactly(3, 4);
        assertThat(rows(s.train())).isEqualTo(rowsWithout(6, 9, 16, 17));

        // f = 0.5: user 0 h = floor(2.5) = 2 -> rows 6, 4 (items 3, 2)
        // user 3 h = 5 -> ticks 10, 9, 8, 7, 6: items 4, 3, 1, 0, 9
        Split.Result half = Split.temporal(data(), 0.5);
        assertThat(half.test(0)).containsExactly(2, 3);
        assertThat(half.test(3)).containsExactly(0, 1, 3, 4, 9);
        assertThat(rows(half.train())).isEqualTo(rowsWithout(4, 6, 9, 13, 14, 15, 16, 17));

        // f = 0.9: user 0 h = min(5 - 1, floor(4.5)) = 4: all but its earliest row 8 (item 4, tick 1)
        Split.Result most = Split.temporal(data(), 0.9);
        assertThat(most.test(0)).containsExactly(0, 1, 2, 3);
        assertThat(rows(most.train())).contains("0:4:1:9").doesNotContain("0:0:5:1");
    }

    @Test
    void heldOutCountKeepsOneRowOnEachSide() {
        assertThat(Split.heldOut(0, 0.5)).isZero();
        assertThat(Split.heldOut(1, 0.5)).isZero();
        assertThat(Split.heldOut(2, 0.2)).as("at least one").isEqualTo(1);
        assertThat(Split.heldOut(5, 0.99)).as("at most n-1").isEqualTo(4);
        assertThat(Split.heldOut(10, 0.29)).as("floor(2.9)").isEqualTo(2);
        assertThat(Split.heldOut(100, 0.29)).as("0.29*100 = 28.999..., not 28").isEqualTo(29);
    }

    @Test
    void randomHoldsOutTheRightNumberOfRowsPerUserReproducibly() {
        Split.Result s = Split.random(data(), 0.5, 7);
        // user 0: h = 2 rows, user 3: h = 5 rows, all with distinct items; user 2: h = 1 of item 1 twice -> empty
        assertThat(s.test(0)).hasSize(2);
        assertThat(s.test(3)).hasSize(5);
        assertThat(s.test(1)).isEmpty();
        assertThat(s.test(2)).isEmpty();
        assertThat(s.train().size()).isEqualTo(18 - 2 - 1 - 5);
        // every test item came from that user's rows and is not in their training rows
        Interactions d = data();
        for (int u : new int[] {0, 3}) {
            Set<Integer> all = new HashSet<>();
            Set<Integer> train = new HashSet<>();
            for (int r = 0; r < d.size(); r++) {
                if (d.users()[r] == u) {
                    all.add(d.items()[r]);
                }
            }
            for (int r = 0; r < s.train().size(); r++) {
                if (s.train().users()[r] == u) {
                    train.add(s.train().items()[r]);
                }
            }
            for (int i : s.test(u)) {
                assertThat(all).contains(i);
                assertThat(train).doesNotContain(i);
            }
            assertThat(train.size() + s.test(u).length).isEqualTo(all.size());
        }
        // the same seed gives the same split; seeds differ
        Split.Result again = Split.random(data(), 0.5, 7);
        assertThat(again.test(0)).isEqualTo(s.test(0));
        assertThat(again.test(3)).isEqualTo(s.test(3));
        assertThat(rows(again.train())).isEqualTo(rows(s.train()));
        Set<String> user3Sets = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            user3Sets.add(Arrays.toString(Split.random(data(), 0.5, seed).test(3)));
        }
        assertThat(user3Sets.size()).as("20 seeds, 252 possible 5-subsets").isGreaterThan(5);
    }

    @Test
    void randomPicksEachRowAboutEquallyOften() {
        // one user, 10 rows of items 0..9, f = 0.1 -> one held-out row; 5000 seeds -> 500 each expected
        // (binomial sd = sqrt(5000 * 0.1 * 0.9) = 21.2; we allow +-100, about 4.7 sd)
        int[] users = new int[10];
        int[] items = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Interactions one = new Interactions(users, items, new int[10], new float[10], 1, 10);
        int[] counts = new int[10];
        for (long seed = 0; seed < 5000; seed++) {
            int[] t = Split.random(one, 0.1, seed).test(0);
            assertThat(t).hasSize(1);
            counts[t[0]]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(400, 600);
        }
    }

    @Test
    void applyDispatchesAndMethodsParse() {
        assertThat(Split.Method.parse("random")).isEqualTo(Split.Method.RANDOM);
        assertThat(Split.Method.parse("Temporal")).isEqualTo(Split.Method.TEMPORAL);
        assertThat(Split.Method.parse("loo")).isEqualTo(Split.Method.LEAVE_ONE_OUT);
        assertThatThrownBy(() -> Split.Method.parse("kfold"))
                .hasMessage("unknown split method 'kfold'; available: random, temporal, loo");
        assertThat(Split.apply(Split.Method.LEAVE_ONE_OUT, data(), 0.2, 1).test(0)).containsExactly(3);
        assertThat(Split.apply(Split.Method.TEMPORAL, data(), 0.2, 1).test(3)).containsExactly(3, 4);
    }

    @Test
    void invalidInputsAreRejected() {
        assertThatThrownBy(() -> Split.random(data(), 0, 1)).hasMessage("test fraction must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> Split.temporal(data(), 1.0)).hasMessageContaining("(0, 1)");
        Interactions bad = new Interactions(new int[] {0, 7}, new int[] {0, 1}, new int[2], new float[2], 2, 2);
        assertThatThrownBy(() -> Split.leaveOneOut(bad)).hasMessage("row 1: user 7 outside [0, 2)");
    }
}
