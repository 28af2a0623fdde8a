package org.recloop.analysis.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** User 0: 4 interactions at t 0, 10, 2000, 2005; user 1: 1 at t 7; items 0 (x3), 1 (x2). */
    private static InteractionProfile small(long gap) {
        return InteractionProfile.of(new int[] {0, 0, 0, 0, 1}, new int[] {0, 1, 0, 1, 0},
                new float[] {5, 4, 4, 1, 5}, new long[] {2005, 0, 10, 2000, 7}, gap);
    }

    @Test
    void sessionsSplitAtGapsAboveTheThreshold() {
        // gaps of user 0 in time order: 10, 1990, 5
        assertThat(small(1800).sessionLengths()).containsExactlyInAnyOrder(2, 2, 1);
        assertThat(small(0).sessionLengths()).containsExactlyInAnyOrder(1, 1, 1, 1, 1);
        assertThat(small(5000).sessionLengths()).containsExactlyInAnyOrder(4, 1);
    }

    @Test
    void countsDensityAndRatings() {
        InteractionProfile p = small(1800);
        assertThat(p.users()).isEqualTo(2);
        assertThat(p.items()).isEqualTo(2);
        assertThat(p.density()).isEqualTo(5 / 4.0);
        assertThat(p.activity()).containsExactly(4, 1);
        assertThat(p.popularity()).containsExactly(3, 2);
        assertThat(p.ratingCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(1f, 1L, 4f, 2L, 5f, 2L));
    }

    @Test
    void identicalDataHasZeroDistanceAndDisjointHasOne() {
        Map<String, Calibration.Row> same = rows(Calibration.compare(small(1800), small(1800)));
        same.values().stream().filter(r -> !Double.isNaN(r.ksDistance()))
                .forEach(r -> assertThat(r.ksDistance()).as(r.statistic()).isZero());
        assertThat(same.get("activity_gini").real()).isEqualTo(same.get("activity_gini").dataset());
        // every user of the second file is more active than any of the first: activity KS = 1
        InteractionProfile busy = InteractionProfile.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 3, 4, 5},
                new float[] {1, 1, 1, 1, 1, 1}, new long[] {0, 0, 0, 0, 0, 0}, 0);
        InteractionProfile idle = InteractionProfile.of(new int[] {0, 1, 2}, new int[] {0, 0, 0},
                new float[] {1, 1, 1}, new long[] {0, 0, 0}, 0);
        assertThat(Calibration.ks(new double[] {1}, new double[] {1, 2})).isNaN();
        Map<String, Calibration.Row> far = rows(Calibration.compare(idle, busy));
        assertThat(far.get("activity_mean").ksDistance()).isEqualTo(1.0);
        assertThat(far.get("activity_gini").real()).isZero(); // 1, 1, 1
        assertThat(far.get("popularity_gini").real()).isZero(); // one item
        assertThat(far.get("popularity_mean").ksDistance()).isNaN(); // one item: no distribution to compare
        assertThat(far.get("rating_share_1").dataset()).isEqualTo(1.0);
        assertThat(far.get("density").real()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void csvHasOneLinePerRowAndEmptyDistanceWhereThereIsNone() {
        List<Calibration.Row> rows = Calibration.compare(small(1800), small(0));
        String[] lines = Calibration.csv(rows).split("\n");
        assertThat(lines[0]).isEqualTo("statistic,real,dataset,ks_distance");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines[1]).isEqualTo("users,2.0,2.0,");
        assertThat(Calibration.table(rows)).contains("session_length_mean");
    }

    private static Map<String, Calibration.Row> rows(List<Calibration.Row> rows) {
        return rows.stream().collect(Collectors.toMap(Calibration.Row::statistic, Function.identity()));
    }
}
