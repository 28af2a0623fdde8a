package org.recloop.recommenders.content;

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
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.SyntheticLatentData;
import org.recloop.recommenders.baseline.MostPopularRecommender;

class ContentRecommenderTest {

    private static final Offset<Float> EPS = within(1e-5f);
    private static final RandomStreams RS = new RandomStreams(1);

    /**
     * Five items in two dimensions: f0 = (1,0), f1 = (0,1), f2 = (1,1), f3 = (2,0.5), f4 = (0,0).
     */
    private static Catalog catalog() {
        Catalog c = new Catalog(2, 8);
        float[][] f = {{1, 0}, {0, 1}, {1, 1}, {2, 0.5f}, {0, 0}};
        for (float[] v : f) {
            c.add(v, 0, -1, 0.5f, 0f, 0);
        }
        return c;
    }

    /** u0 clicked item 0 (twice), u1 items 0 and 1, u2 nothing. Clicks: i0 3, i1 1. */
    private static Interactions log() {
        return clicks(3, 5, 0, 0, 1, 1, 1, 0, 0, 0);
    }

    private static SlateBatch serve(ContentRecommender rec, int[] users, int k, int numItems, ConsumptionHistory h,
            Catalog c) {
        SlateBatch b = new SlateBatch(users, k);
        rec.recommend(b, 0, users.length, new ServeContext(1, numItems, h, RS, c));
        return b;
    }

    @Test
    void handCheckedProfilesAndScores() {
        Catalog c = catalog();
        ContentRecommender rec = new ContentRecommender(ContentRecommender.Params.defaults());
        rec.fit(log(), new TrainContext(0, RS, null, 1, c));
        // u0: centroid (1,0) (the repeated click does not count twice); u1: (0.5,0.5) -> unit (.7071,.7071)
        assertThat(rec.profile(0)).containsExactly(new float[] {1f, 0f}, EPS);
        assertThat(rec.profile(1)).containsExactly(new float[] {0.707107f, 0.707107f}, EPS);
        assertThat(rec.profile(2)).isEmpty();

        ConsumptionHistory h = history(log());
        SlateBatch b = serve(rec, new int[] {0, 1, 2}, 3, 5, h, c);
        // u0: cos((1,0), f3) = 2/√4.25 = 0.970143, cos(., f2) = 1/√2 = 0.707107, f1 and the all-zero
        // f4 both score 0: the tie goes to the smaller id, 1
        assertThat(items(b, 0)).containsExactly(3, 2, 1);
        assertThat(scores(b, 0)).containsExactly(new float[] {0.970143f, 0.707107f, 0f}, EPS);
        // u1: cos((1,1), f2) = 1, cos(., f3) = 2.5/(√2·√4.25) = 0.857493, f4 = 0
        assertThat(items(b, 1)).containsExactly(2, 3, 4);
        assertThat(scores(b, 1)).containsExactly(new float[] {1f, 0.857493f, 0f}, EPS);
        // u2 has no clicks: most clicked (i0 3 rows, i1 1), then the never-clicked by id
        assertThat(items(b, 2)).containsExactly(0, 1, 2);

        // an item added after the fit is scored from the serving catalog at once: f5 = (3,0)
        c.add(new float[] {3, 0}, 0, -1, 0.5f, 0f, 1);
        SlateBatch later = serve(rec, new int[] {0}, 2, 6, h, c);
        assertThat(items(later, 0)).containsExactly(5, 3);
        assertThat(scores(later, 0)).containsExactly(new float[] {1f, 0.970143f}, EPS);
    }

    @Test
    void refusesToWorkWithoutACatalog() {
        ContentRecommender rec = new ContentRecommender(ContentRecommender.Params.defaults());
        assertThatThrownBy(() -> rec.fit(log(), new TrainContext(0, RS, null, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TrainContext.catalog() is null");
        SlateBatch b = new SlateBatch(new int[] {0}, 2);
        ServeContext noCatalog = new ServeContext(1, 5, history(log()), RS);
        assertThatThrownBy(() -> rec.recommend(b, 0, 1, noCatalog))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ServeContext.catalog() is null");
        rec.fit(log(), new TrainContext(0, RS, null, 1, catalog()));
        assertThatThrownBy(() -> rec.recommend(b, 0, 1, noCatalog)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * On {@link SyntheticLatentData} (seed fixed) the content recommender reached NDCG@10 = 0.144
     * against 0.066 for most-popular (0.144-0.165 vs 0.066-0.079, ratio >= 2.0, over four other
     * seeds). We require 1.5x: the profile points at the user's group centre, so slates are almost
     * all in-group items (85% of the held-out clicks are in-group), but features carry no
     * popularity, so the ranking inside the group is near random among some 34 unconsumed items;
     * hence a smaller margin than for the collaborative models, still well clear of the baseline.
     */
    @Test
    void beatsMostPopularOnLatentGroups() {
        SyntheticLatentData d = SyntheticLatentData.create();
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(d.train(), d.trainContext(null, 1));
        ContentRecommender content = new ContentRecommender(ContentRecommender.Params.defaults());
        content.fit(d.train(), d.trainContext(null, 1));
        double base = d.ndcgAt10(pop);
        double ndcg = d.ndcgAt10(content);
        assertThat(base).isGreaterThan(0.03);
        assertThat(ndcg).as("content NDCG@10 vs most-popular %.4f", base).isGreaterThan(1.5 * base);
    }

    @Test
    void threeThreadsGiveTheSameModelAsNone() {
        SyntheticLatentData d = SyntheticLatentData.create();
        ContentRecommender one = new ContentRecommender(ContentRecommender.Params.defaults());
        one.fit(d.train(), d.trainContext(null, 1));
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            ContentRecommender three = new ContentRecommender(ContentRecommender.Params.defaults());
            three.fit(d.train(), d.trainContext(ex, 3));
            for (int u = 0; u < SyntheticLatentData.USERS; u++) {
                assertThat(three.profile(u)).containsExactly(one.profile(u));
            }
            assertSameSlates(d.recommendAll(one, 20), d.recommendAll(three, 20));
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void slatesExcludeConsumedItemsAndHoldAtMostKDistinctItems() {
        SyntheticLatentData d = SyntheticLatentData.create();
        ContentRecommender content = new ContentRecommender(ContentRecommender.Params.defaults());
        content.fit(d.train(), d.trainContext(null, 1));
        assertValidSlates(d.recommendAll(content, 25), d.trainHistory(), SyntheticLatentData.ITEMS);
        ConsumptionHistory h = new ConsumptionHistory(SyntheticLatentData.USERS);
        for (int i = 0; i < SyntheticLatentData.ITEMS; i++) {
            if (i != 7 && i != 150 && i != 299) {
                h.add(0, i);
            }
        }
        assertThat(items(serve(content, new int[] {0}, 10, SyntheticLatentData.ITEMS, h, d.catalog()), 0))
                .containsExactlyInAnyOrder(7, 150, 299);
        assertValidSlates(serve(content, new int[] {0, 1, 2, 3}, 10, 40, d.trainHistory(), d.catalog()),
                d.trainHistory(), 40);
    }

    @Test
    void servesRandomSlatesBeforeTheFirstFit() {
        ContentRecommender rec = new ContentRecommender();
        ConsumptionHistory h = history(log());
        assertValidSlates(serve(rec, new int[] {0, 1, 2}, 3, 5, h, catalog()), h, 5);
        assertThat(rec.modelVersion()).isZero();
        // fitted on an empty log, everyone is a user without clicks: unclicked items by id
        rec.fit(Interactions.empty(3, 5), new TrainContext(0, RS, null, 1, catalog()));
        assertThat(items(serve(rec, new int[] {0}, 3, 5, h, catalog()), 0)).containsExactly(1, 2, 3);
        assertThat(rec.modelVersion()).isEqualTo(1);
    }
}
