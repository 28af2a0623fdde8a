package org.recloop.recommenders.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Warm-started refits ({@code warmIterations}): what they cost in accuracy against full refits,
 * that they stay independent of the thread count, and that exact unlearning never starts warm.
 */
class ImplicitAlsWarmStartTest {

    static final int USERS = 1500;
    static final int ITEMS = 400;
    static final int D = 8;
    static final int REFITS = 6;
    static final int CLICKS_PER_REFIT = 3;

    /**
     * A log that grows as in a run: users and items have random 8-dimensional tastes; at each of
     * {@link #REFITS} stages every user clicks {@link #CLICKS_PER_REFIT} more items, drawn by a
     * softmax over taste·attribute (temperature 0.5). The last click of every user is held out.
     */
    static final class GrowingLog {
        final int[][] clicks = new int[USERS][];
        final int[] heldOut = new int[USERS];

        GrowingLog(long seed) {
            RandomStreams rs = new RandomStreams(seed);
            float[] u = gaussians(rs.stream(1, 0, 0), USERS * D);
            float[] v = gaussians(rs.stream(2, 0, 0), ITEMS * D);
            int per = REFITS * CLICKS_PER_REFIT + 1;
            double[] w = new double[ITEMS];
            for (int a = 0; a < USERS; a++) {
                UniformRandomProvider rng = rs.stream(3, a, 0);
                double total = 0;
                for (int i = 0; i < ITEMS; i++) {
                    double s = 0;
                    for (int f = 0; f < D; f++) {
                        s += u[a * D + f] * v[i * D + f];
                    }
                    w[i] = Math.exp(s / 0.5 / Math.sqrt(D));
                    total += w[i];
                }
                clicks[a] = new int[per];
                for (int c = 0; c < per; c++) {
                    double r = rng.nextDouble() * total;
                    int i = 0;
                    while (i < ITEMS - 1 && (r -= w[i]) > 0) {
                        i++;
                    }
                    clicks[a][c] = i;
                }
                heldOut[a] = clicks[a][per - 1];
            }
        }

        /** Every user's first {@code stage * CLICKS_PER_REFIT} clicks (stage 1..REFITS). */
        Interactions upTo(int stage) {
            int n = stage * CLICKS_PER_REFIT;
            int[] us = new int[USERS * n];
            int[] is = new int[USERS * n];
            for (int a = 0; a < USERS; a++) {
                for (int c = 0; c < n; c++) {
                    us[a * n + c] = a;
                    is[a * n + c] = clicks[a][c];
                }
            }
            float[] ones = new float[us.length];
            Arrays.fill(ones, 1f);
            return new Interactions(us, is, new int[us.length], ones, USERS, ITEMS);
        }

        /**
         * Share of users whose held-out item is in their top 10 among items they have not
         * clicked in the training stages (recall@10 with one relevant item).
         */
        double recallAt10(FactorModel m, int stage) {
            int hits = 0;
            int n = stage * CLICKS_PER_REFIT;
            for (int a = 0; a < USERS; a++) {
                boolean[] seen = new boolean[ITEMS];
                for (int c = 0; c < n; c++) {
                    seen[clicks[a][c]] = true;
                }
                if (seen[heldOut[a]]) {
                    continue; // a repeat: not a ranking question
                }
                float target = m.score(a, heldOut[a]);
                int better = 0;
                for (int i = 0; i < ITEMS; i++) {
                    if (!seen[i] && i != heldOut[a] && m.score(a, i) > target) {
                        better++;
                    }
                }
                hits += better < 10 ? 1 : 0;
            }
            return (double) hits / USERS;
        }
    }

    static float[] gaussians(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) g.sample();
        }
        return v;
    }

    static ImplicitAlsRecommender als(int warm, int clusters) {
        return new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(D, 2, 0.1, 10.0, null,
                new Retrieval(clusters, 50), null, warm, null));
    }

    /** Fits {@code als} at every stage of the log, as a run's scheduled refits do. */
    static void refitEveryStage(ImplicitAlsRecommender als, GrowingLog log, RandomStreams rs, ExecutorService ex,
            int threads) {
        for (int stage = 1; stage <= REFITS; stage++) {
            als.fit(log.upTo(stage), new TrainContext(stage * 10 - 1, rs, ex, threads));
        }
    }

    /**
     * The accuracy cost of one warm sweep per refit against two sweeps from scratch (the large
     * benchmark's settings), after six refits of a growing log, over three data seeds. Recall@10
     * of one held-out click per user is a share of 1,500 users; its sampling noise at p ~ 0.1 is
     * under 0.01, so a loss of 0.03 or more would be a real cost, not noise. Random ranking gives
     * 10/400 = 0.025. Printed besides: a converged fit from scratch (10 sweeps), the ceiling.
     */
    @Test
    void oneWarmSweepPerRefitRecallsAsWellAsTwoSweepsFromScratch() {
        for (long seed : new long[] {1, 2, 3}) {
            GrowingLog log = new GrowingLog(seed);
            RandomStreams rs = new RandomStreams(seed + 100);
            ImplicitAlsRecommender warm = als(1, 0);
            ImplicitAlsRecommender full = als(0, 0);
            ImplicitAlsRecommender converged = new ImplicitAlsRecommender(
                    new ImplicitAlsRecommender.Params(D, 10, 0.1, 10.0));
            refitEveryStage(warm, log, rs, null, 1);
            refitEveryStage(full, log, rs, null, 1);
            converged.fit(log.upTo(REFITS), new TrainContext(0, rs, null, 1));
            double w = log.recallAt10(warm.model(), REFITS);
            double f = log.recallAt10(full.model(), REFITS);
            System.out.printf("seed %d: recall@10 warm (1 sweep/refit) %.4f, full (2 sweeps) %.4f, converged"
                    + " (10 sweeps) %.4f%n", seed, w, f, log.recallAt10(converged.model(), REFITS));
            assertThat(f).as("the full refit learned something (random: 0.025)").isGreaterThan(0.05);
            assertThat(w).as("seed %d: warm against full recall@10", seed).isGreaterThan(f - 0.03);
        }
    }

    @Test
    void aWarmRefitChangesTheModelOnlyWhenAskedFor() {
        GrowingLog log = new GrowingLog(4);
        RandomStreams rs = new RandomStreams(9);
        ImplicitAlsRecommender warm = als(1, 0);
        ImplicitAlsRecommender cold = als(0, 0);
        refitEveryStage(warm, log, rs, null, 1);
        refitEveryStage(cold, log, rs, null, 1);
        assertThat(warm.iterationSeconds()).hasSize(1);
        assertThat(cold.iterationSeconds()).hasSize(2);
        assertThat(warm.model().y()).isNotEqualTo(cold.model().y());
    }

    /** Warm factors and warm-started clusters are the same on 1 and 2 threads. */
    @Test
    void warmRefitsAreTheSameOnOneAndTwoThreads() {
        GrowingLog log = new GrowingLog(5);
        RandomStreams rs = new RandomStreams(6);
        ImplicitAlsRecommender one = als(1, 16);
        refitEveryStage(one, log, rs, null, 1);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            ImplicitAlsRecommender two = als(1, 16);
            refitEveryStage(two, log, rs, ex, 2);
            assertThat(two.model().x()).containsExactly(one.model().x());
            assertThat(two.model().y()).containsExactly(one.model().y());
            assertThat(two.model().centroids()).containsExactly(one.model().centroids());
            assertThat(two.model().clusterOf()).containsExactly(one.model().clusterOf());
        } finally {
            ex.shutdown();
        }
    }

    /**
     * Exact unlearning refits from scratch even with warm starts on: the warm recommender's {@code
     * fitFromScratch} gives the factors of a cold recommender with the same fit history (the
     * initial factors are keyed by fit number), so nothing of the earlier factors carries over.
     */
    @Test
    void fitFromScratchIgnoresThePreviousFactors() {
        GrowingLog log = new GrowingLog(7);
        RandomStreams rs = new RandomStreams(8);
        ImplicitAlsRecommender warm = als(1, 16);
        ImplicitAlsRecommender cold = als(0, 16);
        refitEveryStage(warm, log, rs, null, 1);
        refitEveryStage(cold, log, rs, null, 1);
        Interactions retained = log.upTo(2);
        warm.fitFromScratch(retained, new TrainContext(70, rs, null, 1));
        cold.fit(retained, new TrainContext(70, rs, null, 1));
        assertThat(warm.model().y()).containsExactly(cold.model().y());
        assertThat(warm.model().centroids()).containsExactly(cold.model().centroids());
    }

    /** Share of the exact top-10 items that candidate serving also finds, over every user. */
    static double candidateRecall(FactorModel m) {
        int[] users = java.util.stream.IntStream.range(0, USERS).toArray();
        ServeContext ctx = new ServeContext(1, ITEMS, new ConsumptionHistory(USERS), new RandomStreams(1));
        SlateBatch a = new SlateBatch(users, 10);
        SlateBatch e = new SlateBatch(users, 10);
        m.recommend(a, 0, USERS, ctx);
        m.recommendExact(e, 0, USERS, ctx);
        long hits = 0;
        for (int s = 0; s < USERS; s++) {
            for (int p = 0; p < a.length(s); p++) {
                for (int q = 0; q < e.length(s); q++) {
                    hits += a.item(s, p) == e.item(s, q) ? 1 : 0;
                }
            }
        }
        return hits / (10.0 * USERS);
    }

    /**
     * One k-means round from the previous fit's centres serves about as well as five rounds from
     * evenly spaced users (candidate recall against exact top-10; 50 of 400 items per cluster).
     */
    @Test
    void warmStartedClusteringRecallsAsWellAsAFreshOne() {
        GrowingLog log = new GrowingLog(10);
        RandomStreams rs = new RandomStreams(11);
        ImplicitAlsRecommender warm = als(1, 16);
        refitEveryStage(warm, log, rs, null, 1);
        FactorModel m = warm.model();
        FactorModel fresh = new FactorModel(m.d(), m.users(), m.items(), m.x(), m.y(), null, m.known(), m.popular())
                .withCandidates(16, 50, 5, null);
        double warmRecall = candidateRecall(m);
        double freshRecall = candidateRecall(fresh);
        System.out.printf("candidate recall@10: warm-started k-means %.4f, fresh %.4f%n", warmRecall, freshRecall);
        assertThat(warmRecall).isGreaterThan(freshRecall - 0.03);
    }
}
