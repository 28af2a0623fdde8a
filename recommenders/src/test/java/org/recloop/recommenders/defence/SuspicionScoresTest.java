package org.recloop.recommenders.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.capability.DetectionBoard;
import org.recloop.core.capability.DetectionReport;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.baseline.MostPopularRecommender;

/**
 * A hand-made log: 40 real users who each click a few distinct popular items now and then from
 * tick 0, and 4 fake accounts that join at tick 6 and click 3 times every tick, mostly the same
 * two targets, with one random-looking filler item each tick.
 */
class SuspicionScoresTest {

    static final int REAL = 40;
    static final int FAKE = 4;
    static final int ITEMS = 100;
    static final int[] TARGETS = {90, 91};

    static Interactions log() {
        List<int[]> rows = new ArrayList<>(); // user, item, tick
        for (int u = 0; u < REAL; u++) {
            // 1 to 3 clicks on distinct items among the 20 popular ones, on ticks spread over 0..9
            int n = 1 + u % 3;
            for (int c = 0; c < n; c++) {
                rows.add(new int[] {u, (u * 7 + c * 3) % 20, (u + 4 * c) % 10});
            }
        }
        for (int f = 0; f < FAKE; f++) {
            int u = REAL + f;
            for (int t = 6; t < 10; t++) {
                rows.add(new int[] {u, TARGETS[0], t});
                rows.add(new int[] {u, TARGETS[1], t});
                rows.add(new int[] {u, 30 + (f * 13 + t * 7) % 60, t});
            }
        }
        rows.sort((a, b) -> a[2] != b[2] ? Integer.compare(a[2], b[2]) : Integer.compare(a[0], b[0]));
        int n = rows.size();
        int[] us = new int[n];
        int[] is = new int[n];
        int[] ts = new int[n];
        float[] vs = new float[n];
        for (int r = 0; r < n; r++) {
            us[r] = rows.get(r)[0];
            is[r] = rows.get(r)[1];
            ts[r] = rows.get(r)[2];
            vs[r] = 1f;
        }
        return new Interactions(us, is, ts, vs, REAL + FAKE + 1, ITEMS);
    }

    @Test
    void burstyRepetitiveNewAccountsScoreAboveEveryRealUser() {
        SuspicionScores s = SuspicionScores.of(log());
        float maxReal = 0;
        for (int u = 0; u < REAL; u++) {
            assertThat(s.score(u)).isBetween(0f, 1f);
            maxReal = Math.max(maxReal, s.score(u));
        }
        for (int u = REAL; u < REAL + FAKE; u++) {
            assertThat(s.score(u)).as("fake %d", u).isGreaterThan(maxReal).isGreaterThan(0.8f).isLessThanOrEqualTo(1f);
        }
        assertThat(maxReal).isLessThanOrEqualTo(0.8f);
        // the last user never clicked: not scored, score 0
        assertThat(s.scored().get(REAL + FAKE)).isFalse();
        assertThat(s.score(REAL + FAKE)).isZero();
    }

    @Test
    void scoresAreAFunctionOfTheLogOnly() {
        SuspicionScores a = SuspicionScores.of(log());
        SuspicionScores b = SuspicionScores.of(log());
        for (int u = 0; u < REAL + FAKE + 1; u++) {
            assertThat(a.score(u)).isEqualTo(b.score(u));
        }
        assertThat(SuspicionScores.of(Interactions.empty(3, 5)).scored().isEmpty()).isTrue();
    }

    @Test
    void detectFlagsTheFakesPostsThemAndFitsTheBaseWithoutThem() {
        DetectionBoard board = new DetectionBoard();
        MostPopularRecommender base = new MostPopularRecommender(new MostPopularRecommender.Params(null));
        DetectingRecommender d = new DetectingRecommender(base, 0.8, new RunCapabilities().grant(DetectionBoard.class, board));
        d.fit(log(), new TrainContext(10, new RandomStreams(1), null, 1));
        DetectionReport report = board.latest().orElseThrow();
        assertThat(report.tick()).isEqualTo(10);
        assertThat(report.flagged().stream().toArray()).containsExactly(40, 41, 42, 43);
        assertThat(report.scored().cardinality()).isEqualTo(REAL + FAKE);
        assertThat(d.flagged()).isEqualTo(report.flagged());
    }

    @Test
    void robustWeighsFakesDownAndThinsTheirClicks() {
        RobustRecommender r = new RobustRecommender(new MostPopularRecommender(new MostPopularRecommender.Params(null)), 2);
        TrainContext ctx = new TrainContext(10, new RandomStreams(1), null, 1);
        Interactions kept = r.screenForFit(log(), ctx);
        for (int f = REAL; f < REAL + FAKE; f++) {
            assertThat(r.weight(f)).isLessThan(0.2);
            for (int u = 0; u < REAL; u++) {
                assertThat(r.weight(f)).isLessThan(r.weight(u));
            }
        }
        // the median account keeps everything
        long full = java.util.stream.IntStream.range(0, REAL).filter(u -> r.weight(u) == 1.0).count();
        assertThat(full).isGreaterThanOrEqualTo(REAL / 2);
        long fakeRows = java.util.Arrays.stream(kept.users()).filter(u -> u >= REAL).count();
        assertThat(fakeRows).isLessThan(FAKE * 12 / 3);
        // the same context keeps the same rows
        assertThat(r.screenForFit(log(), ctx).users()).isEqualTo(kept.users());
    }
}
