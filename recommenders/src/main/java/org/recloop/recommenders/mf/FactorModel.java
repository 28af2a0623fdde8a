package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.world.ConsumptionHistory;

/**
 * An immutable fitted factor model, {@code score(u, i) = x_u·y_i + b_i}, and its batch top-k
 * serving. Serving scores a block of users against a block of items at a time (blocked
 * matrix product: the item block stays in cache while each user of the block is scored), keeps
 * the best k unconsumed items per user with a bounded heap, and gives users unknown to the model
 * the most popular items. Items added after the fit (ids beyond the model) are not scored.
 *
 * @param d latent dimensions
 * @param users users in the model
 * @param items items in the model
 * @param x user factors, user-major
 * @param y item factors, item-major
 * @param bias item biases (may be null = 0)
 * @param known users with at least one training interaction
 * @param popular item ids by descending training popularity (ties: smaller id)
 * @param clusterOf user → cluster of users with similar factors, or null for exact serving
 * @param candidates per cluster, the items its centroid scores highest (candidate retrieval), or null
 */
public record FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known,
        int[] popular, int[] clusterOf, int[][] candidates) {

    /** A model served exactly (every item scored). */
    public FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known, int[] popular) {
        this(d, users, items, x, y, bias, known, popular, null, null);
    }

    /**
     * Adds candidate retrieval for large catalogs: k-means (Lloyd, {@code iterations} rounds,
     * deterministic initialisation from evenly spaced known users) groups users by their factors
     * into {@code clusters}; each centroid scores every item once and keeps its {@code
     * perCluster} best; a user is then scored against its cluster's candidates only, falling back
     * to the exact scan when fewer than k unconsumed candidates remain. Recall against exact
     * top-k is reported by {@code recloop bench}.
     */
    public FactorModel withCandidates(int clusters, int perCluster, int iterations) {
        int c = Math.max(1, clusters);
        int[] knownIds = java.util.stream.IntStream.range(0, users).filter(u -> known[u]).toArray();
        if (knownIds.length == 0) {
            return this;
        }
        c = Math.min(c, knownIds.length);
        float[] cent = new float[c * d];
        for (int j = 0; j < c; j++) {
            int u = knownIds[(int) ((long) j * knownIds.length / c)];
            System.arraycopy(x, u * d, cent, j * d, d);
        }
        int[] assign = new int[users];
        java.util.Arrays.fill(assign, -1);
        for (int it = 0; it <= iterations; it++) {
            for (int u : knownIds) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
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
                assign[u] = best;
            }
            if (it == iterations) {
                break;
            }
            double[] sum = new double[c * d];
            int[] cnt = new int[c];
            for (int u : knownIds) {
                cnt[assign[u]]++;
                for (int f = 0; f < d; f++) {
                    sum[assign[u] * d + f] += x[u * d + f];
                }
            }
            for (int j = 0; j < c; j++) {
                if (cnt[j] > 0) {
                    for (int f = 0; f < d; f++) {
                        cent[j * d + f] = (float) (sum[j * d + f] / cnt[j]);
                    }
                }
            }
        }
        int m = Math.min(perCluster, items);
        int[][] cand = new int[c][];
        TopK top = new TopK(m);
        int[] ids = new int[m];
        float[] sc = new float[m];
        for (int j = 0; j < c; j++) {
            top.reset(m);
            for (int i = 0; i < items; i++) {
                float s = bias == null ? 0f : bias[i];
                for (int f = 0; f < d; f++) {
                    s += cent[j * d + f] * y[i * d + f];
                }
                top.offer(i, s);
            }
            int n = top.drainSorted(ids, sc);
            cand[j] = java.util.Arrays.copyOf(ids, n);
            java.util.Arrays.sort(cand[j]); // ascending ids: item rows are read in memory order
        }
        return new FactorModel(d, users, items, x, y, bias, known, popular, assign, cand);
    }

    /** Exact score of one item for one user. */
    public float score(int u, int i) {
        float s = bias == null ? 0f : bias[i];
        for (int f = 0; f < d; f++) {
            s += x[u * d + f] * y[i * d + f];
        }
        return s;
    }

    private static final int USER_BLOCK = 64;
    private static final int ITEM_BLOCK = 2048;

    /** Fills slates [from, to) with each user's top-k unconsumed items. */
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (candidates != null) {
            recommendFromCandidates(slates, from, to, ctx);
            return;
        }
        recommendExact(slates, from, to, ctx);
    }

    private void recommendFromCandidates(SlateBatch slates, int from, int to, ServeContext ctx) {
        int k = slates.k();
        int n = Math.min(items, ctx.numItems());
        ConsumptionHistory consumed = ctx.consumed();
        TopK top = new TopK(k);
        int[] outItems = new int[k];
        float[] outScores = new float[k];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (u >= users || !known[u] || clusterOf[u] < 0) {
                fillPopular(slates, s, u, n, consumed);
                continue;
            }
            top.reset(k);
            int found = 0;
            int[] cand = candidates[clusterOf[u]];
            int xo = u * d;
            for (int c = 0; c < cand.length; c++) {
                int i = cand[c];
                if (i >= n) {
                    continue;
                }
                int yo = i * d;
                float sc = bias == null ? 0f : bias[i];
                for (int f = 0; f < d; f++) {
                    sc += x[xo + f] * y[yo + f];
                }
                // the consumed check (a binary search) only for candidates that would enter
                if (sc >= top.threshold() && !consumed.contains(u, i)) {
                    top.offer(i, sc);
                }
                found++;
            }
            found -= Math.min(found, consumed.size(u));
            if (found < k) {
                // too few unconsumed candidates: score every item for this user
                top.reset(k);
                for (int i = 0; i < n; i++) {
                    float sc = score(u, i);
                    if (sc >= top.threshold() && !consumed.contains(u, i)) {
                        top.offer(i, sc);
                    }
                }
            }
            int c = top.drainSorted(outItems, outScores);
            for (int r = 0; r < c; r++) {
                slates.set(s, r, outItems[r], outScores[r], 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    /** Most popular unconsumed items, for users the model does not know. */
    private void fillPopular(SlateBatch slates, int s, int u, int n, ConsumptionHistory consumed) {
        int r = 0;
        for (int item : popular) {
            if (r == slates.k()) {
                break;
            }
            if (item < n && !consumed.contains(u, item)) {
                slates.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    /** Exact top-k: every item scored, in blocks. */
    public void recommendExact(SlateBatch slates, int from, int to, ServeContext ctx) {
        int k = slates.k();
        int n = Math.min(items, ctx.numItems());
        ConsumptionHistory consumed = ctx.consumed();
        int[] outItems = new int[k];
        float[] outScores = new float[k];
        TopK[] tops = new TopK[USER_BLOCK];
        for (int b = 0; b < USER_BLOCK; b++) {
            tops[b] = new TopK(k);
        }
        float[] scores = new float[ITEM_BLOCK];
        for (int s0 = from; s0 < to; s0 += USER_BLOCK) {
            int s1 = Math.min(to, s0 + USER_BLOCK);
            for (int s = s0; s < s1; s++) {
                tops[s - s0].reset(k);
            }
            for (int i0 = 0; i0 < n; i0 += ITEM_BLOCK) {
                int i1 = Math.min(n, i0 + ITEM_BLOCK);
                for (int s = s0; s < s1; s++) {
                    int u = slates.user(s);
                    if (u >= users || !known[u]) {
                        continue;
                    }
                    int xo = u * d;
                    for (int i = i0; i < i1; i++) {
                        int yo = i * d;
                        float sc = bias == null ? 0f : bias[i];
                        for (int f = 0; f < d; f++) {
                            sc += x[xo + f] * y[yo + f];
                        }
                        scores[i - i0] = sc;
                    }
                    TopK top = tops[s - s0];
                    for (int i = i0; i < i1; i++) {
                        float sc = scores[i - i0];
                        if (sc >= top.threshold() && !consumed.contains(u, i)) {
                            top.offer(i, sc);
                        }
                    }
                }
            }
            for (int s = s0; s < s1; s++) {
                int u = slates.user(s);
                if (u >= users || !known[u]) {
                    int r = 0;
                    for (int item : popular) {
                        if (r == k) {
                            break;
                        }
                        if (item < n && !consumed.contains(u, item)) {
                            slates.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                        }
                    }
                    continue;
                }
                int c = tops[s - s0].drainSorted(outItems, outScores);
                for (int r = 0; r < c; r++) {
                    slates.set(s, r, outItems[r], outScores[r], 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }
}
