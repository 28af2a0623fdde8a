package org.recloop.recommenders.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.recommenders.bandit.EpsilonGreedyRecommenderTest.clicks;
import static org.recloop.recommenders.bandit.EpsilonGreedyRecommenderTest.shown;
import static org.recloop.recommenders.bandit.LinUcbRecommenderTest.handCatalog;
import static org.recloop.recommenders.bandit.LinUcbRecommenderTest.serve;
import static org.recloop.recommenders.bandit.LinUcbRecommenderTest.train;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.baseline.RandomRecommender;

class ThompsonSamplingRecommenderTest {

    private static ThompsonSamplingRecommender rec(double v, double lambda) {
        return new ThompsonSamplingRecommender(new ThompsonSamplingRecommender.Params(v, lambda));
    }

    /**
     * The hand example of {@link LinUcbRecommenderTest}: after user 0 is shown item 2 (clicked) and
     * item 0, θ̂ = [0, 1/5.25]. With v = 0 no noise is added: greedy on θ̂ᵀx = 0.190476·f for both
     * user 0 (x = [f, f], first coordinate of θ̂ is 0) and user 1 (x = [0, f]).
     */
    @Test
    void withoutNoiseItIsGreedyOnTheRidgeEstimateByHand() {
        ThompsonSamplingRecommender r = rec(0, 4);
        Catalog c = handCatalog();
        SlateBatch before = serve(r, 0, 4, c, 0, new ConsumptionHistory(2));
        assertThat(SyntheticLoop.slate(before, 0)).as("θ̂ = 0: all tie, by id").containsExactly(0, 1, 2, 3);
        r.observe(shown(2, new int[] {2, 0}), clicks(2, 4, 0, 2), train(c));
        assertThat(r.theta(1)).containsExactly(new double[] {0, 1 / 5.25}, within(1e-12));
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(0, 2);
        SlateBatch u0 = serve(r, 0, 4, c, 1, h);
        assertThat(SyntheticLoop.slate(u0, 0)).containsExactly(3, 0, 1);
        assertThat(u0.score(0, 0)).isCloseTo((float) (2 / 5.25), within(1e-6f));
        SlateBatch u1 = serve(r, 1, 4, c, 1, new ConsumptionHistory(2));
        assertThat(SyntheticLoop.slate(u1, 0)).containsExactly(3, 2, 0, 1);
        assertThat(r.modelVersion()).isEqualTo(1);
    }

    /**
     * The sampled score has the posterior's distribution. One item with f = 1, so the written
     * score is θ̃ᵀx. Prior (λ = 4, v = 0.5): θ̃ ~ N(0, 0.25/4 I), a cold user's score θ̃₂ ~ N(0,
     * 0.0625). After the hand observation (A = diag(4, 5.25)), user 0 (p = 1, x = [1, 1]) scores
     * θ̃₁ + θ̃₂ ~ N(1/5.25, 0.25·(1/4 + 1/5.25) = 0.110119). Over 4,000 ticks the sample mean is
     * within 4 standard errors σ/√n and the sample variance within 4 of its standard errors
     * σ²·√(2/(n-1)).
     */
    @Test
    void sampledScoresFollowThePosterior() {
        Catalog one = new Catalog(1, 1);
        one.add(new float[] {1f}, -1, -1, 0.5f, 0f, 0);
        ThompsonSamplingRecommender r = rec(0.5, 4);
        checkMoments(r, one, 0, 0.0, 0.0625);
        Catalog c = handCatalog();
        r.observe(shown(2, new int[] {2, 0}), clicks(2, 4, 0, 2), train(c));
        checkMoments(r, one, 0, 1 / 5.25, 0.25 * (0.25 + 1 / 5.25));
        checkMoments(r, one, 1, 1 / 5.25, 0.25 / 5.25);
    }

    private static void checkMoments(ThompsonSamplingRecommender r, Catalog one, int user, double mean, double var) {
        int n = 4000;
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            SlateBatch b = new SlateBatch(new int[] {user}, 1);
            r.recommend(b, 0, 1, new ServeContext(t, 1, new ConsumptionHistory(2), new RandomStreams(17), one));
            s[t] = b.score(0, 0);
        }
        double m = Arrays.stream(s).average().orElseThrow();
        double v = Arrays.stream(s).map(x -> (x - m) * (x - m)).sum() / (n - 1);
        assertThat(m).as("mean, user %d", user).isCloseTo(mean, within(4 * Math.sqrt(var / n)));
        assertThat(v).as("variance, user %d", user).isCloseTo(var, within(4 * var * Math.sqrt(2.0 / (n - 1))));
    }

    /**
     * On the {@link SyntheticLoop} world, 50 rounds of 40 users x 5 slots summed over three seeds:
     * Thompson sampling must collect at least 25 % more clicks than random slates. It uses the
     * same model as LinUCB but explores by posterior draws, which in this short horizon waste
     * fewer slots than LinUCB's bonus at α = 1: over 30 single seeds it got 1.48x random's clicks
     * on average and never less than 1.33x; summing three seeds, 1.25x is several standard
     * deviations of the ratio below that. (With these seeds: 3,331 clicks against random's
     * 2,393, 1.39x.)
     */
    @Test
    void beatsRandomSlatesInTheLoop() {
        long bandit = 0;
        long random = 0;
        for (long seed : new long[] {101, 202, 303}) {
            bandit += SyntheticLoop.standard(seed).run(rec(0.5, 1), 50, false).clicks();
            random += SyntheticLoop.standard(seed).run(new RandomRecommender(), 50, false).clicks();
        }
        assertThat((double) bandit / random).isGreaterThan(1.25);
    }

    @Test
    void sameSeedSameSlatesAndRangeSplitDoesNotMatter() {
        SyntheticLoop.Result a = SyntheticLoop.standard(9).run(rec(0.5, 1), 20, true);
        SyntheticLoop.Result b = SyntheticLoop.standard(9).run(rec(0.5, 1), 20, true);
        for (int t = 0; t < 20; t++) {
            assertThat(b.slates().get(t)).as("round %d", t).containsExactly(a.slates().get(t));
        }
        // the draw is per (user, tick): another tick gives another slate for the same model
        ThompsonSamplingRecommender r = rec(0.5, 1);
        SyntheticLoop env = SyntheticLoop.standard(9);
        ConsumptionHistory h = new ConsumptionHistory(env.users);
        SlateBatch t1 = new SlateBatch(env.allUsers(), 5);
        r.recommend(t1, 0, env.users, new ServeContext(1, env.items, h, env.streams, env.catalog));
        SlateBatch t2 = new SlateBatch(env.allUsers(), 5);
        r.recommend(t2, 0, env.users, new ServeContext(2, env.items, h, env.streams, env.catalog));
        assertThat(SyntheticLoop.flat(t1)).isNotEqualTo(SyntheticLoop.flat(t2));
    }

    @Test
    void consumedExcludedAtMostKAndOnlyServingCatalogIds() {
        ThompsonSamplingRecommender r = rec(0.5, 1);
        SyntheticLoop env = SyntheticLoop.standard(3);
        env.run(r, 5, false);
        ConsumptionHistory h = new ConsumptionHistory(env.users);
        for (int i = 0; i < 100; i++) {
            h.add(0, i);
        }
        for (int i = 3; i < 150; i++) {
            h.add(2, i); // user 2: items 0, 1, 2 are left, 3 < k
        }
        ServeContext ctx = new ServeContext(5, 130, h, env.streams, env.catalog);
        SlateBatch b = new SlateBatch(env.allUsers(), 10);
        r.recommend(b, 0, env.users, ctx);
        SyntheticLoop.assertValidSlates(b, ctx);
        assertThat(SyntheticLoop.slate(b, 2)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void paramsDefaultAndValidate() {
        assertThat(ThompsonSamplingRecommender.Params.defaults().v()).isEqualTo(0.5);
        assertThat(ThompsonSamplingRecommender.Params.defaults().lambda()).isEqualTo(1.0);
        assertThatThrownBy(() -> new ThompsonSamplingRecommender.Params(-0.5, null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new ThompsonSamplingRecommender.Params(null, -1.0))
                .isInstanceOf(InvalidParameterException.class);
    }
}
