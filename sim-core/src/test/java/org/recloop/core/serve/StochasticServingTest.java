package org.recloop.core.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The stochastic serving policies record the exact conditional probability of each draw: checked
 * against the frequencies of many seeded draws, and by the sum rule over the candidates.
 */
class StochasticServingTest {

    /** Four candidates, ranked; every user gets the same ranking, so every (user, tick) draw is one sample. */
    private static final float[] SCORES = {2.0f, 1.0f, 0.5f, 0.0f};
    private static final int[] ITEMS = {7, 3, 9, 1};
    private static final int USERS = 2_000;
    private static final int TICKS = 10;

    /** A recommender whose ranking is fixed: items 7, 3, 9, 1 with falling scores. */
    private static final class FixedRanking implements Recommender {
        @Override
        public void fit(Interactions all, TrainContext ctx) {}

        @Override
        public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            for (int s = from; s < to; s++) {
                for (int r = 0; r < Math.min(slates.k(), ITEMS.length); r++) {
                    slates.set(s, r, ITEMS[r], SCORES[r], 1f, SlateSource.RECOMMENDER);
                }
            }
        }

        @Override
        public int modelVersion() {
            return 1;
        }
    }

    /** Per first item, then per (first, second): how often it was drawn and the propensities recorded. */
    private record Tally(Map<String, Integer> counts, Map<String, Double> propensity, Map<Integer, Integer> firsts) {}

    private static Tally draw(ServingPolicy policy) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        RandomStreams streams = new RandomStreams(42);
        Tally t = new Tally(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (int tick = 0; tick < TICKS; tick++) {
            SlateBatch slates = new SlateBatch(users, 2);
            ServeContext ctx = new ServeContext(tick, 10, new ConsumptionHistory(USERS), streams);
            StochasticServing.serve(new FixedRanking(), policy, slates, 0, USERS, ctx);
            for (int s = 0; s < USERS; s++) {
                assertThat(slates.length(s)).isEqualTo(2);
                int a = slates.item(s, 0);
                int b = slates.item(s, 1);
                assertThat(a).isNotEqualTo(b);
                record(t, "" + a, slates.propensity(s, 0));
                record(t, a + ">" + b, slates.propensity(s, 1));
                t.firsts().merge(a, 1, Integer::sum);
            }
        }
        return t;
    }

    private static void record(Tally t, String key, float p) {
        t.counts().merge(key, 1, Integer::sum);
        Double before = t.propensity().put(key, (double) p);
        // the same draw in the same situation always records the same probability
        assertThat(before == null || Math.abs(before - p) < 1e-7).as(key).isTrue();
    }

    /**
     * Each recorded conditional propensity p is compared with the frequency of its draw among the
     * n draws made in the same situation (position 0: all; position 1: those with the same first
     * item). The frequency is binomial(n, p)/n with standard deviation sqrt(p(1-p)/n); 4.5 of
     * those bound the gap (two-sided 7e-6 per cell, under 2e-4 over the 16 cells, for a
     * fixed seed that either passes or fails for good).
     */
    private static void assertFrequenciesMatch(Tally t) {
        int total = USERS * TICKS;
        for (Map.Entry<String, Double> e : t.propensity().entrySet()) {
            String key = e.getKey();
            int n = key.contains(">") ? t.firsts().get(Integer.parseInt(key.substring(0, key.indexOf('>')))) : total;
            double p = e.getValue();
            double freq = (double) t.counts().get(key) / n;
            double sd = Math.sqrt(p * (1 - p) / n);
            assertThat(Math.abs(freq - p)).as("draw %s: frequency %s vs propensity %s over %d", key, freq, p, n)
                    .isLessThanOrEqualTo(4.5 * sd + 1e-9);
        }
    }

    /**
     * Sum rule: over the candidates open at a position, the conditional probabilities sum to 1.
     * Every candidate is drawn at least once in 20,000 slates here, so the recorded values cover them all.
     */
    private static void assertSumsToOne(Tally t) {
        double first = 0;
        Map<String, Double> second = new HashMap<>();
        for (Map.Entry<String, Double> e : t.propensity().entrySet()) {
            String key = e.getKey();
            if (key.contains(">")) {
                second.merge(key.substring(0, key.indexOf('>')), e.getValue(), Double::sum);
            } else {
                first += e.getValue();
            }
        }
        assertThat(first).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(second).hasSize(ITEMS.length);
        for (double sum : second.values()) {
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void plackettLucePropensitiesMatchTheDrawsAndSumToOne() {
        ServingPolicy pl = ServingPolicy.of("plackett-luce", 1.0, null, 4, null);
        Tally t = draw(pl);
        assertThat(t.propensity()).hasSize(4 + 4 * 3);
        // position 0 is softmax(scores): item 7 with e^2 / (e^2 + e + e^0.5 + 1)
        double z = Math.exp(2) + Math.exp(1) + Math.exp(0.5) + 1;
        assertThat(t.propensity().get("7")).isCloseTo(Math.exp(2) / z, org.assertj.core.data.Offset.offset(1e-6));
        assertFrequenciesMatch(t);
        assertSumsToOne(t);
    }

    @Test
    void epsilonPropensitiesMatchTheDrawsAndSumToOne() {
        ServingPolicy eps = ServingPolicy.of("epsilon", null, 0.3, 4, null);
        Tally t = draw(eps);
        // the best candidate: (1 - eps) + eps / 4; the others eps / 4
        assertThat(t.propensity().get("7")).isCloseTo(0.7 + 0.3 / 4, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(t.propensity().get("3")).isCloseTo(0.3 / 4, org.assertj.core.data.Offset.offset(1e-6));
        // after a non-best first draw, the best is still open: (1 - eps) + eps / 3
        assertThat(t.propensity().get("3>7")).isCloseTo(0.7 + 0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertFrequenciesMatch(t);
        assertSumsToOne(t);
    }

    @Test
    void slatesDependOnlyOnUserAndTickNotOnTheChunk() {
        ServingPolicy pl = ServingPolicy.of("plackett-luce", 0.5, null, 4, null);
        int[] users = {5, 11, 12, 40};
        RandomStreams streams = new RandomStreams(3);
        ServeContext ctx = new ServeContext(7, 10, new ConsumptionHistory(41), streams);
        SlateBatch whole = new SlateBatch(users, 3);
        StochasticServing.serve(new FixedRanking(), pl, whole, 0, 4, ctx);
        SlateBatch split = new SlateBatch(users, 3);
        StochasticServing.serve(new FixedRanking(), pl, split, 0, 1, ctx);
        StochasticServing.serve(new FixedRanking(), pl, split, 1, 4, ctx);
        for (int s = 0; s < 4; s++) {
            for (int r = 0; r < 3; r++) {
                assertThat(split.item(s, r)).isEqualTo(whole.item(s, r));
                assertThat(split.propensity(s, r)).isEqualTo(whole.propensity(s, r));
            }
        }
    }
}
