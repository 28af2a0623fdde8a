package org.recloop.recommenders.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

class MostPopularRecommenderTest {

    private static final int USERS = 4;
    private static final TrainContext TRAIN = new TrainContext(0, new RandomStreams(1), null, 1);

    /** Interactions with one row per clicked item id, all by user 0 at tick 0. */
    private static Interactions clicks(int numItems, int... items) {
        int n = items.length;
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return new Interactions(new int[n], items, new int[n], v, USERS, numItems);
    }

    private static MostPopularRecommender incremental() {
        return new MostPopularRecommender(MostPopularRecommender.Params.defaults());
    }

    /** The slate of user {@code user} with k positions over a catalog of {@code numItems}. */
    private static SlateBatch serve(MostPopularRecommender rec, int user, int k, int numItems, ConsumptionHistory h) {
        SlateBatch b = new SlateBatch(new int[] {user}, k);
        rec.recommend(b, 0, 1, new ServeContext(1, numItems, h, new RandomStreams(1)));
        return b;
    }

    private static int[] items(SlateBatch b) {
        int[] a = new int[b.length(0)];
        for (int r = 0; r < a.length; r++) {
            a[r] = b.item(0, r);
        }
        return a;
    }

    private static float[] scores(SlateBatch b) {
        float[] a = new float[b.length(0)];
        for (int r = 0; r < a.length; r++) {
            a[r] = b.score(0, r);
        }
        return a;
    }

    /** Item 3 x3, items 1 and 4 x2 (tie), item 0 x1, items 2 and 5 never; rows deliberately shuffled. */
    private static Interactions handCounts() {
        return clicks(6, 4, 3, 1, 0, 3, 4, 1, 3);
    }

    @Test
    void ranksByClickCountWithTiesBySmallerIdAndUnclickedLastInIdOrder() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        SlateBatch b = serve(rec, 2, 6, 6, new ConsumptionHistory(USERS));
        assertThat(items(b)).containsExactly(3, 1, 4, 0, 2, 5);
        assertThat(scores(b)).containsExactly(3f, 2f, 2f, 1f, 0f, 0f);
        for (int r = 0; r < 6; r++) {
            assertThat(b.propensity(0, r)).isEqualTo(1f);
            assertThat(b.source(0, r)).isEqualTo(SlateSource.RECOMMENDER.code());
        }
        assertThat(rec.modelVersion()).isEqualTo(1);
    }

    @Test
    void slateIsTheTopKOfTheRanking() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        assertThat(items(serve(rec, 0, 3, 6, new ConsumptionHistory(USERS)))).containsExactly(3, 1, 4);
    }

    @Test
    void consumedItemsAreSkippedAndTheRestMovesUp() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(1, 3);
        h.add(1, 2);
        assertThat(items(serve(rec, 1, 3, 6, h))).containsExactly(1, 4, 0);
        assertThat(items(serve(rec, 1, 6, 6, h))).as("only 4 candidates left").containsExactly(1, 4, 0, 5);
        // another user's consumption does not matter
        assertThat(items(serve(rec, 0, 3, 6, h))).containsExactly(3, 1, 4);
    }

    @Test
    void beforeAnyFitItemsComeInIdOrder() {
        MostPopularRecommender rec = incremental();
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(0, 1);
        assertThat(items(serve(rec, 0, 4, 5, h))).containsExactly(0, 2, 3, 4);
        assertThat(rec.modelVersion()).isZero();
    }

    @Test
    void updateAddsTheTicksClicksToTheRanking() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        // + item 5 x3 ties item 3 at 3 clicks (3 keeps the lead by id); + item 0 x1 makes 2 clicks,
        // tying items 1 and 4 (0 goes first by id)
        rec.update(clicks(6, 5, 0, 5, 5), TRAIN);
        SlateBatch b = serve(rec, 0, 6, 6, new ConsumptionHistory(USERS));
        assertThat(items(b)).containsExactly(3, 5, 0, 1, 4, 2);
        assertThat(scores(b)).containsExactly(3f, 3f, 2f, 2f, 2f, 0f);
        assertThat(rec.modelVersion()).as("update is not a fit").isEqualTo(1);
        // a second update accumulates
        rec.update(clicks(6, 2, 2, 2, 2), TRAIN);
        assertThat(items(serve(rec, 0, 3, 6, new ConsumptionHistory(USERS)))).containsExactly(2, 3, 5);
    }

    @Test
    void updateBeforeAnyFitAlreadyRanks() {
        MostPopularRecommender rec = incremental();
        rec.update(clicks(5, 4, 4, 2), TRAIN);
        assertThat(items(serve(rec, 0, 5, 5, new ConsumptionHistory(USERS)))).containsExactly(4, 2, 0, 1, 3);
    }

    @Test
    void updateIsIgnoredWhenNotIncremental() {
        MostPopularRecommender rec = new MostPopularRecommender(new MostPopularRecommender.Params(false));
        rec.fit(handCounts(), TRAIN);
        rec.update(clicks(6, 5, 5, 5, 5, 5), TRAIN);
        assertThat(items(serve(rec, 0, 6, 6, new ConsumptionHistory(USERS)))).containsExactly(3, 1, 4, 0, 2, 5);
    }

    @Test
    void fitRecountsFromScratch() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        rec.update(clicks(6, 5, 5, 5, 5), TRAIN);
        // the whole log now: item 2 x2, item 0 x1; the earlier counts must not linger
        rec.fit(clicks(6, 2, 0, 2), TRAIN);
        SlateBatch b = serve(rec, 0, 6, 6, new ConsumptionHistory(USERS));
        assertThat(items(b)).containsExactly(2, 0, 1, 3, 4, 5);
        assertThat(scores(b)).containsExactly(2f, 1f, 0f, 0f, 0f, 0f);
        assertThat(rec.modelVersion()).isEqualTo(2);
    }

    @Test
    void itemsBeyondTheModelsRangeComeLast() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN); // knows items 0..5
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(0, 7);
        // the catalog grew to 9 items: 6, 8 (7 consumed) follow the known ranking, in id order
        SlateBatch b = serve(rec, 0, 9, 9, h);
        assertThat(items(b)).containsExactly(3, 1, 4, 0, 2, 5, 6, 8);
        assertThat(b.score(0, 6)).isZero();
    }

    @Test
    void newItemsClickedInAnUpdateAreRanked() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN); // knows items 0..5
        rec.update(clicks(8, 7, 7, 7, 7), TRAIN); // the catalog grew to 8; item 7 clicked 4 times
        assertThat(items(serve(rec, 0, 8, 8, new ConsumptionHistory(USERS))))
                .containsExactly(7, 3, 1, 4, 0, 2, 5, 6);
    }

    @Test
    void neverServesIdsOutsideTheServingCatalog() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        // serving with a catalog of 4: items 4 and 5 are not candidates
        assertThat(items(serve(rec, 0, 6, 4, new ConsumptionHistory(USERS)))).containsExactly(3, 1, 0, 2);
    }

    @Test
    void rangesAreIndependent() {
        MostPopularRecommender rec = incremental();
        rec.fit(handCounts(), TRAIN);
        ConsumptionHistory h = new ConsumptionHistory(USERS);
        h.add(2, 3);
        ServeContext ctx = new ServeContext(1, 6, h, new RandomStreams(1));
        SlateBatch whole = new SlateBatch(new int[] {0, 1, 2, 3}, 3);
        rec.recommend(whole, 0, 4, ctx);
        SlateBatch parts = new SlateBatch(new int[] {0, 1, 2, 3}, 3);
        rec.recommend(parts, 2, 4, ctx);
        assertThat(parts.length(0)).as("outside the range").isZero();
        rec.recommend(parts, 0, 2, ctx);
        for (int s = 0; s < 4; s++) {
            for (int r = 0; r < 3; r++) {
                assertThat(parts.item(s, r)).isEqualTo(whole.item(s, r));
            }
        }
        assertThat(whole.item(2, 0)).isEqualTo(1); // user 2 consumed the top item 3
    }
}
