package org.recloop.recommenders.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.UnlearningMethod;

/**
 * A finetune request keeps the fit's user clusters (the expensive k-means is not run again):
 * same centres, unchanged users in their cluster, changed users at the nearest centre, forgotten
 * users out, and every cluster's candidates the exact best items of its centre for the new item
 * factors.
 */
class CandidateReuseTest {

    private static final int PER_CLUSTER = 30;

    @Test
    void finetuneRequestsReuseTheFitsClustersAndRefreshTheCandidates() {
        Interactions data = ImplicitAlsRecommenderTest.blocks(6, 40, 25, 8, 3, null);
        ImplicitAlsRecommender als = new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(8, 10, 0.1, 10.0,
                null, new Retrieval(7, PER_CLUSTER)));
        TrainContext ctx = new TrainContext(1, new RandomStreams(2), null, 1);
        als.fit(data, ctx);
        FactorModel fitted = als.model();
        assertThat(fitted.centroids()).isNotNull();

        // interactions: the first clicked item of users 5, 50 and 130 (changed user and item factors)
        int[] us = {5, 50, 130};
        int[] is = new int[us.length];
        for (int k = 0; k < us.length; k++) {
            for (int r = 0; r < data.size(); r++) {
                if (data.users()[r] == us[k]) {
                    is[k] = data.items()[r];
                    break;
                }
            }
        }
        Interactions retained = without(data, us, is, false);
        als.unlearn(new ForgetRequest(ForgetRequest.Scope.INTERACTIONS, us, is, "test"), UnlearningMethod.FINETUNE,
                retained, ctx);
        FactorModel afterPairs = als.model();
        assertReused(fitted, afterPairs);
        for (int u : us) {
            assertThat(Arrays.equals(fitted.x(), u * 8, u * 8 + 8, afterPairs.x(), u * 8, u * 8 + 8)).isFalse();
        }

        // users: 0 to 9 leave the model and their clusters; the reuse chains from the last model
        int[] gone = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        als.unlearn(new ForgetRequest(ForgetRequest.Scope.USERS, gone, null, "test"), UnlearningMethod.FINETUNE,
                without(retained, gone, null, true), ctx);
        FactorModel afterUsers = als.model();
        assertReused(afterPairs, afterUsers);
        for (int u : gone) {
            assertThat(afterUsers.clusterOf()[u]).isEqualTo(-1);
        }
    }

    private static void assertReused(FactorModel before, FactorModel after) {
        int d = after.d();
        float[] cent = after.centroids();
        assertThat(cent).containsExactly(before.centroids());
        int c = cent.length / d;
        for (int u = 0; u < after.users(); u++) {
            if (!after.known()[u]) {
                assertThat(after.clusterOf()[u]).as("user %d", u).isEqualTo(-1);
            } else if (before.known()[u] && Arrays.equals(before.x(), u * d, u * d + d, after.x(), u * d, u * d + d)) {
                assertThat(after.clusterOf()[u]).as("user %d", u).isEqualTo(before.clusterOf()[u]);
            } else {
                assertThat(after.clusterOf()[u]).as("user %d", u).isEqualTo(nearest(after.x(), u, cent, c, d));
            }
        }
        for (int j = 0; j < c; j++) {
            assertThat(after.candidates()[j]).as("cluster %d", j).containsExactly(best(after, cent, j));
        }
    }

    /** The centre minimising the squared distance to the user's factors. */
    private static int nearest(float[] x, int u, float[] cent, int c, int d) {
        int best = -1;
        double bestDist = Double.MAX_VALUE;
        for (int j = 0; j < c; j++) {
            double dist = 0;
            for (int f = 0; f < d; f++) {
                double diff = x[u * d + f] - cent[j * d + f];
                dist += diff * diff;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = j;
            }
        }
        return best;
    }

    /** The centre's best {@link #PER_CLUSTER} items by score, in ascending id order. */
    private static int[] best(FactorModel m, float[] cent, int j) {
        int d = m.d();
        Integer[] ids = new Integer[m.items()];
        double[] score = new double[m.items()];
        for (int i = 0; i < m.items(); i++) {
            ids[i] = i;
            for (int f = 0; f < d; f++) {
                score[i] += (double) cent[j * d + f] * m.y()[i * d + f];
            }
        }
        Arrays.sort(ids, (a, b) -> Double.compare(score[b], score[a]));
        return Arrays.stream(ids, 0, PER_CLUSTER).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** {@code data} without the pairs (us[k], is[k]), or without every row of the users. */
    private static Interactions without(Interactions data, int[] us, int[] is, boolean wholeUsers) {
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            boolean drop = false;
            for (int k = 0; k < us.length; k++) {
                drop |= data.users()[r] == us[k] && (wholeUsers || data.items()[r] == is[k]);
            }
            if (!drop) {
                keep.add(r);
            }
        }
        int n = keep.size();
        int[] u = new int[n];
        int[] i = new int[n];
        for (int k = 0; k < n; k++) {
            u[k] = data.users()[keep.get(k)];
            i[k] = data.items()[keep.get(k)];
        }
        return new Interactions(u, i, new int[n], ImplicitAlsRecommenderTest.filled(n), data.numUsers(), data.numItems());
    }
}
