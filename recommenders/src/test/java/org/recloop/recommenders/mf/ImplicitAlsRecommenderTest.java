package org.recloop.recommenders.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

class ImplicitAlsRecommenderTest {

    /**
     * Block structure: 4 groups of 50 users and 4 groups of 25 items; each user clicks 8 random
     * items of its own group. The most popular items overall are spread over all groups, so only a
     * model that learned the blocks puts in-group items on every slate.
     */
    static Interactions blocks(int groups, int usersPer, int itemsPer, int clicksPer, long seed, ConsumptionHistory h) {
        RandomStreams rs = new RandomStreams(seed);
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < groups * usersPer; u++) {
            int g = u / usersPer;
            UniformRandomProvider rng = rs.stream(1, u, 0);
            for (int c = 0; c < clicksPer; c++) {
                int item = g * itemsPer + rng.nextInt(itemsPer);
                rows.add(new int[] {u, item});
                if (h != null) {
                    h.add(u, item);
                }
            }
        }
        int n = rows.size();
        int[] us = new int[n];
        int[] is = new int[n];
        for (int r = 0; r < n; r++) {
            us[r] = rows.get(r)[0];
            is[r] = rows.get(r)[1];
        }
        return new Interactions(us, is, new int[n], filled(n), groups * usersPer, groups * itemsPer);
    }

    static float[] filled(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    @Test
    void recommendsItemsOfTheUsersOwnBlock() {
        int groups = 4;
        int usersPer = 50;
        int itemsPer = 25;
        ConsumptionHistory h = new ConsumptionHistory(groups * usersPer);
        Interactions data = blocks(groups, usersPer, itemsPer, 8, 7, h);
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(8, 10, 0.1, 10.0));
        RandomStreams rs = new RandomStreams(3);
        als.fit(data, new TrainContext(0, rs, null, 1));
        int[] users = new int[groups * usersPer];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        SlateBatch slates = new SlateBatch(users, 10);
        als.recommend(slates, 0, users.length, new ServeContext(1, groups * itemsPer, h, rs));
        int inGroup = 0;
        int total = 0;
        for (int s = 0; s < users.length; s++) {
            int g = users[s] / usersPer;
            for (int p = 0; p < slates.length(s); p++) {
                int item = slates.item(s, p);
                assertThat(h.contains(users[s], item)).as("consumed items are excluded").isFalse();
                if (item / itemsPer == g) {
                    inGroup++;
                }
                total++;
            }
        }
        // a user has at most 8 consumed items of 25 in its block, so >= 17 unconsumed in-block
        // candidates exist for 10 slots: a model that learned the blocks fills nearly all of them.
        // Random serving would give 25%.
        assertThat((double) inGroup / total).isGreaterThan(0.95);
    }

    @Test
    void sameModelWithAnyThreadCount() throws Exception {
        Interactions data = blocks(4, 300, 25, 8, 11, null);
        RandomStreams rs = new RandomStreams(5);
        ImplicitAlsRecommender one = new ImplicitAlsRecommender(ImplicitAlsRecommender.Params.defaults());
        one.fit(data, new TrainContext(0, rs, null, 1));
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            ImplicitAlsRecommender three = new ImplicitAlsRecommender(ImplicitAlsRecommender.Params.defaults());
            three.fit(data, new TrainContext(0, rs, ex, 3));
            for (int u = 0; u < 1200; u += 97) {
                assertThat(three.userFactors(u)).containsExactly(one.userFactors(u));
            }
            for (int i = 0; i < 100; i += 7) {
                assertThat(three.itemFactors(i)).containsExactly(one.itemFactors(i));
            }
        } finally {
            ex.shutdown();
        }
    }
}
