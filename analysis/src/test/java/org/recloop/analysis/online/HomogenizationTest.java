package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.World;

class HomogenizationTest {

    private static final RandomStreams STREAMS = new RandomStreams(123);

    private static ConsumptionHistory history(int[]... sets) {
        ConsumptionHistory h = new ConsumptionHistory(sets.length);
        for (int u = 0; u < sets.length; u++) {
            for (int item : sets[u]) {
                h.add(u, item);
            }
        }
        return h;
    }

    private static Homogenization metric() {
        return new Homogenization(Homogenization.Params.defaults());
    }

    @Test
    void exactMeanOverPairsOfUsersWithHistoryExcludesEmptyUsers() {
        // u0 {1,2,3}, u1 {2,3,4}, u2 {} (excluded), u3 {3,5}
        // J(0,1) = |{2,3}| / |{1,2,3,4}| = 2/4; J(0,3) = |{3}| / |{1,2,3,5}| = 1/4;
        // J(1,3) = |{3}| / |{2,3,4,5}| = 1/4; mean = (0.5 + 0.25 + 0.25) / 3 = 1/3.
        // (Counting u2 would add three zero pairs: 1.0 / 6.)
        ConsumptionHistory h = history(new int[] {1, 2, 3}, new int[] {2, 3, 4}, new int[0], new int[] {3, 5});
        assertThat(metric().compute(h, STREAMS, 0)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void exactMeanOnFourUsers() {
        // u0 {0,1}, u1 {0,1}, u2 {1,2}, u3 {7}
        // J01 = 1, J02 = 1/3, J03 = 0, J12 = 1/3, J13 = 0, J23 = 0 -> (1 + 2/3) / 6 = 5/18
        ConsumptionHistory h = history(new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 2}, new int[] {7});
        assertThat(metric().compute(h, STREAMS, 5)).isCloseTo(5.0 / 18, within(1e-12));
    }

    @Test
    void identicalHistoriesGiveOne() {
        ConsumptionHistory h = history(new int[] {4, 9}, new int[] {9, 4}, new int[] {4, 9});
        assertThat(metric().compute(h, STREAMS, 0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fewerThanTwoEligibleUsersGiveZero() {
        assertThat(metric().compute(history(new int[0], new int[0], new int[0]), STREAMS, 0)).isEqualTo(0.0);
        assertThat(metric().compute(history(new int[] {1, 2}, new int[0], new int[0]), STREAMS, 0)).isEqualTo(0.0);
    }

    @Test
    void exactUpToIsInclusive() {
        // 3 eligible users and exactUpTo = 3 must use all pairs. With samplePairs = 1 the sampled
        // path would return a single pair's Jaccard (0.5 or 0.25), never their mean 1/3.
        ConsumptionHistory h = history(new int[] {1, 2, 3}, new int[] {2, 3, 4}, new int[0], new int[] {3, 5});
        double exact = new Homogenization(new Homogenization.Params(3, 1)).compute(h, STREAMS, 0);
        assertThat(exact).isEqualTo(metric().compute(h, STREAMS, 0));
        assertThat(exact).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void observeReadsTheWorldsHistory() {
        World w = Views.world(4, 8);
        int[][] sets = {{1, 2, 3}, {2, 3, 4}, {}, {3, 5}};
        for (int u = 0; u < sets.length; u++) {
            for (int item : sets[u]) {
                w.history().add(u, item);
            }
        }
        Homogenization m = metric();
        assertThat(m.names()).containsExactly("homogenization");
        Map<String, Double> out = new HashMap<>();
        m.observe(Views.view(2, w, Views.slates(1, new int[] {0}), new EventBuffer(), new long[8], new long[8]), out);
        assertThat(out.get("homogenization")).isCloseTo(1.0 / 3, within(1e-12));
    }

    // ------------------------------------------------------------------ sampled path

    /**
     * 400 users in three taste clusters over 30 items (10 per cluster), each consuming 4..10
     * items, 70% from its own cluster: pair similarities range from 0 to well above 0.5, so the
     * mean is far from the bounds and has a real spread. One user in 40 has no history.
     */
    private static ConsumptionHistory clustered(int users) {
        Random gen = new Random(2024);
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int u = 0; u < users; u++) {
            if (u % 40 == 39) {
                continue;
            }
            int c = u % 3;
            int n = 4 + gen.nextInt(7);
            for (int i = 0; i < n; i++) {
                int item = gen.nextDouble() < 0.7 ? c * 10 + gen.nextInt(10) : gen.nextInt(30);
                h.add(u, item);
            }
        }
        return h;
    }

    /** All-pairs Jaccard over users with history, computed independently of the metric: {mean, sd}. */
    private static double[] allPairs(ConsumptionHistory h) {
        int users = h.users();
        BitSet[] sets = new BitSet[users];
        int m = 0;
        for (int u = 0; u < users; u++) {
            if (h.size(u) > 0) {
                BitSet b = new BitSet();
                for (int item : h.itemsOf(u)) {
                    b.set(item);
                }
                sets[m++] = b;
            }
        }
        double sum = 0;
        double sq = 0;
        long pairs = 0;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                BitSet inter = (BitSet) sets[a].clone();
                inter.and(sets[b]);
                BitSet union = (BitSet) sets[a].clone();
                union.or(sets[b]);
                double j = (double) inter.cardinality() / union.cardinality();
                sum += j;
                sq += j * j;
                pairs++;
            }
        }
        double mean = sum / pairs;
        return new double[] {mean, Math.sqrt(sq / pairs - mean * mean)};
    }

    @Test
    void sampledEstimateIsCloseToTheAllPairsMean() {
        ConsumptionHistory h = clustered(400); // 390 eligible > exactUpTo 300 -> sampled
        double[] truth = allPairs(h);
        int samples = 20_000;
        Homogenization m = new Homogenization(new Homogenization.Params(300, samples));
        double estimate = m.compute(h, STREAMS, 9);
        // Each sampled pair is uniform over the distinct pairs, drawn with replacement, so the
        // estimate's standard error is sd/sqrt(samples) with sd the all-pairs standard deviation;
        // allow 4 of them (fixed seed).
        double tol = 4 * truth[1] / Math.sqrt(samples);
        assertThat(truth[0]).as("sanity: a mean away from 0 and 1").isBetween(0.1, 0.5);
        assertThat(estimate).isCloseTo(truth[0], within(tol));
        // with all users under exactUpTo the metric returns the exact mean
        assertThat(new Homogenization(new Homogenization.Params(400, samples)).compute(h, STREAMS, 9))
                .isCloseTo(truth[0], within(1e-9));
    }

    @Test
    void sampledEstimateIsDeterministicPerTickAndVariesAcrossTicks() {
        ConsumptionHistory h = clustered(100);
        Homogenization m = new Homogenization(new Homogenization.Params(10, 200));
        double a = m.compute(h, new RandomStreams(5), 3);
        assertThat(m.compute(h, new RandomStreams(5), 3)).isEqualTo(a);
        // 200 pairs out of ~4,800: another tick's sample gives another estimate
        assertThat(m.compute(h, new RandomStreams(5), 4)).isNotEqualTo(a);
        assertThat(m.compute(h, new RandomStreams(6), 3)).isNotEqualTo(a);
    }

    @Test
    void paramsValidation() {
        assertThat(Homogenization.Params.defaults().exactUpTo()).isEqualTo(300);
        assertThat(Homogenization.Params.defaults().samplePairs()).isEqualTo(20_000);
        assertThatThrownBy(() -> new Homogenization.Params(0, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("exactUpTo");
        assertThatThrownBy(() -> new Homogenization.Params(null, -5))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("samplePairs");
    }
}
