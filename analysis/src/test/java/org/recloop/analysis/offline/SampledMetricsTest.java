package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;

class SampledMetricsTest {

    /** Every user scores item i with {@code scores[i]}. */
    static final class FixedScores extends ScoringRecommender {
        private final float[] scores;
        private boolean fitted;

        FixedScores(float... scores) {
            this.scores = scores;
        }

        @Override
        public void fit(Interactions all, TrainContext ctx) {
            fitted = true;
        }

        @Override
        public int modelVersion() {
            return fitted ? 1 : 0;
        }

        @Override
        protected Optional<ItemScorer> scorer(ServeContext ctx) {
            return Optional.of(new ItemScorer.Dense() {
                @Override
                public int scoredItems() {
                    return scores.length;
                }

                @Override
                public Fallback fallback() {
                    return Fallback.random();
                }

                @Override
                public boolean knows(int user) {
                    return true;
                }

                @Override
                public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
                    for (int g = 0; g < count; g++) {
                        System.arraycopy(scores, i0, out, g * stride, i1 - i0);
                    }
                }
            });
        }
    }

    private static Map<String, Double> sampled(List<Evaluator.Row> rows) {
        Map<String, Double> m = new HashMap<>();
        for (Evaluator.Row r : rows) {
            if (r.metric().startsWith("sampled_")) {
                m.put(r.metric() + "@" + r.k(), r.value());
            }
        }
        return m;
    }

    private static List<Evaluator.Row> run(Evaluator.Algorithm a, int negatives, long seed) {
        return new Evaluator(Evaluator.Options.of(List.of(1, 2, 3), seed)).evaluate(EvaluatorTest.split(), null, a,
                negatives);
    }

    /**
     * Scores 0:2, 1:4, 2:5, 3:3, 4:1, 5:6. With N at least every candidate, the negatives are all
     * unseen non-test items: user 0 (train {0,1}, test 2 scoring 5) against {3,4,5} scoring 3,1,6:
     * rank 1; user 1 (test 3 scoring 3) against {2,4,5} scoring 5,1,6: rank 2; user 2 (train {4},
     * test 1 scoring 4) against {0,2,3,5} scoring 2,5,3,6: rank 2.
     */
    @Test
    void ranksEachTestItemAgainstItsNegativesByHand() {
        Map<String, Double> m = sampled(run(new Evaluator.Algorithm("fixed", () -> new FixedScores(2, 4, 5, 3, 1, 6)),
                10, 1));
        double log3 = 1 / (Math.log(3) / Math.log(2));
        assertThat(m.get("sampled_hit_rate@1")).isEqualTo(0.0);
        assertThat(m.get("sampled_hit_rate@2")).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(m.get("sampled_hit_rate@3")).isCloseTo(1.0, within(1e-12));
        assertThat(m.get("sampled_ndcg@2")).isCloseTo(log3 / 3, within(1e-12));
        assertThat(m.get("sampled_ndcg@3")).isCloseTo((log3 + 0.5 + 0.5) / 3, within(1e-12));
        assertThat(m.get("sampled_mrr@3")).isCloseTo((0.5 + 1 / 3.0 + 1 / 3.0) / 3, within(1e-12));
        assertThat(m).hasSize(9);
    }

    @Test
    void fullRankingRowsComeFirstAndStayTheSame() {
        Evaluator.Algorithm a = new Evaluator.Algorithm("fixed", () -> new FixedScores(2, 4, 5, 3, 1, 6));
        List<Evaluator.Row> full = run(a, 0, 1);
        List<Evaluator.Row> both = run(a, 2, 1);
        assertThat(full).noneMatch(r -> r.metric().startsWith("sampled_"));
        assertThat(both.subList(0, full.size())).isEqualTo(full);
        assertThat(both).hasSize(full.size() + 9);
    }

    @Test
    void tiesCountAgainstTheTestItem() {
        // equal scores everywhere: the test item ranks behind all its negatives
        Map<String, Double> m = sampled(run(new Evaluator.Algorithm("flat", () -> new FixedScores(1, 1, 1, 1, 1, 1)),
                2, 1));
        assertThat(m.get("sampled_hit_rate@2")).isEqualTo(0.0);
        assertThat(m.get("sampled_hit_rate@3")).isEqualTo(1.0);
    }

    @Test
    void fewNegativesAreSeededAndFlatterThanTheFullRanking() {
        Evaluator.Algorithm a = new Evaluator.Algorithm("fixed", () -> new FixedScores(2, 4, 5, 3, 1, 6));
        assertThat(sampled(run(a, 1, 7))).isEqualTo(sampled(run(a, 1, 7)));
        // one negative: a rank is 0 or 1, so every test item is a hit at 2 although the full ranking misses some
        Map<String, Double> one = sampled(run(a, 1, 7));
        assertThat(one.get("sampled_hit_rate@2")).isEqualTo(1.0);
        Map<String, Double> fullRows = new HashMap<>();
        run(a, 0, 7).forEach(r -> fullRows.put(r.metric() + "@" + r.k(), r.value()));
        assertThat(fullRows.get("hit_rate@2")).isLessThan(1.0);
    }

    @Test
    void aRecommenderWithoutModelScoresGetsNaN() {
        Map<String, Double> m = sampled(run(new Evaluator.Algorithm("fixed-list",
                () -> new EvaluatorTest.FixedRanking(false, 5, 2, 1, 3, 0, 4)), 3, 1));
        assertThat(m.values()).hasSize(9).allMatch(v -> v.isNaN());
    }

    @Test
    void rankCountsHigherAndEqualScores() {
        assertThat(SampledMetrics.rank(2f, new float[] {1f, 2f, 3f, 0f}, 4)).isEqualTo(2);
        assertThat(SampledMetrics.rank(2f, new float[] {1f, 2f, 3f, 0f}, 1)).isZero();
    }
}
