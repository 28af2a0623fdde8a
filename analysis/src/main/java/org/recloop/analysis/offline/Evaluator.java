package org.recloop.analysis.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.ServedScores;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Offline evaluation of recommenders on a {@link Split}.
 *
 * <p>For each algorithm: a fresh instance from its factory is fitted once on the training
 * interactions ({@code fit} with {@code TrainContext(tick = T, new RandomStreams(seed), executor =
 * null, parallelism = 1, catalog)}, T = last training tick + 1, i.e. "now" just after the
 * training data); then one {@link SlateBatch} of size maxK (the largest cutoff) holding every
 * test user, in ascending user order, is filled by a single {@code recommend(batch, 0, n,
 * ServeContext(T, numItems, consumed, streams, catalog))} call, where {@code consumed} holds each
 * user's training items. So every unconsumed item of the catalog is a candidate (full ranking,
 * no sampled negatives; {@link SampledMetrics} are added only on request, see their caveat) and
 * every algorithm sees the same streams. The slates are checked
 * against the {@link Recommender} contract (ids in range, distinct, not consumed); a violation
 * is an {@link IllegalStateException} naming the algorithm and the user. Slates are used in the
 * order given (the recommender's ranking).
 *
 * <p>Every metric of {@link #METRICS} is then computed at every cutoff K (the slate's first K
 * items; MRR is MRR@K, so the row's {@code k} is always the cutoff, never 0). Per-user metrics
 * are averaged over all test users (users with a non-empty test set), see
 * {@link RankingMetrics} for the formulas. Intra-list diversity needs item feature vectors: it
 * is reported only when a catalog with features covering every item is given, and omitted
 * otherwise. Popularity, head and long tail come from the training data
 * ({@link RankingMetrics.Popularity#of}).
 *
 * <p>Rows come out grouped by algorithm (in the given order), then metric (in {@link #METRICS}
 * order), then K ascending.
 */
public final class Evaluator {

    /** Metric names, in output order. */
    public static final List<String> METRICS = List.of("precision", "recall", "ndcg", "map", "mrr", "hit_rate",
            "coverage", "arp", "aplt", "pop_reo", "novelty", "ild");

    /**
     * An algorithm under evaluation.
     *
     * @param name its name in the results
     * @param factory makes a fresh, unfitted instance
     */
    public record Algorithm(String name, Supplier<Recommender> factory) {
        public Algorithm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
            if (name.isBlank()) {
                throw new IllegalArgumentException("algorithm name is blank");
            }
        }
    }

    /**
     * One result.
     *
     * @param algorithm algorithm name
     * @param metric metric name (one of {@link #METRICS})
     * @param k cutoff
     * @param value mean over test users (NaN where undefined, see {@link RankingMetrics})
     */
    public record Row(String algorithm, String metric, int k, double value) {
        public Row {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(metric, "metric");
        }
    }

    /**
     * Settings.
     *
     * @param ks cutoffs, each > 0 (sorted and deduplicated on construction)
     * @param seed seed of the random streams given to the recommenders
     * @param headShare share of training interactions held by the popularity head (APLT, PopREO)
     */
    public record Options(List<Integer> ks, long seed, double headShare) {
        public Options {
            Objects.requireNonNull(ks, "ks");
            if (ks.isEmpty()) {
                throw new IllegalArgumentException("at least one cutoff k is needed");
            }
            for (Integer k : ks) {
                if (k == null || k <= 0) {
                    throw new IllegalArgumentException("every cutoff k must be > 0, was " + k);
                }
            }
            ks = ks.stream().distinct().sorted().toList();
            if (!(headShare > 0 && headShare <= 1)) {
                throw new IllegalArgumentException("head share must be in (0, 1], was " + headShare);
            }
        }

        /** Options with the default head share ({@value RankingMetrics#DEFAULT_HEAD_SHARE}). */
        public static Options of(List<Integer> ks, long seed) {
            return new Options(ks, seed, RankingMetrics.DEFAULT_HEAD_SHARE);
        }

        public int maxK() {
            return ks.get(ks.size() - 1);
        }
    }

    private final Options options;

    public Evaluator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /** Evaluates every algorithm in turn; see the class comment. */
    public List<Row> evaluate(Split.Result split, Catalog catalog, List<Algorithm> algorithms) {
        List<Row> rows = new ArrayList<>();
        for (Algorithm a : algorithms) {
            rows.addAll(evaluate(split, catalog, a));
        }
        return rows;
    }

    /**
     * Evaluates one algorithm.
     *
     * @param catalog item attributes given to the recommender and used for ILD; may be null
     */
    public List<Row> evaluate(Split.Result split, Catalog catalog, Algorithm algorithm) {
        return evaluate(split, catalog, algorithm, 0);
    }

    /**
     * Evaluates one algorithm by the full ranking and, with {@code sampledNegatives > 0}, adds the
     * rows of {@link SampledMetrics} (after the full-ranking rows; the same fitted model).
     *
     * @param catalog item attributes given to the recommender and used for ILD; may be null
     */
    public List<Row> evaluate(Split.Result split, Catalog catalog, Algorithm algorithm, int sampledNegatives) {
        if (sampledNegatives < 0) {
            throw new IllegalArgumentException("sampled negatives must be >= 0, was " + sampledNegatives);
        }
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(algorithm, "algorithm");
        Interactions train = split.train();
        int[] testUsers = split.testUsers();
        if (testUsers.length == 0) {
            throw new IllegalArgumentException("the split has no test users");
        }
        int numItems = train.numItems();
        int tick = 0;
        for (int t : train.ticks()) {
            tick = Math.max(tick, t + 1);
        }
        ConsumptionHistory consumed = history(train);
        RandomStreams streams = new RandomStreams(options.seed());

        Recommender rec = Objects.requireNonNull(algorithm.factory().get(), "factory of " + algorithm.name());
        rec.fit(train, new TrainContext(tick, streams, null, 1, catalog));
        SlateBatch batch = new SlateBatch(testUsers, options.maxK());
        ServeContext serve = new ServeContext(tick, numItems, consumed, streams, catalog);
        rec.recommend(batch, 0, batch.size(), serve);

        int[][] lists = new int[testUsers.length][];
        int[][] relevant = new int[testUsers.length][];
        for (int s = 0; s < testUsers.length; s++) {
            lists[s] = slate(batch, s, numItems, consumed, algorithm.name());
            relevant[s] = split.test(testUsers[s]);
        }
        List<Row> rows = score(algorithm.name(), lists, relevant,
                RankingMetrics.Popularity.of(train, options.headShare()), numItems, catalog);
        if (sampledNegatives > 0) {
            rows = new ArrayList<>(rows);
            rows.addAll(SampledMetrics.score(algorithm.name(), ServedScores.of(rec, serve), testUsers, relevant,
                    consumed, numItems, sampledNegatives, options.ks(), options.seed()));
        }
        return rows;
    }

    /** Reads and checks one slate: filled positions, ids in range, distinct, not consumed. */
    private static int[] slate(SlateBatch batch, int s, int numItems, ConsumptionHistory consumed, String name) {
        int u = batch.user(s);
        int n = batch.length(s);
        int[] list = new int[n];
        for (int r = 0; r < n; r++) {
            int item = batch.item(s, r);
            if (item >= numItems) {
                throw new IllegalStateException("algorithm '" + name + "' recommended item " + item + " to user " + u
                        + ", outside the catalog [0, " + numItems + ")");
            }
            if (consumed.contains(u, item)) {
                throw new IllegalStateException("algorithm '" + name + "' recommended item " + item + " to user " + u
                        + ", who interacted with it in training");
            }
            for (int q = 0; q < r; q++) {
                if (list[q] == item) {
                    throw new IllegalStateException("algorithm '" + name + "' recommended item " + item
                            + " twice to user " + u);
                }
            }
            list[r] = item;
        }
        for (int r = n; r < batch.k(); r++) {
            if (batch.item(s, r) >= 0) {
                throw new IllegalStateException("algorithm '" + name + "' left a gap at position " + n
                        + " of the slate of user " + u);
            }
        }
        return list;
    }

    /**
     * Scores given top-maxK lists against relevant sets ({@code lists[j]} and {@code relevant[j]}
     * belong to the same user; every relevant set non-empty). Used by {@link #evaluate} and
     * available for lists produced elsewhere.
     */
    public List<Row> score(String name, int[][] lists, int[][] relevant, RankingMetrics.Popularity pop, int numItems,
            Catalog catalog) {
        if (lists.length != relevant.length) {
            throw new IllegalArgumentException("lists and relevant sets differ in number");
        }
        int users = lists.length;
        boolean features = catalog != null && catalog.dim() > 0 && catalog.size() >= numItems;
        List<Integer> ks = options.ks();
        double[][] values = new double[METRICS.size()][ks.size()];
        for (int j = 0; j < ks.size(); j++) {
            int k = ks.get(j);
            double p = 0;
            double rc = 0;
            double nd = 0;
            double ap = 0;
            double rr = 0;
            double hr = 0;
            for (int s = 0; s < users; s++) {
                p += RankingMetrics.precision(lists[s], relevant[s], k);
                rc += RankingMetrics.recall(lists[s], relevant[s], k);
                nd += RankingMetrics.ndcg(lists[s], relevant[s], k);
                ap += RankingMetrics.averagePrecision(lists[s], relevant[s], k);
                rr += RankingMetrics.reciprocalRank(lists[s], relevant[s], k);
                hr += RankingMetrics.hit(lists[s], relevant[s], k);
            }
            values[0][j] = p / users;
            values[1][j] = rc / users;
            values[2][j] = nd / users;
            values[3][j] = ap / users;
            values[4][j] = rr / users;
            values[5][j] = hr / users;
            values[6][j] = RankingMetrics.coverage(lists, k, numItems);
            values[7][j] = RankingMetrics.arp(lists, k, pop);
            values[8][j] = RankingMetrics.aplt(lists, k, pop);
            values[9][j] = RankingMetrics.popReo(lists, relevant, k, pop);
            values[10][j] = RankingMetrics.novelty(lists, k, pop);
            values[11][j] = features ? RankingMetrics.intraListDiversity(lists, k, catalog.features(), catalog.dim())
                    : Double.NaN;
        }
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < METRICS.size(); m++) {
            String metric = METRICS.get(m);
            if (metric.equals("ild") && !features) {
                continue;
            }
            for (int j = 0; j < ks.size(); j++) {
                rows.add(new Row(name, metric, ks.get(j), values[m][j]));
            }
        }
        return rows;
    }

    /** Each user's training items. */
    static ConsumptionHistory history(Interactions train) {
        ConsumptionHistory h = new ConsumptionHistory(train.numUsers());
        for (int r = 0; r < train.size(); r++) {
            h.add(train.users()[r], train.items()[r]);
        }
        return h;
    }
}
