package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.DenseScores;
import org.recloop.recommenders.TrainingBlocks;

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
 * @param candidates per cluster, the items its centroid scores highest in ascending id order
 *     (candidate retrieval), or null
 * @param candidateFactors per cluster, the factor rows of its candidates copied into one
 *     contiguous block (so a cluster's users scan memory in order), or null
 * @param candidateBias per cluster, the biases of its candidates (null without biases)
 */
public record FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known,
        int[] popular, int[] clusterOf, int[][] candidates, float[][] candidateFactors, float[][] candidateBias) {

    /** A model served exactly (every item scored). */
    public FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known, int[] popular) {
        this(d, users, items, x, y, bias, known, popular, null, null, null, null);
    }

    /** {@link #withCandidates(int, int, int, TrainContext)} on the calling thread. */
    public FactorModel withCandidates(int clusters, int perCluster, int iterations) {
        return withCandidates(clusters, perCluster, iterations, null);
    }

    /**
     * Adds candidate retrieval for large catalogs: k-means (Lloyd, {@code iterations} rounds,
     * deterministic initialisation from evenly spaced known users) groups users by their factors
     * into {@code clusters}; each centroid scores every item once and keeps its {@code
     * perCluster} best; a user is then scored against its cluster's candidates only, falling back
     * to the exact scan when fewer than k unconsumed candidates remain. Recall against exact
     * top-k is reported by {@code recloop bench}.
     *
     * <p>The nearest centroid maximises {@code x·c - |c|²/2} (the squared distance without the
     * constant {@code |x|²}), scored with {@link DenseScores}. Assignment and candidate selection
     * run in fixed blocks on {@code ctx}'s executor when given (null: calling thread); centroid
     * means are summed in user order, so the result does not depend on the thread count.
     */
    public FactorModel withCandidates(int clusters, int perCluster, int iterations, TrainContext ctx) {
        int[] knownIds = java.util.stream.IntStream.range(0, users).filter(u -> known[u]).toArray();
        if (knownIds.length == 0) {
            return this;
        }
        int c = Math.min(Math.max(1, clusters), knownIds.length);
        float[] cent = new float[c * d];
        for (int j = 0; j < c; j++) {
            int u = knownIds[(int) ((long) j * knownIds.length / c)];
            System.arraycopy(x, u * d, cent, j * d, d);
        }
        int[] assign = new int[users];
        Arrays.fill(assign, -1);
        float[] halfNorm = new float[c];
        int block = 1024;
        int blocks = (knownIds.length + block - 1) / block;
        for (int it = 0; it <= iterations; it++) {
            for (int j = 0; j < c; j++) {
                double nn = 0;
                for (int f = 0; f < d; f++) {
                    nn += (double) cent[j * d + f] * cent[j * d + f];
                }
                halfNorm[j] = (float) (-0.5 * nn);
            }
            TrainingBlocks.run(blocks, ctx, b -> {
                int[] q = new int[DenseScores.GROUP];
                float[] sc = new float[DenseScores.GROUP * c];
                int end = Math.min(knownIds.length, (b + 1) * block);
                for (int a = b * block; a < end; a += DenseScores.GROUP) {
                    int nq = Math.min(DenseScores.GROUP, end - a);
                    for (int g = 0; g < nq; g++) {
                        q[g] = knownIds[a + g] * d;
                    }
                    DenseScores.score(x, q, nq, d, cent, 0, c, halfNorm, sc, c);
                    for (int g = 0; g < nq; g++) {
                        int best = 0;
                        for (int j = 1; j < c; j++) {
                            if (sc[g * c + j] > sc[g * c + best]) {
                                best = j;
                            }
                        }
                        assign[knownIds[a + g]] = best;
                    }
                }
            });
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
        float[][] candY = new float[c][];
        float[][] candB = bias == null ? null : new float[c][];
        int groups = (c + DenseScores.GROUP - 1) / DenseScores.GROUP;
        TrainingBlocks.run(groups, ctx, gb -> {
            TopK top = new TopK(m);
            int[] ids = new int[m];
            float[] sc = new float[m];
            int[] q = new int[DenseScores.GROUP];
            float[] scores = new float[DenseScores.GROUP * items];
            int j0 = gb * DenseScores.GROUP;
            int nq = Math.min(DenseScores.GROUP, c - j0);
            for (int g = 0; g < nq; g++) {
                q[g] = (j0 + g) * d;
            }
            DenseScores.score(cent, q, nq, d, y, 0, items, bias, scores, items);
            for (int g = 0; g < nq; g++) {
                int j = j0 + g;
                top.reset(m);
                for (int i = 0; i < items; i++) {
                    top.offer(i, scores[g * items + i]);
                }
                int n = top.drainSorted(ids, sc);
                cand[j] = Arrays.copyOf(ids, n);
                Arrays.sort(cand[j]); // ascending ids: item rows are read in memory order
                candY[j] = new float[n * d];
                for (int r = 0; r < n; r++) {
                    System.arraycopy(y, cand[j][r] * d, candY[j], r * d, d);
                }
                if (candB != null) {
                    candB[j] = new float[n];
                    for (int r = 0; r < n; r++) {
                        candB[j][r] = bias[cand[j][r]];
                    }
                }
            }
        });
        return new FactorModel(d, users, items, x, y, bias, known, popular, assign, cand, candY, candB);
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
    private static final int ITEM_BLOCK = 512;

    /** Fills slates [from, to) with each user's top-k unconsumed items. */
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (candidates != null) {
            recommendFromCandidates(slates, from, to, ctx);
            return;
        }
        recommendExact(slates, from, to, ctx);
    }

    private boolean modelled(int u) {
        return u < users && known[u];
    }

    /**
     * Candidate serving: the chunk's users are taken cluster by cluster (so groups of four share a
     * cluster's contiguous candidate block), each scored against its cluster's candidates.
     */
    private void recommendFromCandidates(SlateBatch slates, int from, int to, ServeContext ctx) {
        int k = slates.k();
        int n = Math.min(items, ctx.numItems());
        ConsumptionHistory consumed = ctx.consumed();
        TopK top = new TopK(k);
        int[] outItems = new int[k];
        float[] outScores = new float[k];
        // slates of modelled users ordered by (cluster, slate); the rest get popular items
        long[] order = new long[to - from];
        int m = 0;
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (!modelled(u) || clusterOf[u] < 0) {
                fillPopular(slates, s, u, n, consumed);
            } else {
                order[m++] = ((long) clusterOf[u] << 32) | s;
            }
        }
        Arrays.sort(order, 0, m);
        int maxCand = 0;
        for (int[] cand : candidates) {
            maxCand = Math.max(maxCand, cand.length);
        }
        float[] scores = new float[DenseScores.GROUP * maxCand];
        int[] q = new int[DenseScores.GROUP];
        int[] qs = new int[DenseScores.GROUP];
        for (int a = 0; a < m;) {
            int cluster = (int) (order[a] >>> 32);
            int nq = 0;
            while (a < m && nq < DenseScores.GROUP && (int) (order[a] >>> 32) == cluster) {
                int s = (int) order[a++];
                qs[nq] = s;
                q[nq] = slates.user(s) * d;
                nq++;
            }
            int[] cand = candidates[cluster];
            int mc = cand.length;
            DenseScores.score(x, q, nq, d, candidateFactors[cluster], 0, mc, candidateBias == null ? null
                    : candidateBias[cluster], scores, mc);
            // candidates are in ascending id order: those below n are a prefix
            int inCatalog = mc;
            if (mc > 0 && cand[mc - 1] >= n) {
                int at = Arrays.binarySearch(cand, n);
                inCatalog = at >= 0 ? at : -1 - at; // n itself is a candidate, or where it would go
            }
            for (int g = 0; g < nq; g++) {
                int s = qs[g];
                int u = slates.user(s);
                top.reset(k);
                float threshold = top.threshold();
                int o = g * mc;
                for (int c = 0; c < inCatalog; c++) {
                    float sc = scores[o + c];
                    // the consumed check (a binary search) only for candidates that would enter
                    if (sc >= threshold && !consumed.contains(u, cand[c])) {
                        top.offer(cand[c], sc);
                        threshold = top.threshold();
                    }
                }
                int found = inCatalog - Math.min(inCatalog, consumed.size(u));
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

    /**
     * Exact top-k: every item scored, a block of users against a block of items at a time (the
     * item block stays in cache while the block's users are scored four at a time).
     */
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
        float[] scores = new float[USER_BLOCK * ITEM_BLOCK];
        int[] q = new int[USER_BLOCK];
        int[] qs = new int[USER_BLOCK];
        for (int s0 = from; s0 < to; s0 += USER_BLOCK) {
            int s1 = Math.min(to, s0 + USER_BLOCK);
            int nq = 0;
            for (int s = s0; s < s1; s++) {
                int u = slates.user(s);
                if (modelled(u)) {
                    tops[nq].reset(k);
                    qs[nq] = s;
                    q[nq++] = u * d;
                } else {
                    fillPopular(slates, s, u, n, consumed);
                }
            }
            for (int i0 = 0; i0 < n; i0 += ITEM_BLOCK) {
                int i1 = Math.min(n, i0 + ITEM_BLOCK);
                DenseScores.score(x, q, nq, d, y, i0, i1, bias, scores, ITEM_BLOCK);
                for (int g = 0; g < nq; g++) {
                    int u = slates.user(qs[g]);
                    TopK top = tops[g];
                    int o = g * ITEM_BLOCK - i0;
                    float threshold = top.threshold();
                    for (int i = i0; i < i1; i++) {
                        float sc = scores[o + i];
                        if (sc >= threshold && !consumed.contains(u, i)) {
                            top.offer(i, sc);
                            threshold = top.threshold();
                        }
                    }
                }
            }
            for (int g = 0; g < nq; g++) {
                int c = tops[g].drainSorted(outItems, outScores);
                for (int r = 0; r < c; r++) {
                    slates.set(qs[g], r, outItems[r], outScores[r], 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }
}
