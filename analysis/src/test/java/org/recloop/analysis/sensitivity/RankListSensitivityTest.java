package org.recloop.analysis.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

class RankListSensitivityTest {

    /** Ranks unconsumed items by click count in the fitted data, ties by ascending id: deterministic. */
    static final class ClickCount implements Recommender {
        private int[] counts = new int[0];
        private boolean fitted;

        @Override
        public void fit(Interactions all, TrainContext ctx) {
            counts = new int[all.numItems()];
            for (int i : all.items()) {
                counts[i]++;
            }
            fitted = true;
        }

        @Override
        public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            Integer[] order = new Integer[counts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? counts[b] - counts[a] : a - b);
            for (int s = from; s < to; s++) {
                int r = 0;
                for (int i = 0; i < order.length && r < slates.k(); i++) {
                    if (!ctx.consumed().contains(slates.user(s), order[i])) {
                        slates.set(s, r++, order[i], counts[order[i]], 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
        }

        @Override
        public int modelVersion() {
            return fitted ? 1 : 0;
        }
    }

    /** 40 users, 30 items, 6 clicks each, skewed to low item ids. */
    static Interactions data() {
        RandomStreams streams = new RandomStreams(99);
        int n = 40 * 6;
        int[] users = new int[n];
        int[] items = new int[n];
        int[] ticks = new int[n];
        float[] values = new float[n];
        for (int u = 0; u < 40; u++) {
            UniformRandomProvider r = streams.stream(RandomStreams.purpose("test.sensitivity"), u, 0);
            for (int j = 0; j < 6; j++) {
                int row = u * 6 + j;
                users[row] = u;
                items[row] = (int) (30 * Math.pow(r.nextDouble(), 2));
                ticks[row] = row;
                values[row] = 1;
            }
        }
        return new Interactions(users, items, ticks, values, 40, 30);
    }

    @Test
    void refitOnIdenticalDataGivesIdenticalLists() {
        RankListSensitivity study = new RankListSensitivity(RankListSensitivity.Options.of(5, 0, 1, 0));
        int[] users = java.util.stream.IntStream.range(0, 40).toArray();
        int[][] a = study.topK(ClickCount::new, data(), null, users, 240, 1);
        int[][] b = study.topK(ClickCount::new, data(), null, users, 240, 1);
        for (int s = 0; s < users.length; s++) {
            assertThat(a[s]).hasSize(5);
            assertThat(ListOverlap.jaccard(a[s], b[s], 5)).isEqualTo(1.0);
            assertThat(ListOverlap.rbo(a[s], b[s], 5, 0.9)).isEqualTo(1.0);
        }
    }

    @Test
    void noPerturbationsGiveNoRowsAndUndefinedMeans() {
        RankListSensitivity.Result r = new RankListSensitivity(RankListSensitivity.Options.of(5, 0, 1, 0))
                .run(data(), null, ClickCount::new, () -> false);
        assertThat(r.rows()).isEmpty();
        assertThat(r.users()).hasSize(40);
        assertThat(r.jaccard().mean()).isNaN();
        assertThat(new SensitivityTable(r).csv()).isEqualTo(SensitivityTable.HEADER + "\n"
                + "mean,,,,NaN,NaN,NaN\nci95_low,,,,NaN,NaN,NaN\nci95_high,,,,NaN,NaN,NaN\n");
    }

    @Test
    void sameSeedSameResultAndIntervalsBracketTheMean() {
        RankListSensitivity.Options o = RankListSensitivity.Options.of(5, 12, 3, 15);
        String a = new SensitivityTable(new RankListSensitivity(o).run(data(), null, ClickCount::new, () -> false))
                .csv();
        RankListSensitivity.Result r = new RankListSensitivity(o).run(data(), null, ClickCount::new, () -> false);
        assertThat(new SensitivityTable(r).csv()).isEqualTo(a);
        assertThat(r.users()).hasSize(15).isSorted();
        assertThat(r.rows()).hasSize(12);
        for (RankListSensitivity.Row row : r.rows()) {
            assertThat(row.jaccard()).isBetween(0.0, 1.0);
            assertThat(row.rbo()).isBetween(0.0, 1.0);
            assertThat(row.changedShare()).isBetween(0.0, 1.0);
        }
        assertThat(r.jaccard().low()).isLessThanOrEqualTo(r.jaccard().mean());
        assertThat(r.jaccard().high()).isGreaterThanOrEqualTo(r.jaccard().mean());
        // a popularity ranking barely moves after one click changes
        assertThat(r.jaccard().mean()).isGreaterThan(0.8);
    }

    @Test
    void stopSkipsTheRemainingPerturbations() {
        int[] asked = {0};
        RankListSensitivity.Result r = new RankListSensitivity(RankListSensitivity.Options.of(5, 10, 1, 0))
                .run(data(), null, ClickCount::new, () -> ++asked[0] > 3);
        assertThat(r.rows()).hasSize(3);
    }

    @Test
    void dataWithoutPerturbableUsersIsRefused() {
        Interactions single = new Interactions(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 0},
                new float[] {1, 1}, 2, 3);
        assertThatThrownBy(() -> new RankListSensitivity(RankListSensitivity.Options.of(2, 1, 1, 0))
                .run(single, null, ClickCount::new, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 interactions");
    }
}
