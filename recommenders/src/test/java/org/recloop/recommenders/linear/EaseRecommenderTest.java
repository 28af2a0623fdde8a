package org.recloop.recommenders.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.recommenders.SyntheticLatentData.assertSameSlates;
import static org.recloop.recommenders.SyntheticLatentData.assertValidSlates;
import static org.recloop.recommenders.SyntheticLatentData.clicks;
import static org.recloop.recommenders.SyntheticLatentData.history;
import static org.recloop.recommenders.SyntheticLatentData.items;
import static org.recloop.recommenders.SyntheticLatentData.scores;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.SyntheticLatentData;
import org.recloop.recommenders.baseline.MostPopularRecommender;

class EaseRecommenderTest {

    private static final Offset<Float> EPS = within(1e-6f);
    private static final TrainContext TRAIN = new TrainContext(0, new RandomStreams(1), null, 1);

    /**
     * Six users, three items (u5 never clicks); u0 clicks item 0 twice (EASE uses the binary X):
     *
     * <pre>
     *        i0 i1 i2
     *   u0    1  1  .
     *   u1    1  1  .
     *   u2    .  1  1
     *   u3    1  .  .
     *   u4    .  .  1
     * </pre>
     *
     * XᵀX = [[3,2,0],[2,3,1],[0,1,2]]; with λ = 1, G = [[4,2,0],[2,4,1],[0,1,3]]. Cofactors:
     * C00 = 4·3-1·1 = 11, C11 = 4·3-0 = 12, C22 = 4·4-2·2 = 12, C01 = -(2·3-1·0) = -6,
     * C02 = 2·1-4·0 = 2, C12 = -(4·1-2·0) = -4, det = 4·11 + 2·(-6) = 32; P = C/det. Then
     * B_ij = -P_ij/P_jj = -C_ij/C_jj: B01 = 6/12 = 1/2, B02 = -2/12 = -1/6, B10 = 6/11,
     * B12 = 4/12 = 1/3, B20 = -2/11, B21 = 4/12 = 1/3, and B_jj = 0. Items 0 and 2 are never
     * clicked together, yet B02 < 0: given item 1, item 0 speaks against item 2.
     */
    private static Interactions hand() {
        return clicks(6, 3, 4, 2, 0, 0, 3, 0, 2, 2, 1, 1, 0, 1, 2, 1, 1, 0, 0, 0);
    }

    @Test
    void handCheckedWeightsAndScores() {
        Interactions log = hand();
        EaseRecommender rec = new EaseRecommender(new EaseRecommender.Params(1.0, null, null));
        rec.fit(log, TRAIN);
        float[][] expected = {{0f, 1 / 2f, -1 / 6f}, {6 / 11f, 0f, 1 / 3f}, {-2 / 11f, 1 / 3f, 0f}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(rec.weight(i, j)).as("B%d%d", i, j).isCloseTo(expected[i][j], EPS);
            }
        }
        SlateBatch b = new SlateBatch(new int[] {3, 4, 0, 2, 5}, 2);
        rec.recommend(b, 0, 5, new ServeContext(1, 3, history(log), new RandomStreams(1)));
        // u3 = {0}: score(1) = B01 = 1/2, score(2) = B02 = -1/6 (negative scores still rank)
        assertThat(items(b, 0)).containsExactly(1, 2);
        assertThat(scores(b, 0)).containsExactly(new float[] {1 / 2f, -1 / 6f}, EPS);
        // u4 = {2}: score(1) = B21 = 1/3, score(0) = B20 = -2/11
        assertThat(items(b, 1)).containsExactly(1, 0);
        assertThat(scores(b, 1)).containsExactly(new float[] {1 / 3f, -2 / 11f}, EPS);
        // u0 = {0,1}: score(2) = B02 + B12 = 1/6; the only candidate
        assertThat(items(b, 2)).containsExactly(2);
        assertThat(scores(b, 2)).containsExactly(new float[] {1 / 6f}, EPS);
        // u2 = {1,2}: score(0) = B10 + B20 = 4/11
        assertThat(items(b, 3)).containsExactly(0);
        assertThat(scores(b, 3)).containsExactly(new float[] {4 / 11f}, EPS);
        // u5 has no clicks: most clicked (items 0 and 1 with 4 and 3 click rows)
        assertThat(items(b, 4)).containsExactly(0, 1);
    }

    @Test
    void aCatalogLargerThanMaxItemsFailsTheFitWithAClearReason() {
        EaseRecommender rec = new EaseRecommender(new EaseRecommender.Params(null, 2, null));
        assertThatThrownBy(() -> rec.fit(hand(), TRAIN))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.field()).isEqualTo("maxItems");
                    assertThat(e.reason()).contains("3 items", "maxItems = 2");
                });
        assertThat(rec.modelVersion()).isZero();
    }

    /**
     * On {@link SyntheticLatentData} (seed fixed) EASE reached NDCG@10 = 0.404 against 0.066 for
     * most-popular (0.398-0.427 vs 0.066-0.079 over four other seeds). We require at least 3x: the
     * item-item weights learn the group blocks of the co-click matrix (85% of a user's clicks
     * are in its group) and the popularity inside each block, while the global ranking hits the
     * user's group with about a sixth of its slate; 3x leaves room for numerical changes.
     */
    @Test
    void beatsMostPopularOnLatentGroups() {
        SyntheticLatentData d = SyntheticLatentData.create();
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(d.train(), d.trainContext(null, 1));
        EaseRecommender ease = new EaseRecommender(EaseRecommender.Params.defaults());
        ease.fit(d.train(), d.trainContext(null, 1));
        double base = d.ndcgAt10(pop);
        double ndcg = d.ndcgAt10(ease);
        assertThat(base).isGreaterThan(0.03);
        assertThat(ndcg).as("EASE NDCG@10 vs most-popular %.4f", base).isGreaterThan(3 * base);
    }

    @Test
    void threeThreadsGiveTheSameModelAsNone() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender one = new EaseRecommender(EaseRecommender.Params.defaults());
        one.fit(d.train(), d.trainContext(null, 1));
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            EaseRecommender three = new EaseRecommender(EaseRecommender.Params.defaults());
            three.fit(d.train(), d.trainContext(ex, 3));
            for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
                for (int j = 0; j < SyntheticLatentData.ITEMS; j++) {
                    if (three.weight(i, j) != one.weight(i, j)) {
                        assertThat(three.weight(i, j)).as("B%d,%d", i, j).isEqualTo(one.weight(i, j));
                    }
                }
            }
            assertSameSlates(d.recommendAll(one, 20), d.recommendAll(three, 20));
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void slatesExcludeConsumedItemsAndHoldAtMostKDistinctItems() {
        SyntheticLatentData d = SyntheticLatentData.create();
        EaseRecommender ease = new EaseRecommender(EaseRecommender.Params.defaults());
        ease.fit(d.train(), d.trainContext(null, 1));
        assertValidSlates(d.recommendAll(ease, 25), d.trainHistory(), SyntheticLatentData.ITEMS);
        ConsumptionHistory h = new ConsumptionHistory(SyntheticLatentData.USERS);
        for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
            if (i != 7 && i != 150 && i != 299) {
                h.add(0, i);
            }
        }
        SlateBatch one = new SlateBatch(new int[] {0}, 10);
        ease.recommend(one, 0, 1, new ServeContext(1, SyntheticLatentData.ITEMS, h, d.streams()));
        assertThat(items(one, 0)).containsExactlyInAnyOrder(7, 150, 299);
        for (int numItems : new int[] {40, 2 * SyntheticLatentData.ITEMS}) {
            SlateBatch b = new SlateBatch(new int[] {0, 1, 2, 3}, 10);
            ease.recommend(b, 0, 4, new ServeContext(1, numItems, d.trainHistory(), d.streams()));
            assertValidSlates(b, d.trainHistory(), numItems);
        }
    }

    @Test
    void servesRandomSlatesBeforeTheFirstFit() {
        EaseRecommender rec = new EaseRecommender(EaseRecommender.Params.defaults());
        ConsumptionHistory h = history(hand());
        SlateBatch b = new SlateBatch(new int[] {0, 1, 2, 3, 4, 5}, 2);
        rec.recommend(b, 0, 6, new ServeContext(1, 3, h, new RandomStreams(1)));
        assertValidSlates(b, h, 3);
        assertThat(rec.modelVersion()).isZero();
        // fitted on an empty log: B = 0 (P = I/λ), and everyone gets unclicked items by id
        rec.fit(Interactions.empty(6, 3), TRAIN);
        assertThat(rec.weight(0, 1)).isZero();
        SlateBatch after = new SlateBatch(new int[] {5}, 2);
        rec.recommend(after, 0, 1, new ServeContext(1, 3, h, new RandomStreams(1)));
        assertThat(items(after, 0)).containsExactly(0, 1);
    }

    @Test
    void paramsHaveDefaultsAndAreValidated() {
        EaseRecommender.Params p = EaseRecommender.Params.defaults();
        assertThat(p.lambda()).isEqualTo(250.0);
        assertThat(p.maxItems()).isEqualTo(10_000);
        assertThatThrownBy(() -> new EaseRecommender.Params(0.0, null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("lambda"));
        assertThatThrownBy(() -> new EaseRecommender.Params(null, 0, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("maxItems"));
        assertThatThrownBy(() -> new EaseRecommender.Params(null, 50_000, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("maxItems"));
    }
}
