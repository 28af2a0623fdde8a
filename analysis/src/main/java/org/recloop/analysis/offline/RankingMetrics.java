package org.recloop.analysis.offline;

import java.util.Arrays;
import java.util.Objects;
import org.recloop.core.serve.Interactions;

/**
 * Top-K ranking metrics with binary relevance.
 *
 * <p>Conventions. A ranked list {@code L} is an array of distinct item ids, best first; it is
 * strict (the caller has already ordered it) and may be shorter than K, in which case the
 * missing positions count as non-relevant. {@code L@K} is its first {@code min(K, |L|)} items.
 * The relevant set {@code Rel} (a user's test items) is an ascending array of distinct ids and
 * must not be empty for the accuracy metrics. Positions {@code r} are 1-based. "Ties": a
 * recommender that gives equal scores must still emit a strict list; the house convention (that
 * of {@link org.recloop.core.serve.TopK}) puts the smaller item id first, and {@link #order}
 * applies it to (item, score) pairs.
 *
 * <p>Accuracy, per list (the evaluator averages them over test users):
 * <ul>
 *   <li>{@code hits@K = |L@K ∩ Rel|}</li>
 *   <li>Precision@K {@code = hits@K / K} (K, not |L@K|: a short list is not rewarded; RecBole)</li>
 *   <li>Recall@K {@code = hits@K / |Rel|} (the standard definition, RecBole and LensKit; when
 *       |Rel| > K its maximum is K/|Rel| < 1, when |Rel| <= K it can reach 1)</li>
 *   <li>NDCG@K {@code = DCG@K / IDCG@K}, {@code DCG@K = Σ_{r<=K, L_r ∈ Rel} 1/log2(r+1)},
 *       {@code IDCG@K = Σ_{r=1}^{min(|Rel|,K)} 1/log2(r+1)} (Järvelin and Kekäläinen 2002,
 *       binary gains)</li>
 *   <li>AP@K {@code = (1/min(|Rel|,K)) Σ_{r<=K, L_r ∈ Rel} hits@r / r}; its mean over users is
 *       MAP@K (RecBole's definition; 1 when the first min(|Rel|,K) positions are all relevant)</li>
 *   <li>RR@K {@code = 1/r} for the first relevant position {@code r <= K}, else 0; its mean is
 *       MRR@K</li>
 *   <li>HitRate@K {@code = 1 if hits@K > 0 else 0}</li>
 * </ul>
 *
 * <p>Beyond accuracy, over all users' lists at once. Popularity {@code φ(i)} is the number of
 * distinct training users who interacted with item i (see {@link Popularity}).
 * <ul>
 *   <li>Coverage@K {@code = |∪_u L_u@K| / |I|}, the share of the catalog recommended to someone
 *       (catalog or aggregate coverage; Herlocker et al. 2004, Ge et al. 2010)</li>
 *   <li>ARP@K {@code = (1/|U|) Σ_u Σ_{i ∈ L_u@K} φ(i) / |L_u@K|} (average recommendation
 *       popularity; Abdollahpouri, Burke, Mobasher, "Managing Popularity Bias in Recommender
 *       Systems with Personalized Re-ranking", FLAIRS 2019; also Yin et al. 2012)</li>
 *   <li>APLT@K {@code = (1/|U|) Σ_u |L_u@K ∩ Γ| / |L_u@K|} with Γ the long tail (same paper)</li>
 *   <li>PopREO@K {@code = std(P_head, P_tail) / mean(P_head, P_tail)} with the group-wise
 *       conditional recall {@code P_g = Σ_u |L_u@K ∩ Rel_u ∩ g| / Σ_u |Rel_u ∩ g|} and the
 *       population standard deviation, so for two groups {@code PopREO = |P_h - P_t| / (P_h + P_t)}
 *       (ranking-based equal opportunity between popular and long-tail items; Zhu, Wang, Caverlee,
 *       "Measuring and Mitigating Item Under-Recommendation Bias in Personalized Ranking
 *       Systems", SIGIR 2020, applied to popularity groups as in Zhu et al. 2021 and Elliot's
 *       PopREO). 0 = both groups' relevant items are found equally often; NaN when a group has
 *       no relevant item or neither group has a hit</li>
 *   <li>Novelty@K {@code = (1/|U|) Σ_u (1/|L_u@K|) Σ_{i ∈ L_u@K} -log2(max(φ(i),1) / n_train)},
 *       mean self-information, {@code n_train} = users with a training interaction (Zhou et al.,
 *       PNAS 2010). An item nobody interacted with in training counts as φ = 1 (the largest
 *       finite value, log2 n_train) instead of infinity</li>
 *   <li>ILD@K {@code = (1/|U'|) Σ_{u ∈ U'} (2/(n(n-1))) Σ_{a<b} (1 - cos(x_a, x_b))} over the
 *       pairs of L_u@K, n = |L_u@K|, U' = users with n >= 2 (intra-list diversity; Smyth and
 *       McClave 2001, Ziegler et al. 2005); cos = 0 when a vector is zero</li>
 * </ul>
 * Users with an empty list are left out of ARP, APLT and novelty (their mean is undefined); each
 * of these is NaN when no user is left. The accuracy metrics count an empty list as all misses.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** Default share of training interactions held by the head (short head) of the popularity curve. */
    public static final double DEFAULT_HEAD_SHARE = 0.2;

    /**
     * Item popularity in the training data, and the head / long-tail partition.
     *
     * <p>{@code φ(i)} = distinct training users of item i. The head H is the smallest set of most
     * popular items (descending φ, ties: smaller id) whose interactions reach the head share of all
     * training interactions: {@code Σ_{i∈H} φ(i) >= headShare · Σ_i φ(i)}; the long tail Γ is every
     * other item, items never interacted with included. With the default share 0.2 the head is
     * the few items that account for the top 20% of interactions. (Elliot's short head uses 0.8.)
     *
     * @param counts φ(i) per item
     * @param users n_train, users with at least one training interaction
     * @param head {@code head[i]}: item i is in the head
     */
    public record Popularity(int[] counts, int users, boolean[] head) {
        public Popularity {
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(head, "head");
            if (head.length != counts.length) {
                throw new IllegalArgumentException("head has " + head.length + " items, counts " + counts.length);
            }
            if (users < 0) {
                throw new IllegalArgumentException("users must be >= 0, was " + users);
            }
        }

        /** Popularity of the training interactions (duplicates of a (user, item) pair count once). */
        public static Popularity of(Interactions train, double headShare) {
            long[] keys = new long[train.size()];
            for (int r = 0; r < keys.length; r++) {
                keys[r] = ((long) train.users()[r] << 32) | (train.items()[r] & 0xffffffffL);
            }
            Arrays.sort(keys);
            int[] counts = new int[train.numItems()];
            int users = 0;
            for (int r = 0; r < keys.length; r++) {
                if (r > 0 && keys[r] == keys[r - 1]) {
                    continue;
                }
                counts[(int) keys[r]]++;
                if (r == 0 || (keys[r] >>> 32) != (keys[r - 1] >>> 32)) {
                    users++;
                }
            }
            return fromCounts(counts, users, headShare);
        }

        /** Popularity from given counts φ(i); {@code headShare} in (0, 1]. */
        public static Popularity fromCounts(int[] counts, int users, double headShare) {
            if (!(headShare > 0 && headShare <= 1)) {
                throw new IllegalArgumentException("head share must be in (0, 1], was " + headShare);
            }
            int n = counts.length;
            long total = 0;
            for (int i = 0; i < n; i++) {
                if (counts[i] < 0) {
                    throw new IllegalArgumentException("count of item " + i + " is negative: " + counts[i]);
                }
                total += counts[i];
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a])
                    : Integer.compare(a, b));
            boolean[] head = new boolean[n];
            double target = headShare * total;
            long cum = 0;
            for (int j = 0; j < n && total > 0 && cum < target - 1e-9; j++) {
                head[order[j]] = true;
                cum += counts[order[j]];
            }
            return new Popularity(counts.clone(), users, head);
        }

        public int count(int item) {
            return counts[item];
        }

        public boolean isHead(int item) {
            return head[item];
        }

        public boolean isLongTail(int item) {
            return !head[item];
        }

        /** Number of head items. */
        public int headSize() {
            int h = 0;
            for (boolean b : head) {
                if (b) {
                    h++;
                }
            }
            return h;
        }
    }

    // ---------------------------------------------------------------- ordering

    /**
     * Items ordered by descending score, ties by the smaller item id (the convention of
     * {@link org.recloop.core.serve.TopK}). NaN scores are not allowed.
     */
    public static int[] order(int[] items, float[] scores) {
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length");
        }
        Integer[] idx = new Integer[items.length];
        for (int j = 0; j < idx.length; j++) {
            if (Float.isNaN(scores[j])) {
                throw new IllegalArgumentException("score of item " + items[j] + " is NaN");
            }
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a])
                : Integer.compare(items[a], items[b]));
        int[] out = new int[items.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = items[idx[j]];
        }
        return out;
    }

    // ---------------------------------------------------------------- accuracy, per list

    private static void check(int[] relevant, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        if (relevant.length == 0) {
            throw new IllegalArgumentException("the relevant set is empty");
        }
    }

    private static boolean relevant(int[] relevant, int item) {
        return Arrays.binarySearch(relevant, item) >= 0;
    }

    /** {@code |L@K ∩ Rel|}. */
    public static int hits(int[] ranked, int[] relevant, int k) {
        int n = Math.min(k, ranked.length);
        int h = 0;
        for (int r = 0; r < n; r++) {
            if (relevant(relevant, ranked[r])) {
                h++;
            }
        }
        return h;
    }

    /** Precision@K = hits@K / K. */
    public static double precision(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        return (double) hits(ranked, relevant, k) / k;
    }

    /** Recall@K = hits@K / |Rel|. */
    public static double recall(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        return (double) hits(ranked, relevant, k) / relevant.length;
    }

    /** NDCG@K with binary gains and log2(r+1) discount; ideal DCG over min(|Rel|, K) positions. */
    public static double ndcg(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        int n = Math.min(k, ranked.length);
        double dcg = 0;
        for (int r = 0; r < n; r++) {
            if (relevant(relevant, ranked[r])) {
                dcg += discount(r + 1);
            }
        }
        double idcg = 0;
        for (int r = 1; r <= Math.min(relevant.length, k); r++) {
            idcg += discount(r);
        }
        return dcg / idcg;
    }

    /** 1 / log2(rank + 1) for a 1-based rank. */
    static double discount(int rank) {
        return 1.0 / (Math.log(rank + 1) / Math.log(2));
    }

    /** AP@K = (1/min(|Rel|,K)) Σ_{r<=K, L_r relevant} hits@r / r. */
    public static double averagePrecision(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        int n = Math.min(k, ranked.length);
        int h = 0;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            if (relevant(relevant, ranked[r])) {
                h++;
                sum += (double) h / (r + 1);
            }
        }
        return sum / Math.min(relevant.length, k);
    }

    /** RR@K = 1/r of the first relevant position r <= K, else 0. */
    public static double reciprocalRank(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        int n = Math.min(k, ranked.length);
        for (int r = 0; r < n; r++) {
            if (relevant(relevant, ranked[r])) {
                return 1.0 / (r + 1);
            }
        }
        return 0.0;
    }

    /** HitRate@K for one list: 1 if some relevant item is in L@K, else 0. */
    public static double hit(int[] ranked, int[] relevant, int k) {
        check(relevant, k);
        return hits(ranked, relevant, k) > 0 ? 1.0 : 0.0;
    }

    // ---------------------------------------------------------------- beyond accuracy, over users

    private static int len(int[] list, int k) {
        return Math.min(k, list.length);
    }

    private static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
    }

    /** A per-user value of a list metric over the first {@code n} items of the user's list. */
    @FunctionalInterface
    private interface ListValue {
        double of(int[] list, int n);
    }

    /**
     * The mean of {@code value} over the users whose top-K list holds at least {@code minItems}
     * items, in list order; NaN if there is none.
     */
    private static double meanOverLists(int[][] lists, int k, int minItems, ListValue value) {
        double sum = 0;
        int users = 0;
        for (int[] list : lists) {
            int n = len(list, k);
            if (n < minItems) {
                continue;
            }
            sum += value.of(list, n);
            users++;
        }
        return users == 0 ? Double.NaN : sum / users;
    }

    /** Coverage@K = |∪_u L_u@K| / numItems. */
    public static double coverage(int[][] lists, int k, int numItems) {
        checkK(k);
        if (numItems <= 0) {
            throw new IllegalArgumentException("numItems must be > 0, was " + numItems);
        }
        boolean[] seen = new boolean[numItems];
        int distinct = 0;
        for (int[] list : lists) {
            for (int r = 0; r < len(list, k); r++) {
                if (!seen[list[r]]) {
                    seen[list[r]] = true;
                    distinct++;
                }
            }
        }
        return (double) distinct / numItems;
    }

    /** ARP@K = mean over users with a non-empty list of the mean φ(i) of their list. */
    public static double arp(int[][] lists, int k, Popularity pop) {
        checkK(k);
        return meanOverLists(lists, k, 1, (list, n) -> {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += pop.count(list[r]);
            }
            return s / n;
        });
    }

    /** APLT@K = mean over users with a non-empty list of the share of long-tail items in it. */
    public static double aplt(int[][] lists, int k, Popularity pop) {
        checkK(k);
        return meanOverLists(lists, k, 1, (list, n) -> {
            int tail = 0;
            for (int r = 0; r < n; r++) {
                if (pop.isLongTail(list[r])) {
                    tail++;
                }
            }
            return (double) tail / n;
        });
    }

    /**
     * PopREO@K = std / mean of the head's and the long tail's conditional recall
     * {@code P_g = Σ_u |L_u@K ∩ Rel_u ∩ g| / Σ_u |Rel_u ∩ g|} (population std), i.e.
     * {@code |P_h - P_t| / (P_h + P_t)}. {@code lists[j]} and {@code relevant[j]} belong to the
     * same user. NaN if a group has no relevant item or both P_g are 0.
     */
    public static double popReo(int[][] lists, int[][] relevant, int k, Popularity pop) {
        checkK(k);
        if (lists.length != relevant.length) {
            throw new IllegalArgumentException("lists and relevant sets differ in number");
        }
        long numHead = 0;
        long numTail = 0;
        long denHead = 0;
        long denTail = 0;
        for (int j = 0; j < lists.length; j++) {
            int[] rel = relevant[j];
            for (int i : rel) {
                if (pop.isHead(i)) {
                    denHead++;
                } else {
                    denTail++;
                }
            }
            int[] list = lists[j];
            for (int r = 0; r < len(list, k); r++) {
                if (relevant(rel, list[r])) {
                    if (pop.isHead(list[r])) {
                        numHead++;
                    } else {
                        numTail++;
                    }
                }
            }
        }
        if (denHead == 0 || denTail == 0) {
            return Double.NaN;
        }
        double ph = (double) numHead / denHead;
        double pt = (double) numTail / denTail;
        double mean = (ph + pt) / 2;
        if (mean == 0) {
            return Double.NaN;
        }
        double std = Math.sqrt(((ph - mean) * (ph - mean) + (pt - mean) * (pt - mean)) / 2);
        return std / mean;
    }

    /** Novelty@K = mean over users with a non-empty list of the mean of -log2(max(φ(i),1) / n_train). */
    public static double novelty(int[][] lists, int k, Popularity pop) {
        checkK(k);
        if (pop.users() == 0) {
            return Double.NaN;
        }
        double log2 = Math.log(2);
        return meanOverLists(lists, k, 1, (list, n) -> {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += -Math.log((double) Math.max(pop.count(list[r]), 1) / pop.users()) / log2;
            }
            return s / n;
        });
    }

    /**
     * ILD@K = mean over users with at least two items in L@K of the mean pairwise cosine distance
     * {@code 1 - x_a·x_b / (|x_a| |x_b|)} of their items' feature vectors, item-major in
     * {@code features} with {@code dim} coordinates each (a zero vector has cos 0). NaN when no
     * list has two items.
     */
    public static double intraListDiversity(int[][] lists, int k, float[] features, int dim) {
        checkK(k);
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be > 0, was " + dim);
        }
        return meanOverLists(lists, k, 2, (list, n) -> {
            double s = 0;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    s += 1 - cosine(features, list[a] * dim, list[b] * dim, dim);
                }
            }
            return s / (n * (n - 1) / 2.0);
        });
    }

    private static double cosine(float[] f, int oa, int ob, int dim) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < dim; d++) {
            double x = f[oa + d];
            double y = f[ob + d];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0.0 : dot / Math.sqrt(na * nb);
    }
}
