package org.recloop.scenarios.unlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recloop.analysis.unlearning.UnlearningStudy;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.recommenders.mf.BprRecommender;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

/**
 * Reverse fine-tuning on a seeded synthetic data set, through the study of {@code recloop
 * unlearning}: the forgotten pairs' recall@10 after fine-tuning is close to the retrained (gold)
 * model's, from either side, and the retained NDCG stays close to the gold's.
 */
class FinetuneUnlearningTest {

    static final int USERS = 400;
    static final int ITEMS = 120;

    /** Users in four taste groups, each clicking 20 items mostly from its group's quarter of the catalog. */
    static Interactions clicks() {
        RandomStreams s = new RandomStreams(13);
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            UniformRandomProvider r = s.stream(RandomStreams.purpose("test.finetune"), u, 0);
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            while (seen.size() < 20) {
                int i = (u % 4) * (ITEMS / 4) + (int) (ITEMS / 4 * Math.pow(r.nextDouble(), 1.3));
                seen.add(r.nextDouble() < 0.15 ? r.nextInt(ITEMS) : i);
            }
            int t = 0;
            for (int i : seen) {
                rows.add(new int[] {u, i, t++});
            }
        }
        int n = rows.size();
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            u[r] = rows.get(r)[0];
            i[r] = rows.get(r)[1];
            t[r] = rows.get(r)[2];
            v[r] = 1f;
        }
        return new Interactions(u, i, t, v, USERS, ITEMS);
    }

    private static Supplier<Recommender> factory(String algorithm) {
        return algorithm.equals("als")
                ? () -> new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(16, 8, 0.1, 10.0))
                : () -> new BprRecommender(new BprRecommender.Params(16, 30, 0.05, 0.002, null));
    }

    /**
     * Bounds, measured on this generator (data seeds 7 and 13, split seeds 1 to 6, both
     * algorithms): two retrained models that differ only in their initial draws (the study's exact
     * method refits the same instance, which draws anew) differ in forget-set recall@10 by 0.018 on
     * average and 0.063 at most, and their retained NDCG@10 ratio ranges over 0.924 to 1.046. An
     * unlearned model is as good as a retrained one when it stays within that spread: {@value
     * #RECALL_BOUND} in recall either way (above: still remembering; below: over-forgetting, as the
     * former fixed reverse weight did, 0.01 against the gold's 0.25), and at least {@value
     * #NDCG_FRACTION} of the gold's NDCG. The defaults of forgetWeight were chosen on data seed 7,
     * this test uses data seed 13 and split seed 3.
     */
    static final double RECALL_BOUND = 0.08;

    static final double NDCG_FRACTION = 0.90;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"als, INTERACTIONS", "als, USERS", "bpr, INTERACTIONS", "bpr, USERS"})
    void finetuningLandsNearTheRetrainedModelNeitherAboveNorBelow(String algorithm, ForgetRequest.Scope scope) {
        UnlearningStudy.Result r = study(algorithm, scope);
        UnlearningStudy.Measure recall = r.forgetRecall();
        assertThat(recall.original()).isGreaterThan(0.3);
        assertThat(recall.original() - recall.gold()).isGreaterThan(2 * RECALL_BOUND); // a gap worth closing
        assertThat(recall.unlearned()).isCloseTo(recall.gold(), within(RECALL_BOUND));
        assertThat(r.ndcg().unlearned()).isGreaterThanOrEqualTo(NDCG_FRACTION * r.ndcg().gold());
    }

    /**
     * The pair-level membership attack of the interactions scope: the original model, trained on
     * the forgotten pairs, ranks them well above the same users' never-trained items; the
     * retrained model hardly tells them apart (measured up to 0.14 on this generator). A user-level
     * attack could not: the forget users stay members through their retained rows.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"als", "bpr"})
    void thePairLevelAttackTellsForgottenPairsFromNeverTrainedOnesOnlyWhileTheyAreRemembered(String algorithm) {
        UnlearningStudy.Measure advantage = study(algorithm, ForgetRequest.Scope.INTERACTIONS).advantage();
        assertThat(advantage.original()).isGreaterThan(0.4);
        assertThat(advantage.gold()).isLessThan(0.2);
    }

    private static UnlearningStudy.Result study(String algorithm, ForgetRequest.Scope scope) {
        return new UnlearningStudy(new UnlearningStudy.Options(10, UnlearningMethod.FINETUNE, scope, 40, 3, 1))
                .run(clicks(), null, factory(algorithm));
    }
}
