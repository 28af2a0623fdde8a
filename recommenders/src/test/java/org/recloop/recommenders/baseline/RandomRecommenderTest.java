package org.recloop.recommenders.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

class RandomRecommenderTest {

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** User u has consumed u % 7 random items of the catalog (fixed generator). */
    private static ConsumptionHistory history(int users, int items) {
        Random gen = new Random(31);
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < u % 7; c++) {
                h.add(u, gen.nextInt(items));
            }
        }
        return h;
    }

    private static SlateBatch serve(int[] users, int k, int from, int to, ServeContext ctx) {
        SlateBatch b = new SlateBatch(users, k);
        new RandomRecommender().recommend(b, from, to, ctx);
        return b;
    }

    private static int[] slate(SlateBatch b, int s) {
        int[] a = new int[b.length(s)];
        for (int r = 0; r < a.length; r++) {
            a[r] = b.item(s, r);
        }
        return a;
    }

    /** Checks the recommender contract on every slate; both sampling branches are exercised by the callers. */
    private static void assertValidSlates(SlateBatch b, int k, ServeContext ctx) {
        for (int s = 0; s < b.size(); s++) {
            int u = b.user(s);
            int candidates = ctx.numItems() - ctx.consumed().size(u);
            int expectedLength = Math.min(k, candidates);
            assertThat(b.length(s)).as("length of slate %d", s).isEqualTo(expectedLength);
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < b.length(s); r++) {
                int item = b.item(s, r);
                assertThat(item).isBetween(0, ctx.numItems() - 1);
                assertThat(seen.add(item)).as("item %d repeated on slate %d", item, s).isTrue();
                assertThat(ctx.consumed().contains(u, item)).as("consumed item %d on slate %d", item, s).isFalse();
                assertThat(b.propensity(s, r)).isCloseTo((float) expectedLength / candidates, within(1e-7f));
                assertThat(b.source(s, r)).isEqualTo(SlateSource.RECOMMENDER.code());
            }
            for (int r = b.length(s); r < k; r++) {
                assertThat(b.item(s, r)).isEqualTo(-1);
            }
        }
    }

    @Test
    void manyCandidatesGiveKDistinctUnconsumedItemsWithPropensityKOverCandidates() {
        // 100 items, k = 5: at least 94 candidates > 4k, the rejection-sampling branch
        int users = 60;
        ConsumptionHistory h = history(users, 100);
        ServeContext ctx = new ServeContext(3, 100, h, new RandomStreams(8));
        SlateBatch b = serve(range(users), 5, 0, users, ctx);
        assertValidSlates(b, 5, ctx);
        assertThat(b.exposures()).isEqualTo(5L * users);
    }

    @Test
    void fewCandidatesGiveKDistinctUnconsumedItemsWithPropensityKOverCandidates() {
        // 16 items, k = 4: at most 16 candidates <= 4k, the Fisher-Yates branch
        int users = 60;
        ConsumptionHistory h = history(users, 16);
        ServeContext ctx = new ServeContext(3, 16, h, new RandomStreams(8));
        SlateBatch b = serve(range(users), 4, 0, users, ctx);
        assertValidSlates(b, 4, ctx);
    }

    @Test
    void fewerCandidatesThanKGiveAllRemainingItems() {
        ConsumptionHistory h = new ConsumptionHistory(3);
        for (int item : new int[] {0, 2, 5}) {
            h.add(0, item); // user 0: candidates {1, 3, 4}
        }
        for (int item = 0; item < 6; item++) {
            h.add(1, item); // user 1: nothing left
        }
        ServeContext ctx = new ServeContext(0, 6, h, new RandomStreams(4));
        SlateBatch b = serve(new int[] {0, 1, 2}, 5, 0, 3, ctx);
        assertThat(slate(b, 0)).containsExactlyInAnyOrder(1, 3, 4);
        for (int r = 0; r < 3; r++) {
            assertThat(b.propensity(0, r)).as("shown for sure").isEqualTo(1f);
        }
        assertThat(b.length(1)).isZero();
        assertThat(b.length(2)).isEqualTo(5);
        assertThat(b.propensity(2, 0)).isCloseTo(5f / 6, within(1e-7f));
        assertValidSlates(b, 5, ctx);
    }

    @Test
    void slateDependsOnlyOnSeedUserAndTick() {
        int users = 40;
        ConsumptionHistory h = history(users, 200);
        ServeContext ctx = new ServeContext(7, 200, h, new RandomStreams(77));
        SlateBatch all = serve(range(users), 6, 0, users, ctx);
        // the same users in another batch, in reverse order and without users 0..9
        int[] others = new int[users - 10];
        for (int i = 0; i < others.length; i++) {
            others[i] = users - 1 - i;
        }
        SlateBatch reordered = serve(others, 6, 0, others.length, ctx);
        for (int i = 0; i < others.length; i++) {
            assertThat(slate(reordered, i)).as("user %d", others[i]).containsExactly(slate(all, others[i]));
        }
        // a fresh stream object with the same seed gives the same slates
        SlateBatch again = serve(range(users), 6, 0, users, new ServeContext(7, 200, h, new RandomStreams(77)));
        for (int s = 0; s < users; s++) {
            assertThat(slate(again, s)).containsExactly(slate(all, s));
        }
        // another tick or another seed changes the slates (of 40 users, at least one differs)
        SlateBatch nextTick = serve(range(users), 6, 0, users, new ServeContext(8, 200, h, new RandomStreams(77)));
        SlateBatch otherSeed = serve(range(users), 6, 0, users, new ServeContext(7, 200, h, new RandomStreams(78)));
        int tickDiffers = 0;
        int seedDiffers = 0;
        for (int s = 0; s < users; s++) {
            tickDiffers += java.util.Arrays.equals(slate(nextTick, s), slate(all, s)) ? 0 : 1;
            seedDiffers += java.util.Arrays.equals(slate(otherSeed, s), slate(all, s)) ? 0 : 1;
        }
        // with 200 items a repeated 6-item slate has probability < 1e-13 per user
        assertThat(tickDiffers).isEqualTo(users);
        assertThat(seedDiffers).isEqualTo(users);
    }

    @Test
    void splittingTheRangeGivesTheSameSlates() {
        for (int items : new int[] {12, 300}) { // both sampling branches for k = 5
            int users = 50;
            ConsumptionHistory h = history(users, items);
            ServeContext ctx = new ServeContext(2, items, h, new RandomStreams(5));
            SlateBatch whole = serve(range(users), 5, 0, users, ctx);
            SlateBatch parts = new SlateBatch(range(users), 5);
            RandomRecommender rec = new RandomRecommender();
            rec.recommend(parts, 23, users, ctx); // second part first
            rec.recommend(parts, 0, 23, ctx);
            for (int s = 0; s < users; s++) {
                assertThat(slate(parts, s)).as("items %d, slate %d", items, s).containsExactly(slate(whole, s));
                for (int r = 0; r < parts.length(s); r++) {
                    assertThat(parts.propensity(s, r)).isEqualTo(whole.propensity(s, r));
                }
            }
        }
    }

    @Test
    void recommendTouchesOnlyItsRange() {
        ConsumptionHistory h = new ConsumptionHistory(10);
        ServeContext ctx = new ServeContext(0, 50, h, new RandomStreams(1));
        SlateBatch b = serve(range(10), 3, 4, 7, ctx);
        for (int s = 0; s < 10; s++) {
            assertThat(b.length(s)).as("slate %d", s).isEqualTo(s >= 4 && s < 7 ? 3 : 0);
        }
    }

    /**
     * The propensity must be the real inclusion probability: over 4,000 ticks every candidate is
     * shown with frequency k / candidates. Each frequency is a binomial proportion over 4,000
     * independent (user, tick) streams; 4 standard errors sqrt(p(1-p)/n) bound the noise.
     */
    @Test
    void propensityIsTheEmpiricalInclusionFrequency() {
        int ticks = 4000;
        int k = 5;
        // 30 items with 5 consumed -> 25 candidates (> 4k, rejection branch), p = 0.2;
        // 12 items with 2 consumed -> 10 candidates (Fisher-Yates branch), p = 0.5
        for (int[] setup : new int[][] {{30, 5}, {12, 2}}) {
            int items = setup[0];
            ConsumptionHistory h = new ConsumptionHistory(1);
            for (int c = 0; c < setup[1]; c++) {
                h.add(0, 3 * c);
            }
            int candidates = items - setup[1];
            double p = (double) k / candidates;
            int[] shown = new int[items];
            RandomStreams streams = new RandomStreams(2718);
            for (int t = 0; t < ticks; t++) {
                SlateBatch b = serve(new int[] {0}, k, 0, 1, new ServeContext(t, items, h, streams));
                assertThat(b.propensity(0, 0)).isCloseTo((float) p, within(1e-7f));
                for (int r = 0; r < b.length(0); r++) {
                    shown[b.item(0, r)]++;
                }
            }
            double tol = 4 * Math.sqrt(p * (1 - p) / ticks);
            for (int item = 0; item < items; item++) {
                if (h.contains(0, item)) {
                    assertThat(shown[item]).isZero();
                } else {
                    assertThat((double) shown[item] / ticks).as("items %d, item %d", items, item)
                            .isCloseTo(p, within(tol));
                }
            }
        }
    }

    @Test
    void fitLearnsNothing() {
        RandomRecommender rec = new RandomRecommender(new RandomRecommender.Params());
        ConsumptionHistory h = new ConsumptionHistory(5);
        ServeContext ctx = new ServeContext(1, 40, h, new RandomStreams(3));
        SlateBatch before = serve(range(5), 4, 0, 5, ctx);
        rec.fit(new Interactions(new int[] {0, 1}, new int[] {2, 2}, new int[] {0, 0}, new float[] {1, 1}, 5, 40),
                new TrainContext(0, new RandomStreams(3), null, 1));
        SlateBatch after = new SlateBatch(range(5), 4);
        rec.recommend(after, 0, 5, ctx);
        for (int s = 0; s < 5; s++) {
            assertThat(slate(after, s)).containsExactly(slate(before, s));
        }
        assertThat(rec.modelVersion()).isZero();
    }
}
