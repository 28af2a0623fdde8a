package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;

class EvaluatorTest {

    private static final double EPS = 1e-9;

    /**
     * A recommender with one fixed global ranking: every user gets the ranking's items they have
     * not consumed, best first. Records what it was given.
     */
    static final class FixedRanking implements Recommender {
        private final int[] ranking;
        private final boolean ignoreConsumed;
        Interactions fitted;
        TrainContext trainContext;
        ServeContext serveContext;

        FixedRanking(boolean ignoreConsumed, int... ranking) {
            this.ranking = ranking;
            this.ignoreConsumed = ignoreConsumed;
        }

        @Override
        public void fit(Interactions all, TrainContext ctx) {
            fitted = all;
            trainContext = ctx;
        }

        @Override
        public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            serveContext = ctx;
            for (int s = from; s < to; s++) {
                int u = slates.user(s);
                int r = 0;
                for (int item : ranking) {
                    if (r == slates.k()) {
                        break;
                    }
                    if (ignoreConsumed || !ctx.consumed().contains(u, item)) {
                        slates.set(s, r, item, ranking.length - r, 1f, SlateSource.RECOMMENDER);
                        r++;
                    }
                }
            }
        }

        @Override
        public int modelVersion() {
            return fitted == null ? 0 : 1;
        }
    }

    /**
     * Four users, six items; leave-one-out:
     * <pre>
     * user 0: item 0 (t1), 1 (t2), 2 (t3)  -> train {0,1}, test {2}
     * user 1: item 1 (t1), 0 (t2), 3 (t3)  -> train {0,1}, test {3}
     * user 2: item 4 (t1), 1 (t2)          -> train {4},   test {1}
     * user 3: item 1 (t1)                  -> train {1},   no test
     * </pre>
     * Training popularity φ: item 0 = 2, item 1 = 3, item 4 = 1, others 0; 4 training users;
     * 6 interactions, head share 0.2 -> target 1.2 -> head {1}, long tail {0,2,3,4,5}.
     */
    static Split.Result split() {
        int[] users = {0, 1, 2, 3, 0, 1, 2, 0, 1};
        int[] items = {0, 1, 4, 1, 1, 0, 1, 2, 3};
        int[] ticks = {1, 1, 1, 1, 2, 2, 2, 3, 3};
        return Split.leaveOneOut(new Interactions(users, items, ticks, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 4, 6));
    }

    private static Map<String, Double> byKey(List<Evaluator.Row> rows) {
        Map<String, Double> m = new HashMap<>();
        for (Evaluator.Row r : rows) {
            m.put(r.metric() + "@" + r.k(), r.value());
        }
        return m;
    }

    @Test
    void scoresAFixedRankingAgainstHandComputedValues() {
        Split.Result split = split();
        assertThat(split.testUsers()).containsExactly(0, 1, 2);
        FixedRanking rec = new FixedRanking(false, 5, 2, 1, 3, 0, 4);
        Evaluator ev = new Evaluator(Evaluator.Options.of(List.of(3, 1, 2, 3), 11));
        List<Evaluator.Row> rows = ev.evaluate(split, null, new Evaluator.Algorithm("fixed", () -> rec));

        // what the recommender saw: the 6 training rows, tick = last training tick (2) + 1, seed 11,
        // training items as consumed
        assertThat(rec.fitted.size()).isEqualTo(6);
        assertThat(rec.trainContext.tick()).isEqualTo(3);
        assertThat(rec.trainContext.streams().seed()).isEqualTo(11);
        assertThat(rec.trainContext.executor()).isNull();
        assertThat(rec.serveContext.tick()).isEqualTo(3);
        assertThat(rec.serveContext.numItems()).isEqualTo(6);
        assertThat(rec.serveContext.consumed().itemsOf(0)).containsExactly(0, 1);
        assertThat(rec.serveContext.consumed().itemsOf(2)).containsExactly(4);

        // slates (ranking 5,2,1,3,0,4 minus consumed), maxK = 3:
        //   user 0 [5,2,3] rel {2}: hit at rank 2
        //   user 1 [5,2,3] rel {3}: hit at rank 3
        //   user 2 [5,2,1] rel {1}: hit at rank 3
        Map<String, Double> v = byKey(rows);
        // K = 1: lists [5],[5],[5]: no hit anywhere
        for (String m : List.of("precision", "recall", "ndcg", "map", "mrr", "hit_rate")) {
            assertThat(v.get(m + "@1")).as(m + "@1").isEqualTo(0.0);
        }
        assertThat(v.get("coverage@1")).isCloseTo(1.0 / 6, within(EPS)); // {5}
        assertThat(v.get("arp@1")).isEqualTo(0.0); // φ(5) = 0
        assertThat(v.get("aplt@1")).isEqualTo(1.0); // 5 is in the tail
        assertThat(v.get("pop_reo@1")).as("no hit in either group").isNaN();
        assertThat(v.get("novelty@1")).isCloseTo(2.0, within(EPS)); // -log2(max(0,1)/4) = 2

        // K = 2: only user 0 hits (rank 2)
        assertThat(v.get("precision@2")).isCloseTo((0.5 + 0 + 0) / 3, within(EPS));
        assertThat(v.get("recall@2")).isCloseTo(1.0 / 3, within(EPS));
        double l3 = 1 / (Math.log(3) / Math.log(2));
        assertThat(v.get("ndcg@2")).isCloseTo(l3 / 3, within(EPS)); // 0.63093/3 = 0.21031
        assertThat(v.get("map@2")).isCloseTo(0.5 / 3, within(EPS)); // AP = (1/2)/min(1,2)
        assertThat(v.get("mrr@2")).isCloseTo(0.5 / 3, within(EPS));
        assertThat(v.get("hit_rate@2")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(v.get("coverage@2")).isCloseTo(2.0 / 6, within(EPS)); // {5,2}
        // PopREO@2: head relevant = user 2's item 1, missed: P_h = 0/1; tail relevant = items 2 and 3,
        // one hit: P_t = 1/2; |0 - 1/2| / (0 + 1/2) = 1
        assertThat(v.get("pop_reo@2")).isCloseTo(1.0, within(EPS));

        // K = 3: everybody hits
        assertThat(v.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(v.get("recall@3")).isCloseTo(1.0, within(EPS));
        // NDCG: user 0 1/log2(3), users 1 and 2 1/log2(4) = 0.5: (0.63093 + 1) / 3 = 0.54364
        assertThat(v.get("ndcg@3")).isCloseTo((l3 + 0.5 + 0.5) / 3, within(EPS)).isCloseTo(0.5436432512, within(EPS));
        // AP = RR here (one relevant item each): (1/2 + 1/3 + 1/3) / 3 = 0.38889
        assertThat(v.get("map@3")).isCloseTo((0.5 + 1.0 / 3 + 1.0 / 3) / 3, within(EPS));
        assertThat(v.get("mrr@3")).isCloseTo((0.5 + 1.0 / 3 + 1.0 / 3) / 3, within(EPS));
        assertThat(v.get("hit_rate@3")).isEqualTo(1.0);
        assertThat(v.get("coverage@3")).isCloseTo(4.0 / 6, within(EPS)); // {5,2,3,1}
        // ARP: users 0, 1 -> 0; user 2 -> (0 + 0 + 3)/3 = 1; mean 1/3
        assertThat(v.get("arp@3")).isCloseTo(1.0 / 3, within(EPS));
        // APLT: 1, 1, 2/3 -> 8/9
        assertThat(v.get("aplt@3")).isCloseTo(8.0 / 9, within(EPS));
        // PopREO@3: P_h = 1/1, P_t = 2/2: equal opportunity, 0
        assertThat(v.get("pop_reo@3")).isCloseTo(0.0, within(EPS));
        // novelty: users 0, 1 -> 2; user 2 -> (2 + 2 + -log2(3/4)) / 3 = (6 - log2 3) / 3 = 1.47168; mean 1.82389
        double log23 = Math.log(3) / Math.log(2);
        assertThat(v.get("novelty@3")).isCloseTo((2 + 2 + (6 - log23) / 3) / 3, within(EPS));

        // no catalog: no ILD rows; rows are metric-major, k ascending (k deduplicated and sorted)
        assertThat(v).doesNotContainKey("ild@3");
        assertThat(rows).hasSize(11 * 3);
        assertThat(rows.get(0)).isEqualTo(new Evaluator.Row("fixed", "precision", 1, 0.0));
        assertThat(rows.stream().map(Evaluator.Row::k).limit(3)).containsExactly(1, 2, 3);
        assertThat(rows.stream().map(Evaluator.Row::metric).distinct())
                .containsExactly("precision", "recall", "ndcg", "map", "mrr", "hit_rate", "coverage", "arp", "aplt",
                        "pop_reo", "novelty");
    }

    @Test
    void reportsIntraListDiversityWhenTheCatalogHasFeatures() {
        // features (dim 2): 5 (1,0), 2 (0,1), 3 (1,0), 1 (1,1), 0 and 4 (1,0)
        Catalog cat = new Catalog(2, 6);
        float[][] f = {{1, 0}, {1, 1}, {0, 1}, {1, 0}, {1, 0}, {1, 0}};
        for (float[] x : f) {
            cat.add(x, 0, 0, 0.5f, 1f, 0);
        }
        FixedRanking rec = new FixedRanking(false, 5, 2, 1, 3, 0, 4);
        List<Evaluator.Row> rows = new Evaluator(Evaluator.Options.of(List.of(1, 2, 3), 1)).evaluate(split(), cat,
                List.of(new Evaluator.Algorithm("fixed", () -> rec)));
        assertThat(rec.trainContext.catalog()).isSameAs(cat);
        assertThat(rec.serveContext.catalog()).isSameAs(cat);
        Map<String, Double> v = byKey(rows);
        // K = 1: no list with two items
        assertThat(v.get("ild@1")).isNaN();
        // K = 2: [5,2] for everyone, orthogonal: 1
        assertThat(v.get("ild@2")).isCloseTo(1.0, within(EPS));
        // K = 3: [5,2,3]: d(5,2) = 1, d(5,3) = 0, d(2,3) = 1 -> 2/3 (users 0 and 1)
        //        [5,2,1]: 1, 1 - 1/sqrt2, 1 - 1/sqrt2 -> 0.52860 (user 2); mean 0.62064
        double third = (1 + 2 * (1 - 1 / Math.sqrt(2))) / 3;
        assertThat(v.get("ild@3")).isCloseTo((2.0 / 3 + 2.0 / 3 + third) / 3, within(EPS))
                .isCloseTo(0.6206429375, within(EPS));
        assertThat(rows).hasSize(12 * 3);
    }

    @Test
    void evaluatesSeveralAlgorithmsInOrderWithFreshInstances() {
        int[] made = new int[1];
        List<Evaluator.Row> rows = new Evaluator(Evaluator.Options.of(List.of(3), 1)).evaluate(split(), null, List.of(
                new Evaluator.Algorithm("good", () -> {
                    made[0]++;
                    return new FixedRanking(false, 2, 3, 1);
                }),
                new Evaluator.Algorithm("bad", () -> {
                    made[0]++;
                    return new FixedRanking(false, 5, 4, 0);
                })));
        assertThat(made[0]).isEqualTo(2);
        assertThat(rows.get(0).algorithm()).isEqualTo("good");
        assertThat(rows.get(rows.size() - 1).algorithm()).isEqualTo("bad");
        Map<String, Double> good = byKey(rows.subList(0, 11));
        Map<String, Double> bad = byKey(rows.subList(11, 22));
        // good: user 0 [2,3] (1 consumed), user 1 [2,3], user 2 [2,3,1]: ranks 1, 2, 3
        assertThat(good.get("mrr@3")).isCloseTo((1 + 0.5 + 1.0 / 3) / 3, within(EPS));
        // bad: user 0 [5,4], user 1 [5,4], user 2 [5,0]: no hit; short lists are fine
        assertThat(bad.get("ndcg@3")).isEqualTo(0.0);
        assertThat(bad.get("precision@3")).isEqualTo(0.0);
    }

    @Test
    void aRecommenderBreakingTheContractIsReported() {
        Evaluator ev = new Evaluator(Evaluator.Options.of(List.of(2), 1));
        // recommends consumed items
        assertThatThrownBy(() -> ev.evaluate(split(), null, new Evaluator.Algorithm("leaky",
                () -> new FixedRanking(true, 0, 1, 2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("algorithm 'leaky' recommended item 0 to user 0, who interacted with it in training");
        // recommends an item twice
        assertThatThrownBy(() -> ev.evaluate(split(), null, new Evaluator.Algorithm("twice",
                () -> new FixedRanking(false, 5, 5))))
                .hasMessage("algorithm 'twice' recommended item 5 twice to user 0");
        // an item outside the catalog
        assertThatThrownBy(() -> ev.evaluate(split(), null, new Evaluator.Algorithm("outside",
                () -> new FixedRanking(false, 9))))
                .hasMessageContaining("outside the catalog [0, 6)");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> Evaluator.Options.of(List.of(), 1)).hasMessage("at least one cutoff k is needed");
        assertThatThrownBy(() -> Evaluator.Options.of(List.of(10, 0), 1))
                .hasMessage("every cutoff k must be > 0, was 0");
        assertThatThrownBy(() -> new Evaluator.Options(List.of(5), 1, 1.5)).hasMessageContaining("head share");
        assertThat(Evaluator.Options.of(List.of(20, 5, 20), 1).ks()).containsExactly(5, 20);
        assertThat(Evaluator.Options.of(List.of(20, 5), 1).maxK()).isEqualTo(20);
        Split.Result none = Split.leaveOneOut(new Interactions(new int[] {0}, new int[] {0}, new int[1], new float[1], 1, 1));
        assertThatThrownBy(() -> new Evaluator(Evaluator.Options.of(List.of(1), 1)).evaluate(none, null,
                new Evaluator.Algorithm("x", () -> new FixedRanking(false, 0))))
                .hasMessage("the split has no test users");
    }
}
