package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.recloop.core.serve.ColdUsers;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.DenseScores;
import org.recloop.recommenders.TrainingBlocks;

/**
 * An immutable fitted factor model, {@code score(u, i) = x_u·y_i + b_i}, and its scorer. The
 * shared {@link SlateRanker} scores a block of users against a block of items at a time (blocked
 * matrix product: the item block stays in cache while each user of the block is scored), keeps
 * the best k unconsumed items per user, and gives users unknown to the model (by default) the most popular
 * items. Items added after the fit (ids beyond the model) are not scored.
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
 * @param centroids the clusters' centres, cluster-major (kept so that a small change of the
 *     factors can reuse the clusters, see {@link #withCandidatesOf}), or null
 */
public record FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known,
        int[] popular, int[] clusterOf, int[][] candidates, float[][] candidateFactors, float[][] candidateBias,
        float[] centroids) {

    /** A model served exactly (every item scored). */
    public FactorModel(int d, int users, int items, float[] x, float[] y, float[] bias, boolean[] known, int[] popular) {
        this(d, users, items, x, y, bias, known, popular, null, null, null, null, null);
    }

    /**
     * Candidate retrieval for a model updated in place from {@code old} (unlearning): the fit's
     * clusters with their candidates refreshed when {@code old} had them, new clusters when the
     * parameters ask for them, exact serving otherwise.
     */
    public FactorModel withRetrievalAfter(FactorModel old, Retrieval retrieval, TrainContext ctx) {
        if (old.centroids() != null) {
            return withCandidatesOf(old, retrieval.perCluster(), ctx);
        }
        return retrieval.clusters() > 0 ? withCandidates(retrieval.clusters(), retrieval.perCluster(), 5, ctx) : this;
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
        return lloyd(knownIds, cent, perCluster, iterations, ctx);
    }

    /**
     * As {@link #withCandidates}, but k-means starts from {@code start} (the centres of an earlier
     * fit whose factors this one continues, see {@link WarmStart}) instead of evenly spaced users,
     * so fewer rounds reach a comparable clustering. Deterministic as {@link #withCandidates}.
     *
     * @param start initial centres, {@code clusters × d}, not modified
     */
    public FactorModel withCandidatesFrom(float[] start, int perCluster, int iterations, TrainContext ctx) {
        int[] knownIds = java.util.stream.IntStream.range(0, users).filter(u -> known[u]).toArray();
        if (knownIds.length == 0) {
            return this;
        }
        return lloyd(knownIds, start.clone(), perCluster, iterations, ctx);
    }

    /** {@code iterations} Lloyd rounds from {@code cent} (moved in place), then the candidates. */
    private FactorModel lloyd(int[] knownIds, float[] cent, int perCluster, int iterations, TrainContext ctx) {
        int c = cent.length / d;
        int[] assign = new int[users];
        Arrays.fill(assign, -1);
        for (int it = 0; it <= iterations; it++) {
            assignNearest(knownIds, cent, c, assign, ctx);
            if (it == iterations) {
                break;
            }
            recentre(knownIds, cent, c, assign);
        }
        return withClusters(cent, assign, perCluster, ctx);
    }

    /**
     * Candidate retrieval for this model reusing the clusters of {@code previous}, a model of the
     * same shape whose factors this one changed in a few places (an unlearning request): much
     * cheaper than {@link #withCandidates}, whose k-means scores every user against every centre
     * {@code iterations + 1} times.
     *
     * <p>The approximation: the centres stay those fitted to the previous factors (they are not
     * moved to the new members' mean); users whose factors are unchanged keep their cluster; users
     * whose factors changed, or who became known, go to the nearest of those centres; users no
     * longer known leave their cluster. Each cluster's candidates are then selected again, exactly,
     * against the new item factors (a changed item can enter or leave any cluster's list). A few
     * changed users do not move a centre much, so serving stays close to a fresh clustering; after
     * many requests a refit (which clusters afresh) restores it. Deterministic as {@link
     * #withCandidates}.
     *
     * @param perCluster candidates kept per cluster
     * @throws IllegalArgumentException when {@code previous} has no clusters or another shape
     */
    public FactorModel withCandidatesOf(FactorModel previous, int perCluster, TrainContext ctx) {
        if (previous.centroids == null || previous.d != d || previous.users != users || previous.items != items) {
            throw new IllegalArgumentException("the previous model has no clusters of the same shape to reuse");
        }
        int[] assign = previous.clusterOf.clone();
        int[] changed = new int[users];
        int n = 0;
        for (int u = 0; u < users; u++) {
            if (!known[u]) {
                assign[u] = -1;
            } else if (assign[u] < 0 || !previous.known[u]
                    || !Arrays.equals(x, u * d, u * d + d, previous.x, u * d, u * d + d)) {
                changed[n++] = u;
            }
        }
        float[] cent = previous.centroids;
        if (n > 0) {
            assignNearest(Arrays.copyOf(changed, n), cent, cent.length / d, assign, ctx);
        }
        return withClusters(cent, assign, perCluster, ctx);
    }

    /** This model with the given clusters and each cluster's best {@code perCluster} items as candidates. */
    private FactorModel withClusters(float[] cent, int[] assign, int perCluster, TrainContext ctx) {
        int c = cent.length / d;
        int m = Math.min(perCluster, items);
        int[][] cand = new int[c][];
        float[][] candY = new float[c][];
        float[][] candB = bias == null ? null : new float[c][];
        int groups = (c + DenseScores.GROUP - 1) / DenseScores.GROUP;
        TrainingBlocks.run(groups, ctx, gb -> selectCandidates(gb, cent, c, m, cand, candY, candB));
        return new FactorModel(d, users, items, x, y, bias, known, popular, assign, cand, candY, candB, cent);
    }

    /** k-means assignment step: each known user to the centroid maximising x·c - |c|²/2. */
    private void assignNearest(int[] knownIds, float[] cent, int c, int[] assign, TrainContext ctx) {
        float[] halfNorm = new float[c];
        for (int j = 0; j < c; j++) {
            double nn = 0;
            for (int f = 0; f < d; f++) {
                nn += (double) cent[j * d + f] * cent[j * d + f];
            }
            halfNorm[j] = (float) (-0.5 * nn);
        }
        int block = 1024;
        int blocks = (knownIds.length + block - 1) / block;
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
    }

    /** k-means update step: each non-empty cluster's centroid to its users' mean, summed in user order. */
    private void recentre(int[] knownIds, float[] cent, int c, int[] assign) {
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

    /**
     * For the centroids of group {@code gb} (DenseScores.GROUP clusters), the {@code m} items each
     * scores highest, in ascending id order, with their factor rows and biases copied contiguously.
     */
    private void selectCandidates(int gb, float[] cent, int c, int m, int[][] cand, float[][] candY,
            float[][] candB) {
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
    }

    /** Exact score of one item for one user. */
    public float score(int u, int i) {
        float s = bias == null ? 0f : bias[i];
        for (int f = 0; f < d; f++) {
            s += x[u * d + f] * y[i * d + f];
        }
        return s;
    }

    /**
     * The scorer of this model for one serving call: against each user's cluster candidates when
     * the model has candidate retrieval, else against every item. Users unknown to the model get
     * the most popular items; items added after the fit (ids beyond the model) are not scored.
     */
    public ItemScorer scorer() {
        return scorer(ColdUsers.POPULAR);
    }

    /** {@link #scorer()} with users unknown to the model served as {@code cold} says. */
    public ItemScorer scorer(ColdUsers cold) {
        return candidates != null ? new CandidateScorer(this, cold) : new ExactScorer(this, cold);
    }

    /** Fills slates [from, to) with each user's top-k unconsumed items ({@link #scorer()}). */
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        SlateRanker.rank(scorer(), slates, from, to, ctx);
    }

    /** Exact top-k: every item scored, even when the model has candidate retrieval. */
    public void recommendExact(SlateBatch slates, int from, int to, ServeContext ctx) {
        SlateRanker.rank(new ExactScorer(this, ColdUsers.POPULAR), slates, from, to, ctx);
    }

    /**
     * Every item scored with {@link DenseScores} (four users per pass over an item block). Holds
     * the users' factor offsets of one call, so one instance per call.
     */
    private static class ExactScorer implements ItemScorer.Dense {
        final FactorModel m;
        final Fallback fallback;
        int[] q = new int[64];

        ExactScorer(FactorModel m, ColdUsers cold) {
            this.m = m;
            this.fallback = Fallback.popular(m.popular()).withColdUsers(cold);
        }

        @Override
        public int scoredItems() {
            return m.items;
        }

        @Override
        public Fallback fallback() {
            return fallback;
        }

        @Override
        public boolean knows(int u) {
            return u < m.users && m.known[u];
        }

        /** Factor offsets of the users, in {@link #q}. */
        final void offsets(int[] users, int count) {
            if (q.length < count) {
                q = new int[Math.max(count, 2 * q.length)];
            }
            for (int g = 0; g < count; g++) {
                q[g] = users[g] * m.d;
            }
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            offsets(users, count);
            DenseScores.score(m.x, q, count, m.d, m.y, i0, i1, m.bias, out, stride);
        }
    }

    /** Cluster candidates (contiguous factor blocks per cluster), exact scan through the parent. */
    private static final class CandidateScorer extends ExactScorer implements ItemScorer.Candidates {
        private final int maxCandidates;

        CandidateScorer(FactorModel m, ColdUsers cold) {
            super(m, cold);
            int max = 0;
            for (int[] cand : m.candidates) {
                max = Math.max(max, cand.length);
            }
            maxCandidates = max;
        }

        @Override
        public boolean knows(int u) {
            return super.knows(u) && m.clusterOf[u] >= 0;
        }

        @Override
        public int groupOf(int u) {
            return m.clusterOf[u];
        }

        @Override
        public int[] candidates(int group) {
            return m.candidates[group];
        }

        @Override
        public int maxCandidates() {
            return maxCandidates;
        }

        @Override
        public void scoreCandidates(int group, int[] users, int count, float[] out, int stride) {
            offsets(users, count);
            DenseScores.score(m.x, q, count, m.d, m.candidateFactors[group], 0, m.candidates[group].length,
                    m.candidateBias == null ? null : m.candidateBias[group], out, stride);
        }
    }
}
