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
}
