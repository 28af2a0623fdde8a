package org.recloop.scenarios.unlearning;

import static org.assertj.core.api.Assertions.assertThat;

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
 * model's and far below the original's.
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

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"als, INTERACTIONS", "als, USERS", "bpr, INTERACTIONS", "bpr, USERS"})
    void forgetSetRecallAfterFinetuningIsNearTheRetrainedModelsAndFarBelowTheOriginals(String algorithm,
            ForgetRequest.Scope scope) {
        UnlearningStudy.Result r = new UnlearningStudy(new UnlearningStudy.Options(10, UnlearningMethod.FINETUNE, scope,
                40, 3, 1)).run(clicks(), null, factory(algorithm));
        UnlearningStudy.Measure recall = r.forgetRecall();
        assertThat(recall.original()).isGreaterThan(0.3);
        // Bound: the gold model ranks the forgotten items as held-out test items of their taste group, so
        // its recall is what collaborative filtering recovers without the data (not zero). Reverse
        // fine-tuning must not do worse than 0.10 above it (still remembering), and must remove at least
        // two thirds of the gap between the original and the gold model.
        assertThat(recall.unlearned()).isLessThanOrEqualTo(recall.gold() + 0.10);
        assertThat(recall.original() - recall.unlearned())
                .isGreaterThanOrEqualTo(2.0 / 3 * (recall.original() - recall.gold()));
    }
}
