package org.recloop.recommenders.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

class FactorModelTest {

    @Test
    void candidateRetrievalKeepsRecallAgainstExactTopK() {
        int groups = 8;
        ConsumptionHistory h = new ConsumptionHistory(groups * 50);
        Interactions data = ImplicitAlsRecommenderTest.blocks(groups, 50, 25, 8, 3, h);
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(8, 10, 0.1, 10.0));
        als.fit(data, new TrainContext(0, new RandomStreams(2), null, 1));
        FactorModel exact = als.model();
        // 8 clusters x 60 candidates out of 200 items: one block (25 items) plus margin per cluster
        FactorModel approx = exact.withCandidates(8, 60, 5);
        assertThat(approx.candidates()).hasNumberOfRows(8);
        int[] users = new int[groups * 50];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        ServeContext ctx = new ServeContext(1, 200, h, new RandomStreams(1));
        SlateBatch a = new SlateBatch(users, 10);
        SlateBatch e = new SlateBatch(users, 10);
        approx.recommend(a, 0, users.length, ctx);
        exact.recommend(e, 0, users.length, ctx);
        long hits = 0;
        long total = 0;
        for (int s = 0; s < users.length; s++) {
            Set<Integer> ex = new HashSet<>();
            for (int p = 0; p < e.length(s); p++) {
                ex.add(e.item(s, p));
            }
            for (int p = 0; p < a.length(s); p++) {
                assertThat(h.contains(s, a.item(s, p))).isFalse();
                if (ex.contains(a.item(s, p))) {
                    hits++;
                }
            }
            total += ex.size();
        }
        // the blocks are well separated, so each cluster's candidates hold its block: recall
        // against exact top-10 must be near 1; the floor is 0.9
        assertThat((double) hits / total).isGreaterThanOrEqualTo(0.9);
        // a single cluster with too few candidates falls back to exact serving
        FactorModel tiny = exact.withCandidates(1, 5, 1);
        SlateBatch t = new SlateBatch(users, 10);
        tiny.recommend(t, 0, users.length, ctx);
        for (int s = 0; s < users.length; s++) {
            for (int p = 0; p < 10; p++) {
                assertThat(t.item(s, p)).isEqualTo(e.item(s, p));
            }
        }
    }

    @Test
    void servingDoesNotDependOnHowUsersAreSplitIntoCalls() {
        int groups = 6;
        ConsumptionHistory h = new ConsumptionHistory(groups * 40 + 3);
        Interactions data = ImplicitAlsRecommenderTest.blocks(groups, 40, 25, 8, 3, h);
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(8, 10, 0.1, 10.0));
        als.fit(data, new TrainContext(0, new RandomStreams(2), null, 1));
        int[] users = new int[groups * 40 + 3]; // three users beyond the model get popular items
        for (int u = 0; u < users.length; u++) {
            users[u] = (u * 37) % users.length; // clusters interleaved in slate order
        }
        ServeContext ctx = new ServeContext(1, 150, h, new RandomStreams(1));
        for (FactorModel m : new FactorModel[] {als.model(), als.model().withCandidates(6, 40, 5)}) {
            SlateBatch whole = new SlateBatch(users, 10);
            m.recommend(whole, 0, users.length, ctx);
            // chunks of 1, 3, 5 and 7 slates group users four at a time differently
            for (int chunk : new int[] {1, 3, 5, 7}) {
                SlateBatch parts = new SlateBatch(users, 10);
                for (int s = 0; s < users.length; s += chunk) {
                    m.recommend(parts, s, Math.min(users.length, s + chunk), ctx);
                }
                for (int s = 0; s < users.length; s++) {
                    assertThat(parts.length(s)).isEqualTo(whole.length(s));
                    for (int p = 0; p < whole.length(s); p++) {
                        assertThat(parts.item(s, p)).as("chunk %d slate %d pos %d", chunk, s, p)
                                .isEqualTo(whole.item(s, p));
                        assertThat(parts.score(s, p)).isEqualTo(whole.score(s, p));
                    }
                }
            }
        }
    }

    @Test
    void retrievalIndexDoesNotDependOnTheThreadCount() {
        int groups = 6;
        ConsumptionHistory h = new ConsumptionHistory(groups * 40);
        Interactions data = ImplicitAlsRecommenderTest.blocks(groups, 40, 25, 8, 3, h);
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(8, 10, 0.1, 10.0));
        als.fit(data, new TrainContext(0, new RandomStreams(2), null, 1));
        FactorModel one = als.model().withCandidates(7, 30, 4);
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            FactorModel three = als.model().withCandidates(7, 30, 4, new TrainContext(0, new RandomStreams(2), ex, 3));
            assertThat(three.clusterOf()).containsExactly(one.clusterOf());
            assertThat(three.candidates()).isDeepEqualTo(one.candidates());
            assertThat(three.candidateFactors()).isDeepEqualTo(one.candidateFactors());
        } finally {
            ex.shutdown();
        }
        // every known user is assigned to the cluster whose centroid is nearest among the clusters'
        // members' means: here the 6 well-separated blocks must not be split across clusters
        // more than 7 clusters allow, so users of one block share at most 2 clusters
        for (int b = 0; b < groups; b++) {
            java.util.Set<Integer> cl = new java.util.HashSet<>();
            for (int u = b * 40; u < (b + 1) * 40; u++) {
                cl.add(one.clusterOf()[u]);
            }
            assertThat(cl.size()).as("clusters of block %d", b).isLessThanOrEqualTo(2);
        }
    }
}
