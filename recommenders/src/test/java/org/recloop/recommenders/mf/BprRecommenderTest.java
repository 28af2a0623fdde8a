package org.recloop.recommenders.mf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

class BprRecommenderTest {

    @Test
    void recommendsItemsOfTheUsersOwnBlock() {
        ConsumptionHistory h = new ConsumptionHistory(200);
        Interactions data = ImplicitAlsRecommenderTest.blocks(4, 50, 25, 8, 7, h);
        BprRecommender bpr = new BprRecommender(new BprRecommender.Params(8, 40, 0.05, 0.002, null));
        RandomStreams rs = new RandomStreams(3);
        bpr.fit(data, new TrainContext(0, rs, null, 1));
        int[] users = new int[200];
        for (int u = 0; u < 200; u++) {
            users[u] = u;
        }
        SlateBatch slates = new SlateBatch(users, 10);
        bpr.recommend(slates, 0, 200, new ServeContext(1, 100, h, rs));
        int in = 0;
        int total = 0;
        for (int s = 0; s < 200; s++) {
            for (int p = 0; p < slates.length(s); p++) {
                assertThat(h.contains(s, slates.item(s, p))).isFalse();
                in += slates.item(s, p) / 25 == s / 50 ? 1 : 0;
                total++;
            }
        }
        // >= 17 unconsumed in-block candidates per user for 10 slots; random would give 25%.
        // BPR's pairwise loss separates blocks less sharply than ALS at this size: ask for 90%.
        assertThat((double) in / total).isGreaterThan(0.9);
        assertThat(bpr.modelVersion()).isEqualTo(1);
    }

    @Test
    void sameSeedSameModel() {
        Interactions data = ImplicitAlsRecommenderTest.blocks(3, 30, 20, 6, 5, null);
        BprRecommender a = new BprRecommender(BprRecommender.Params.defaults());
        BprRecommender b = new BprRecommender(BprRecommender.Params.defaults());
        a.fit(data, new TrainContext(0, new RandomStreams(1), null, 1));
        b.fit(data, new TrainContext(0, new RandomStreams(1), null, 1));
        assertThat(a.model().x()).containsExactly(b.model().x());
        assertThat(a.model().y()).containsExactly(b.model().y());
        BprRecommender c = new BprRecommender(BprRecommender.Params.defaults());
        c.fit(data, new TrainContext(0, new RandomStreams(2), null, 1));
        assertThat(c.model().x()).isNotEqualTo(a.model().x());
    }

    @Test
    void propensityWeightsAreClippedInversePopularity() {
        Propensity p = new Propensity("popularity", 0.5, 0.2);
        // counts 100, 25, 1, 0: theta = (c/100)^0.5 = 1, 0.5, 0.1, 0 -> clipped at 0.2
        assertThat(p.weights(new long[] {100, 25, 1, 0})).containsExactly(1f, 2f, 5f, 5f);
        assertThat(Propensity.none().weights(new long[] {100, 1})).containsExactly(1f, 1f);
    }

    @Test
    void inversePropensityWeightingLiftsTailItems() {
        // item 0 is clicked by everyone, items 1..9 by few: IPW must raise the tail items'
        // scores relative to item 0 compared with the unweighted fit
        int users = 60;
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            rows.add(new int[] {u, 0});
            rows.add(new int[] {u, 1 + (u % 9)});
        }
        int n = rows.size();
        int[] us = new int[n];
        int[] is = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            us[r] = rows.get(r)[0];
            is[r] = rows.get(r)[1];
            v[r] = 1f;
        }
        Interactions data = new Interactions(us, is, new int[n], v, users, 20);
        double plain = headMargin(new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(4, 10, 0.1, 10.0)), data);
        double ipw = headMargin(new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(4, 10, 0.1, 10.0,
                new Propensity("popularity", 1.0, 0.05))), data);
        assertThat(ipw).isLessThan(plain);
    }

    /** Mean over users of score(item 0) - score(own tail item). */
    private static double headMargin(ImplicitAlsRecommender als, Interactions data) {
        als.fit(data, new TrainContext(0, new RandomStreams(4), null, 1));
        FactorModel m = als.model();
        double sum = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int tail = 1 + (u % 9);
            double s0 = 0;
            double st = 0;
            for (int f = 0; f < m.d(); f++) {
                s0 += m.x()[u * m.d() + f] * m.y()[f];
                st += m.x()[u * m.d() + f] * m.y()[tail * m.d() + f];
            }
            sum += s0 - st;
        }
        return sum / data.numUsers();
    }
}
