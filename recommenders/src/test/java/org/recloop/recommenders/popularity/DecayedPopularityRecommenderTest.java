package org.recloop.recommenders.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.bandit.SyntheticLoop;
import org.recloop.recommenders.baseline.MostPopularRecommender;

class DecayedPopularityRecommenderTest {

    private static final int USERS = 4;

    private static TrainContext train(int tick) {
        return new TrainContext(tick, new RandomStreams(1), null, 1);
    }

    /** Clicks as (item, tick) pairs, all by user 0. */
    private static Interactions clicks(int numItems, int... itemTick) {
        int n = itemTick.length / 2;
        int[] items = new int[n];
        int[] ticks = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            items[r] = itemTick[2 * r];
            ticks[r] = itemTick[2 * r + 1];
            v[r] = 1f;
        }
        return new Interactions(new int[n], items, ticks, v, USERS, numItems);
    }

    private static DecayedPopularityRecommender rec(double halfLife) {
        return new DecayedPopularityRecommender(new DecayedPopularityRecommender.Params(halfLife));
    }

    private static SlateBatch serve(DecayedPopularityRecommender r, int user, int k, int numItems, int tick,
            ConsumptionHistory h) {
        SlateBatch b = new SlateBatch(new int[] {user}, k);
        r.recommend(b, 0, 1, new ServeContext(tick, numItems, h, new RandomStreams(1)));
        return b;
    }

    private static float[] scores(SlateBatch b) {
        float[] a = new float[b.length(0)];
        for (int r = 0; r < a.length; r++) {
            a[r] = b.score(0, r);
        }
        return a;
    }

    /**
     * Half-life 2, fit at tick 4 on: item 0 clicked once at tick 0, item 1 once at tick 4, item 2
     * twice at tick 2. By hand at tick 4: item 0 = 0.5^(4/2) = 0.25, item 1 = 0.5^0 = 1, item 2 =
     * 2·0.5^(2/2) = 1 (a tie with item 1, which wins by id); items 3 and 4 have 0. Two ticks
     * later every score halves.
     */
    @Test
    void scoresAreDecayedClickCountsComputedByHand() {
        DecayedPopularityRecommender r = rec(2);
        r.fit(clicks(5, 0, 0, 1, 4, 2, 2, 2, 2), train(4));
        SlateBatch now = serve(r, 0, 5, 5, 4, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(now, 0)).containsExactly(1, 2, 0, 3, 4);
        assertThat(scores(now)).containsExactly(1f, 1f, 0.25f, 0f, 0f);
        SlateBatch later = serve(r, 0, 5, 5, 6, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(later, 0)).containsExactly(1, 2, 0, 3, 4);
        assertThat(scores(later)).containsExactly(0.5f, 0.5f, 0.125f, 0f, 0f);
        assertThat(r.score(2, 6)).isEqualTo(0.5);
        assertThat(r.modelVersion()).isEqualTo(1);
    }

    /**
     * Continuing the hand example: update at tick 6 with two clicks on item 0 (tick 6) gives item
     * 0 = 0.125 + 2 = 2.125, items 1 and 2 = 0.5; the incremental model equals a fit on the whole
     * log at tick 6.
     */
    @Test
    void updateDecaysThenAddsAndMatchesARefit() {
        DecayedPopularityRecommender r = rec(2);
        r.fit(clicks(5, 0, 0, 1, 4, 2, 2, 2, 2), train(4));
        r.update(clicks(5, 0, 6, 0, 6), train(6));
        SlateBatch b = serve(r, 0, 3, 5, 6, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(b, 0)).containsExactly(0, 1, 2);
        assertThat(scores(b)).containsExactly(2.125f, 0.5f, 0.5f);
        assertThat(r.modelVersion()).as("update is not a fit").isEqualTo(1);

        DecayedPopularityRecommender refit = rec(2);
        refit.fit(clicks(5, 0, 0, 1, 4, 2, 2, 2, 2, 0, 6, 0, 6), train(6));
        for (int item = 0; item < 5; item++) {
            for (int tick : new int[] {6, 9, 30}) {
                assertThat(r.score(item, tick)).isCloseTo(refit.score(item, tick), within(1e-12));
            }
        }
        // a fit starts from scratch: earlier clicks do not linger
        r.fit(clicks(5, 4, 6), train(6));
        assertThat(SyntheticLoop.slate(serve(r, 0, 5, 5, 6, new ConsumptionHistory(USERS)), 0))
                .containsExactly(4, 0, 1, 2, 3);
        assertThat(r.modelVersion()).isEqualTo(2);
    }

    /** Default half-life 10 at tick 30: 8 clicks at tick 0 weigh 8·0.5^3 = 1, 2 clicks at tick 28 weigh 2·0.5^0.2 ≈ 1.74. */
    @Test
    void recentClicksOutweighOlderOnes() {
        DecayedPopularityRecommender r = new DecayedPopularityRecommender(DecayedPopularityRecommender.Params.defaults());
        r.update(clicks(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), train(0));
        r.update(clicks(3, 1, 28, 1, 28), train(28));
        SlateBatch b = serve(r, 0, 3, 3, 30, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(b, 0)).containsExactly(1, 0, 2);
        assertThat(b.score(0, 0)).isCloseTo((float) (2 * Math.pow(0.5, 0.2)), within(1e-6f));
        assertThat(b.score(0, 1)).isCloseTo(1f, within(1e-6f));
        // plain counts would rank item 0 first
        MostPopularRecommender counts = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        counts.update(clicks(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 28, 1, 28), train(28));
        SlateBatch c = new SlateBatch(new int[] {0}, 3);
        counts.recommend(c, 0, 1, new ServeContext(30, 3, new ConsumptionHistory(USERS), new RandomStreams(1)));
        assertThat(SyntheticLoop.slate(c, 0)).containsExactly(0, 1, 2);
    }

    @Test
    void paramsDefaultAndValidate() {
        assertThat(DecayedPopularityRecommender.Params.defaults().halfLife()).isEqualTo(10.0);
        assertThatThrownBy(() -> new DecayedPopularityRecommender.Params(0.0)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new DecayedPopularityRecommender.Params(Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void consumedItemsAreExcludedAndNewItemsComeLastInIdOrder() {
        DecayedPopularityRecommender r = rec(2);
        r.fit(clicks(5, 0, 0, 1, 4, 2, 2, 2, 2), train(4)); // ranking 1, 2, 0, then 3, 4
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(1, 2);
        h.add(1, 3);
        h.add(1, 6);
        // the catalog grew to 8: items 5..7 are unknown to the model and come after 4, by id
        SlateBatch b = serve(r, 1, 10, 8, 5, h);
        assertThat(SyntheticLoop.slate(b, 0)).containsExactly(1, 0, 4, 5, 7);
        assertThat(b.propensity(0, 0)).isEqualTo(1f);
        // at most k, and never an id outside a smaller serving catalog
        assertThat(SyntheticLoop.slate(serve(r, 1, 2, 8, 5, h), 0)).containsExactly(1, 0);
        assertThat(SyntheticLoop.slate(serve(r, 0, 5, 2, 5, h), 0)).containsExactly(1, 0);
        // a user who consumed everything gets an empty slate
        ConsumptionHistory full = new ConsumptionHistory(USERS);
        for (int item = 0; item < 5; item++) {
            full.add(0, item);
        }
        assertThat(serve(r, 0, 3, 5, 5, full).length(0)).isZero();
    }

    @Test
    void beforeAnyClickItemsComeInIdOrder() {
        DecayedPopularityRecommender r = rec(5);
        assertThat(SyntheticLoop.slate(serve(r, 0, 3, 10, 0, new ConsumptionHistory(USERS)), 0)).containsExactly(0, 1, 2);
        assertThat(r.modelVersion()).isZero();
    }

    /**
     * Learning from update() in a loop with a shift of taste. 100 users see random slates of 5
     * out of 60 items (about 8 exposures per item and round), so the clicks the learners get are
     * unbiased. Rounds 0-29: items 0-9 are clicked with probability 0.3, the rest with 0.02; rounds
     * 30-39: items 30-39 take over. At tick 40 the decayed ranking (half-life 3) must have
     * switched to the new favourites while plain counts still rank the old ones first: the new
     * items have about 25 recent clicks each, the old ones about 50-75 clicks whose weight has
     * decayed by 0.5^(10/3) ≈ 0.1 or more. The decayed top 10 is then worth far more than a random
     * slate (catalog mean click probability 0.067).
     */
    @Test
    void learnsFromUpdatesAndFollowsAShiftOfTaste() {
        ItemCtrLoop loop = new ItemCtrLoop(2024, 100);
        for (int i = 0; i < 60; i++) {
            loop.addItem(0);
        }
        ItemCtrLoop.Ctr ctr = (item, tick) -> {
            int hotFrom = tick < 30 ? 0 : 30;
            return item >= hotFrom && item < hotFrom + 10 ? 0.3 : 0.02;
        };
        DecayedPopularityRecommender decayed = rec(3);
        MostPopularRecommender counts = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        List<int[]> tops = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            loop.round(t, 5, ctr, decayed, counts);
            tops.add(loop.top(decayed, 10, t + 1));
        }
        int[] top = loop.top(decayed, 10, 40);
        assertThat(top).containsExactlyInAnyOrder(IntStream.range(30, 40).toArray());
        int[] stale = loop.top(counts, 10, 40);
        assertThat(stale).containsExactlyInAnyOrder(IntStream.range(0, 10).toArray());
        double meanTop = 0;
        for (int i : top) {
            meanTop += ctr.at(i, 40) / top.length;
        }
        double catalogMean = (10 * 0.3 + 50 * 0.02) / 60;
        assertThat(meanTop).isGreaterThan(3 * catalogMean);
        // before the shift it had found the old favourites
        assertThat(tops.get(29)).containsExactlyInAnyOrder(IntStream.range(0, 10).toArray());

        // determinism: the same seed gives the same rankings every round
        ItemCtrLoop again = new ItemCtrLoop(2024, 100);
        for (int i = 0; i < 60; i++) {
            again.addItem(0);
        }
        DecayedPopularityRecommender decayed2 = rec(3);
        for (int t = 0; t < 40; t++) {
            again.round(t, 5, ctr, decayed2);
            assertThat(again.top(decayed2, 10, t + 1)).as("round %d", t).containsExactly(tops.get(t));
        }

        // every user's slate (with their consumption) is valid and independent of the range split
        int[] users = new int[100];
        for (int u = 0; u < 100; u++) {
            users[u] = u;
        }
        ServeContext ctx = new ServeContext(40, loop.catalog.size(), loop.history, loop.streams, loop.catalog);
        SlateBatch whole = new SlateBatch(users, 10);
        decayed.recommend(whole, 0, 100, ctx);
        SyntheticLoop.assertValidSlates(whole, ctx);
        SlateBatch parts = new SlateBatch(users, 10);
        decayed.recommend(parts, 37, 100, ctx);
        decayed.recommend(parts, 0, 37, ctx);
        assertThat(SyntheticLoop.flat(parts)).containsExactly(SyntheticLoop.flat(whole));
    }
}
