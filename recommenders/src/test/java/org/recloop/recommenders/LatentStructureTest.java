package org.recloop.recommenders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Recommender;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.mf.BprRecommender;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

/**
 * The matrix-factorisation models beat most-popular on NDCG@10 on the seed-fixed synthetic
 * dataset with strong latent structure (6 groups, 85% of a user's clicks in its group). The
 * kNN, EASE and content models have the same check in their own tests.
 */
class LatentStructureTest {

    private static double ndcg(SyntheticLatentData d, Recommender r) {
        r.fit(d.train(), d.trainContext(null, 1));
        return d.ndcgAt10(r);
    }

    @Test
    void alsAndBprBeatMostPopular() {
        SyntheticLatentData d = SyntheticLatentData.create();
        double pop = ndcg(d, new MostPopularRecommender(MostPopularRecommender.Params.defaults()));
        double als = ndcg(d, new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(16, 10, 0.1, 10.0)));
        double bpr = ndcg(d, new BprRecommender(new BprRecommender.Params(16, 60, 0.05, 0.002, null)));
        // most-popular ignores the groups (NDCG about 0.07 here); a model that finds them ranks
        // the user's group first, which kNN and EASE show is worth about 6x. Ask for 3x, like them.
        assertThat(als).as("als vs most-popular %.4f", pop).isGreaterThan(3 * pop);
        assertThat(bpr).as("bpr vs most-popular %.4f", pop).isGreaterThan(3 * pop);
    }

    /**
     * The contextual bandits learn online: 25 rounds in which every user is served a slate and
     * clicks each shown item of its own group with probability 0.3 and other items with 0.02
     * (an environment with the dataset's latent structure, drawn from a seed-fixed stream), fed
     * back through observe(). They start from the training log (their user profiles) and are
     * then scored on the held-out items like the others.
     */
    @Test
    void contextualBanditsBeatMostPopularAfterOnlineLearning() {
        SyntheticLatentData d = SyntheticLatentData.create();
        double pop = ndcg(d, new MostPopularRecommender(MostPopularRecommender.Params.defaults()));
        for (Recommender bandit : new Recommender[] {
            new org.recloop.recommenders.bandit.LinUcbRecommender(
                    new org.recloop.recommenders.bandit.LinUcbRecommender.Params(null, null)),
            new org.recloop.recommenders.bandit.ThompsonSamplingRecommender(
                    new org.recloop.recommenders.bandit.ThompsonSamplingRecommender.Params(null, null))}) {
            bandit.fit(d.train(), d.trainContext(null, 1));
            for (int round = 0; round < 25; round++) {
                org.recloop.core.serve.SlateBatch shown = d.recommendAll(bandit, 10);
                java.util.List<int[]> clicks = new java.util.ArrayList<>();
                for (int s = 0; s < shown.size(); s++) {
                    int u = shown.user(s);
                    org.apache.commons.rng.UniformRandomProvider g = d.streams().stream(777, u, round);
                    for (int p = 0; p < shown.length(s); p++) {
                        int item = shown.item(s, p);
                        double pc = SyntheticLatentData.group(item) == SyntheticLatentData.userGroup(u) ? 0.3 : 0.02;
                        if (g.nextDouble() < pc) {
                            clicks.add(new int[] {u, item});
                        }
                    }
                }
                int n = clicks.size();
                int[] us = new int[n];
                int[] is = new int[n];
                float[] v = new float[n];
                for (int r = 0; r < n; r++) {
                    us[r] = clicks.get(r)[0];
                    is[r] = clicks.get(r)[1];
                    v[r] = 1f;
                }
                bandit.observe(shown, new org.recloop.core.serve.Interactions(us, is, new int[n], v,
                        SyntheticLatentData.USERS, SyntheticLatentData.ITEMS), d.trainContext(null, 1));
            }
            double ndcg = d.ndcgAt10(bandit);
            // they rank through item features (group centre plus noise), like the content model,
            // whose ceiling here is about 2x most-popular; the same 1.5x margin as content
            assertThat(ndcg).as("%s vs most-popular %.4f", bandit.getClass().getSimpleName(), pop)
                    .isGreaterThan(1.5 * pop);
        }
    }
}
