package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.ServedScores;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SparseScores;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.World;

class AttackImpactTest {

    @Test
    void countsRealUsersOnly() {
        World w = Views.world(4, 10);
        w.groundTruth().markFake(3, 4); // user 3 is an attacker
        // user 0: target 1 at rank 3; user 1: no target; user 2: target 2 at rank 1; user 3 (fake): target first
        SlateBatch slates = Views.slates(3, new int[] {5, 6, 1}, new int[] {5, 6, 7}, new int[] {2, 8, 9},
                new int[] {1, 2, 3});
        EventBuffer ev = new EventBuffer();
        ev.add(0, 6, EventType.CLICK, 0, 1, 0.5f);
        ev.add(2, -1, EventType.SEARCH, -1, -1, 0f);
        ev.add(2, 4, EventType.CLICK, -1, -1, 0.1f);
        ev.add(3, 1, EventType.CLICK, 3, 0, 9f);
        w.history().add(0, 6);
        w.history().add(2, 2);
        w.history().add(3, 1);
        long[] exposures = new long[10];
        exposures[1] = 3;
        exposures[5] = 7;
        Map<String, Double> out = new HashMap<>();
        AttackImpact m = new AttackImpact(new AttackImpact.Params(List.of(1, 2), 2, null));
        m.observe(Views.view(0, w, slates, ev, exposures, new long[10]), out);
        assertThat(m.names()).containsExactly("target_hit_ratio@2", "target_mean_rank", "target_exposure",
                "target_consumption", "real_ctr", "real_utility", "target_score_percentile");
        assertThat(out.get("target_hit_ratio@2")).as("only user 2 has a target in the first 2").isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out.get("target_mean_rank")).isCloseTo(2.0, within(1e-12));
        assertThat(out.get("target_exposure")).isCloseTo(0.3, within(1e-12));
        assertThat(out.get("target_consumption")).as("user 2 of the 3 real users").isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out.get("real_ctr")).as("one slate click in 9 real exposures").isCloseTo(1.0 / 9, within(1e-12));
        assertThat(out.get("real_utility")).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void meanRankIsNaNWhenNoRealSlateShowsATarget() {
        World w = Views.world(2, 5);
        SlateBatch slates = Views.slates(2, new int[] {3, 4}, new int[0]);
        Map<String, Double> out = new HashMap<>();
        new AttackImpact(new AttackImpact.Params(List.of(1), null, null)).observe(
                Views.view(0, w, slates, new EventBuffer(), new long[5], new long[5]), out);
        assertThat(out.get("target_mean_rank")).isNaN();
        assertThat(out.get("target_hit_ratio@10")).isZero();
    }

    /** A recommender whose model is a fixed table of scores (rows: users; null row: unknown user). */
    private static ScoringRecommender table(float[][] rows) {
        return model(new ItemScorer.Dense() {
            @Override
            public int scoredItems() {
                return rows[0].length;
            }

            @Override
            public Fallback fallback() {
                return Fallback.random();
            }

            @Override
            public boolean knows(int user) {
                return rows[user] != null;
            }

            @Override
            public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
                for (int g = 0; g < count; g++) {
                    for (int i = i0; i < i1; i++) {
                        out[g * stride + i - i0] = rows[users[g]][i];
                    }
                }
            }
        });
    }

    private static ScoringRecommender model(ItemScorer scorer) {
        return new ScoringRecommender() {
            @Override
            protected Optional<ItemScorer> scorer(ServeContext ctx) {
                return Optional.ofNullable(scorer);
            }

            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public int modelVersion() {
                return 1;
            }
        };
    }

    private static double percentile(World w, Recommender r, List<Integer> targets) {
        ServeContext ctx = new ServeContext(0, w.catalog().size(), w.history(), new RandomStreams(7), w.catalog());
        TickView view = new TickView(0, w, Views.slates(2, new int[0]), new EventBuffer(), new long[w.catalog().size()],
                new long[w.catalog().size()], new RandomStreams(7), ServedScores.of(r, ctx));
        Map<String, Double> out = new HashMap<>();
        new AttackImpact(new AttackImpact.Params(targets, 2, null)).observe(view, out);
        return out.get("target_score_percentile");
    }

    @Test
    void scorePercentileIsTheTargetsMidRankAmongRealUsersUnconsumedItems() {
        World w = Views.world(4, 6);
        w.groundTruth().markFake(3, 4);
        w.history().add(0, 0);
        w.history().add(1, 1);
        // item 5 is beyond the 5 items the model was fitted on: it scores below every scored item
        float[][] scores = {
            {0.9f, 0.5f, 0.1f, 0.3f, 0.5f},
            {0.2f, 0.8f, 0.6f, 0.6f, 0.6f},
            null, // unknown to the model: no scores, left out
            {0f, 9f, 9f, 0f, 0f}, // fake: left out
        };
        // user 0, target 1 (0.5) against 2, 3, 4, 5: below 2, 3, 5, tie 4 -> 3.5 / 4 = 0.875
        // user 0, target 2 (0.1) against 1, 3, 4, 5: below 5 -> 1 / 4 = 0.25
        // user 1 consumed target 1; target 2 (0.6) against 0, 3, 4, 5: below 0, 5, ties 3, 4 -> 3 / 4
        assertThat(percentile(w, table(scores), List.of(1, 2))).isCloseTo((0.875 + 0.25 + 0.75) / 3, within(1e-12));
    }

    @Test
    void scorePercentileOfASparseModelRanksUnreachedItemsLast() {
        World w = Views.world(1, 6);
        ItemScorer.Sparse sparse = new ItemScorer.Sparse() {
            @Override
            public int scoredItems() {
                return 6;
            }

            @Override
            public Fallback fallback() {
                return Fallback.random();
            }

            @Override
            public void score(int user, SparseScores into) {
                into.add(1, 2f);
                into.add(3, 1f);
            }
        };
        // target 1 (2.0) beats all 5 others -> 1; target 2 (unreached) ties with 0, 4, 5 of 5 -> 1.5 / 5
        assertThat(percentile(w, model(sparse), List.of(1, 2))).isCloseTo((1.0 + 0.3) / 2, within(1e-12));
    }

    @Test
    void scorePercentileIsNaNWithoutScores() {
        World w = Views.world(2, 5);
        assertThat(percentile(w, model(null), List.of(1))).as("before the first fit").isNaN();
        Recommender notScoring = new Recommender() {
            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {}

            @Override
            public int modelVersion() {
                return 0;
            }
        };
        assertThat(percentile(w, notScoring, List.of(1))).isNaN();
    }
}
