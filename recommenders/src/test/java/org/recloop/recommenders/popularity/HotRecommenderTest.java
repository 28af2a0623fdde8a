package org.recloop.recommenders.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.bandit.SyntheticLoop;
import org.recloop.recommenders.baseline.MostPopularRecommender;

class HotRecommenderTest {

    private static final int USERS = 3;

    private static TrainContext train(int tick) {
        return new TrainContext(tick, new RandomStreams(1), null, 1);
    }

    /** Clicks on the given items (one row each, user 0, tick 0). */
    private static Interactions clicks(int numItems, int... items) {
        int n = items.length;
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return new Interactions(new int[n], items, new int[n], v, USERS, numItems);
    }

    /** A catalog whose item i was created at {@code created[i]}. */
    private static Catalog catalog(int... created) {
        Catalog c = new Catalog(1, created.length);
        for (int t : created) {
            c.add(new float[] {0f}, -1, -1, 0.5f, 0f, t);
        }
        return c;
    }

    private static SlateBatch serve(HotRecommender r, int user, int k, int tick, Catalog c, ConsumptionHistory h) {
        SlateBatch b = new SlateBatch(new int[] {user}, k);
        r.recommend(b, 0, 1, new ServeContext(tick, c.size(), h, new RandomStreams(1), c));
        return b;
    }

    private static HotRecommender hot() {
        return new HotRecommender(HotRecommender.Params.defaults());
    }

    /**
     * An old item with 10 clicks (created at tick 0) against a new one with 1 click (created at
     * tick 9), gravity 1.8. At tick 10: old = 11 / 12^1.8 ≈ 11 / 87.6 ≈ 0.126, new = 2 / 3^1.8 ≈
     * 2 / 7.22 ≈ 0.277, the new item leads. At tick 30: old = 11 / 32^1.8 = 11 / 512 ≈ 0.0215,
     * new = 2 / 23^1.8 ≈ 2 / 282.5 ≈ 0.0071, the old item's engagement outlasts the other's youth.
     */
    @Test
    void newItemLeadsAnOldOneUntilItAgesByHand() {
        HotRecommender r = hot();
        Catalog c = catalog(0, 9);
        r.fit(clicks(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), train(9));
        assertThat(r.engagements(0)).isEqualTo(10);
        assertThat(r.engagements(1)).isEqualTo(1);
        SlateBatch at10 = serve(r, 0, 2, 10, c, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(at10, 0)).containsExactly(1, 0);
        assertThat(at10.score(0, 0)).isCloseTo(0.2768f, within(1e-4f));
        assertThat(at10.score(0, 1)).isCloseTo(0.1256f, within(1e-4f));
        SlateBatch at30 = serve(r, 0, 2, 30, c, new ConsumptionHistory(USERS));
        assertThat(SyntheticLoop.slate(at30, 0)).containsExactly(0, 1);
        assertThat(at30.score(0, 0)).isEqualTo(11f / 512f);
        assertThat(at30.score(0, 1)).isCloseTo(0.00708f, within(1e-5f));
        assertThat(at30.propensity(0, 0)).isEqualTo(1f);
    }

    /** Without clicks the newest items lead (ages 0 and 1: 1/2^1.8 > 1/3^1.8); equal ages tie and go by id. */
    @Test
    void withoutClicksNewerFirstAndTiesBySmallerId() {
        HotRecommender r = hot();
        Catalog c = catalog(3, 5, 4, 5, 0);
        assertThat(SyntheticLoop.slate(serve(r, 0, 5, 5, c, new ConsumptionHistory(USERS)), 0))
                .containsExactly(1, 3, 2, 0, 4);
        // an item created "in the future" counts as age 0
        assertThat(r.score(0, 7, 5)).isEqualTo(r.score(0, 5, 5));
        // gravity 0 is plain popularity (+1 smoothing): clicks decide, ages do not
        HotRecommender flat = new HotRecommender(new HotRecommender.Params(0.0));
        flat.update(clicks(5, 4, 4, 0), train(5));
        assertThat(SyntheticLoop.slate(serve(flat, 0, 5, 5, c, new ConsumptionHistory(USERS)), 0))
                .containsExactly(4, 0, 1, 2, 3);
    }

    @Test
    void updateAddsClicksAndFitRecounts() {
        HotRecommender r = hot();
        Catalog c = catalog(0, 0, 0);
        r.update(clicks(3, 2), train(0));
        r.update(clicks(3, 2, 1), train(1));
        assertThat(r.engagements(2)).isEqualTo(2);
        assertThat(SyntheticLoop.slate(serve(r, 0, 3, 2, c, new ConsumptionHistory(USERS)), 0)).containsExactly(2, 1, 0);
        assertThat(r.modelVersion()).isZero();
        r.fit(clicks(3, 0), train(2));
        assertThat(r.engagements(2)).isZero();
        assertThat(SyntheticLoop.slate(serve(r, 0, 3, 2, c, new ConsumptionHistory(USERS)), 0)).containsExactly(0, 1, 2);
        assertThat(r.modelVersion()).isEqualTo(1);
    }

    @Test
    void consumedExcludedAtMostKAndOnlyServingCatalogIds() {
        HotRecommender r = hot();
        Catalog c = catalog(0, 1, 2, 3, 4, 5);
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(1, 5);
        h.add(1, 3);
        SlateBatch b = serve(r, 1, 3, 6, c, h);
        assertThat(SyntheticLoop.slate(b, 0)).containsExactly(4, 2, 1);
        // serving only the first 4 items of the catalog
        SlateBatch small = new SlateBatch(new int[] {1}, 6);
        r.recommend(small, 0, 1, new ServeContext(6, 4, h, new RandomStreams(1), c));
        assertThat(SyntheticLoop.slate(small, 0)).containsExactly(2, 1, 0);
    }

    @Test
    void needsTheCatalogAndValidatesParams() {
        HotRecommender r = hot();
        SlateBatch b = new SlateBatch(new int[] {0}, 2);
        assertThatThrownBy(() -> r.recommend(b, 0, 1, new ServeContext(0, 3, new ConsumptionHistory(1), new RandomStreams(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(HotRecommender.Params.defaults().gravity()).isEqualTo(1.8);
        assertThatThrownBy(() -> new HotRecommender.Params(-0.1)).isInstanceOf(InvalidParameterException.class);
    }

    /**
     * Learning in a loop with a stream of fresh items: 30 items at tick 0, 3 more every round,
     * and an item's click probability fades with age, base·0.85^age, where every third item is
     * good (base 0.5) and the others are not (base 0.1). 200 users see random slates of 5, so
     * every item gets about 1000 / (catalog size) exposures a round. After 40 rounds the hot
     * ranking, fed by update() only, must hold young good items, while plain counts hold old items
     * that collected clicks when they were young and are now nearly dead: the hot top 10 must be
     * worth at least twice the counts' top 10 and three times a random slate (the catalog mean).
     * (With this seed: mean click probability 0.22 for the hot top 10, 0.0008 for the counts' top
     * 10, 0.031 for the catalog.)
     */
    @Test
    void learnsFromUpdatesToSurfaceFreshEngagingItems() {
        ItemCtrLoop loop = new ItemCtrLoop(7, 200);
        for (int i = 0; i < 30; i++) {
            loop.addItem(0);
        }
        ItemCtrLoop.Ctr ctr = (item, tick) -> (item % 3 == 0 ? 0.5 : 0.1)
                * Math.pow(0.85, Math.max(0, tick - loop.catalog.createdTick(item)));
        HotRecommender r = hot();
        MostPopularRecommender counts = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        List<int[]> tops = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            loop.round(t, 5, ctr, r, counts);
            for (int j = 0; j < 3; j++) {
                loop.addItem(t + 1);
            }
            tops.add(loop.top(r, 10, t + 1));
        }
        double hotValue = 0;
        double countsValue = 0;
        for (int i : loop.top(r, 10, 40)) {
            hotValue += ctr.at(i, 40) / 10;
        }
        for (int i : loop.top(counts, 10, 40)) {
            countsValue += ctr.at(i, 40) / 10;
        }
        double catalogMean = 0;
        for (int i = 0; i < loop.catalog.size(); i++) {
            catalogMean += ctr.at(i, 40) / loop.catalog.size();
        }
        assertThat(hotValue).isGreaterThan(2 * countsValue).isGreaterThan(3 * catalogMean);

        // determinism: the same seed gives the same rankings every round
        ItemCtrLoop again = new ItemCtrLoop(7, 200);
        for (int i = 0; i < 30; i++) {
            again.addItem(0);
        }
        ItemCtrLoop.Ctr ctr2 = (item, tick) -> (item % 3 == 0 ? 0.5 : 0.1)
                * Math.pow(0.85, Math.max(0, tick - again.catalog.createdTick(item)));
        HotRecommender r2 = hot();
        for (int t = 0; t < 40; t++) {
            again.round(t, 5, ctr2, r2);
            for (int j = 0; j < 3; j++) {
                again.addItem(t + 1);
            }
            assertThat(again.top(r2, 10, t + 1)).as("round %d", t).containsExactly(tops.get(t));
        }

        // every user's slate is valid and independent of the range split
        int[] users = new int[200];
        for (int u = 0; u < 200; u++) {
            users[u] = u;
        }
        ServeContext ctx = new ServeContext(40, loop.catalog.size(), loop.history, loop.streams, loop.catalog);
        SlateBatch whole = new SlateBatch(users, 10);
        r.recommend(whole, 0, 200, ctx);
        SyntheticLoop.assertValidSlates(whole, ctx);
        SlateBatch parts = new SlateBatch(users, 10);
        r.recommend(parts, 101, 200, ctx);
        r.recommend(parts, 0, 101, ctx);
        assertThat(SyntheticLoop.flat(parts)).containsExactly(SyntheticLoop.flat(whole));
    }
}
