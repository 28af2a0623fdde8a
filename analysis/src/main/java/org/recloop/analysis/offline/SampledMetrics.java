package org.recloop.analysis.offline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ServedScores;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Sampled ranking metrics: each held-out item is ranked against N sampled negatives instead of
 * the whole catalog. Offered next to the full ranking (the default) because many papers report
 * them, so results can be compared; but they mislead: Krichene and Rendle ("On Sampled Metrics
 * for Item Recommendation", KDD 2020) show that sampled metrics are not consistent with the full
 * ranking, can reverse the order of two algorithms, and mostly measure whether an item beats a
 * handful of random (mostly unpopular) items. Their names carry the prefix {@code sampled_}.
 *
 * <p>Definition, per test user u and test item t: the negatives are {@code min(N, available)}
 * items drawn uniformly without replacement (partial Fisher-Yates) from the items u has neither
 * in training nor in the test set, from the stream ("analysis.offline.sampled", u, 0) of
 * {@code new RandomStreams(seed)}; u's test items (ascending) draw in turn from that one stream.
 * The rank of t (0-based) is the number of negatives scoring higher plus those scoring equal (ties
 * count against t, so a model that scores nothing does not look good). Then {@code
 * sampled_hit_rate@K = [rank < K]}, {@code sampled_ndcg@K = 1/log2(rank + 2)} if rank < K,
 * {@code sampled_mrr@K = 1/(rank + 1)} if rank < K, else 0; averaged over u's test items, then
 * over users. Scores are the model's ({@link ServedScores}): a user the model does not know gets
 * equal scores for all items (rank = number of negatives); a recommender that does not rank
 * model scores gets NaN.
 */
public final class SampledMetrics {

    /** Metric names, in output order. */
    public static final List<String> METRICS = List.of("sampled_hit_rate", "sampled_ndcg", "sampled_mrr");

    private static final long PURPOSE = RandomStreams.purpose("analysis.offline.sampled");

    private SampledMetrics() {}

    /** The 0-based rank of a positive scoring {@code pos} among negatives scoring {@code neg} (ties count against it). */
    static int rank(float pos, float[] neg, int count) {
        int r = 0;
        for (int j = 0; j < count; j++) {
            if (!(neg[j] < pos)) {
                r++;
            }
        }
        return r;
    }

    /**
     * The sampled rows of one algorithm.
     *
     * @param negatives N, > 0
     * @param relevant {@code relevant[s]}: test items of {@code users[s]}
     */
    static List<Evaluator.Row> score(String name, ServedScores scores, int[] users, int[][] relevant,
            ConsumptionHistory consumed, int numItems, int negatives, List<Integer> ks, long seed) {
        double[][] sums = new double[METRICS.size()][ks.size()];
        if (!scores.scoring()) {
            for (double[] s : sums) {
                Arrays.fill(s, Double.NaN);
            }
            return rows(name, sums, ks, 1);
        }
        RandomStreams streams = new RandomStreams(seed);
        float[] all = new float[numItems];
        int[] pool = new int[numItems];
        float[] neg = new float[negatives];
        for (int s = 0; s < users.length; s++) {
            int u = users[s];
            int[] test = relevant[s];
            boolean known = scores.scoreAll(u, all);
            int available = 0;
            for (int i = 0; i < numItems; i++) {
                if (!consumed.contains(u, i) && Arrays.binarySearch(test, i) < 0) {
                    pool[available++] = i;
                }
            }
            int n = Math.min(negatives, available);
            UniformRandomProvider rng = streams.stream(PURPOSE, u, 0);
            double[][] user = new double[METRICS.size()][ks.size()];
            for (int t : test) {
                for (int j = 0; j < n; j++) {
                    int pick = j + rng.nextInt(available - j);
                    int tmp = pool[j];
                    pool[j] = pool[pick];
                    pool[pick] = tmp;
                    neg[j] = known ? all[pool[j]] : 0f;
                }
                int r = rank(known ? all[t] : 0f, neg, n);
                for (int q = 0; q < ks.size(); q++) {
                    if (r < ks.get(q)) {
                        user[0][q] += 1;
                        user[1][q] += 1.0 / (Math.log(r + 2) / Math.log(2));
                        user[2][q] += 1.0 / (r + 1);
                    }
                }
            }
            for (int m = 0; m < METRICS.size(); m++) {
                for (int q = 0; q < ks.size(); q++) {
                    sums[m][q] += user[m][q] / test.length;
                }
            }
        }
        return rows(name, sums, ks, users.length);
    }

    private static List<Evaluator.Row> rows(String name, double[][] sums, List<Integer> ks, int users) {
        List<Evaluator.Row> rows = new ArrayList<>();
        for (int m = 0; m < METRICS.size(); m++) {
            for (int q = 0; q < ks.size(); q++) {
                rows.add(new Evaluator.Row(name, METRICS.get(m), ks.get(q), sums[m][q] / users));
            }
        }
        return rows;
    }
}
