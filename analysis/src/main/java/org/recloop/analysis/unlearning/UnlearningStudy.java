package org.recloop.analysis.unlearning;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.recloop.analysis.offline.RankingMetrics;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.Unlearner;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The offline unlearning study of one recommender and one method (see {@link UnlearningSplit}
 * for the split). Three models: the original, fitted on the retained training rows plus the
 * forget set; the gold, a fresh instance fitted on the retained rows only; and the unlearned, a
 * second original (a fresh instance fitted like the first: same data, same seed, so the same
 * model) that then forgets the request by the method (exact: a refit on the retained rows).
 * Every fit uses {@code TrainContext(T, new RandomStreams(seed), null, 1, catalog)}, T = last
 * tick + 1.
 *
 * <p>Measures, each of the three models where it applies:
 * <ul>
 *   <li>forget-set recall@k: the share of forgotten (user, item) pairs whose item is in the
 *       user's top-k, ranked as the platform would serve after the request: the user's retained
 *       items excluded, the forgotten ones candidates again. In users scope the user is unknown
 *       to the gold model and, by a correct method, to the unlearned one, which then give their
 *       fallback; the original scores the user with what it learned. (Fold-in of the history
 *       was not chosen: it would measure the fold-in, not what the model kept.)</li>
 *   <li>NDCG@k of the retained users' held-out items, their training items excluded; and the
 *       unlearned model's over the gold's.</li>
 *   <li>membership-inference advantage {@code 2·|AUC − 0.5|} of a rank-based attack ({@link
 *       MembershipAttack}). Users scope: telling the forget set (members of the original's
 *       training data) from the never-seen users; a user's score is the share of their target
 *       items (forgotten ones; for never-seen users the same share of their own items) in their
 *       top-{@value #ATTACK_DEPTH}. Interactions scope, where the forget users remain members
 *       through their retained rows: telling the forgotten pairs from never-trained pairs of the
 *       same users by the items' positions in the users' top-{@value #ATTACK_DEPTH}. Near 0 for
 *       the gold model; high when a model still remembers, and high again when it over-forgets
 *       (ranks forgotten items below never-seen ones).</li>
 *   <li>wall time: the median over {@code repeats} of the unlearning call, of a full refit (the
 *       gold fit), and their ratio.</li>
 * </ul>
 * Deterministic apart from the times.
 */
public final class UnlearningStudy {

    static final int ATTACK_DEPTH = 50;

    /**
     * @param k list length
     * @param method the unlearning method
     * @param scope users or interactions
     * @param forget size of the forget set (and of the never-seen set)
     * @param seed seed of the split and of every fit
     * @param repeats timed repetitions, >= 1
     */
    public record Options(int k, UnlearningMethod method, ForgetRequest.Scope scope, int forget, long seed, int repeats) {
        public Options {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(scope, "scope");
            if (k <= 0) {
                throw new IllegalArgumentException("k must be > 0, was " + k);
            }
            if (scope == ForgetRequest.Scope.ITEMS) {
                throw new IllegalArgumentException("scope must be users or interactions, was items");
            }
            if (forget <= 0) {
                throw new IllegalArgumentException("forget must be > 0, was " + forget);
            }
            if (repeats <= 0) {
                throw new IllegalArgumentException("repeats must be > 0, was " + repeats);
            }
        }
    }

    /**
     * A measure for the three models; NaN where it does not apply.
     */
    public record Measure(String name, double original, double unlearned, double gold) {
        /** unlearned / gold. */
        public double ratio() {
            return unlearned / gold;
        }
    }

    /**
     * @param forgetRecall forget-set recall@k
     * @param ndcg retained NDCG@k
     * @param advantage membership-inference advantage
     * @param seconds median seconds: unlearned = the unlearning call, gold = a full refit
     * @param forgottenPairs pairs in the request
     */
    public record Result(Options options, Measure forgetRecall, Measure ndcg, Measure advantage, Measure seconds,
            int forgottenPairs) {

        /** The CSV: one row per measure. */
        public void writeCsv(Writer w) throws IOException {
            w.write("metric,original,unlearned,gold,unlearned_over_gold,k,method,scope,forget,seed,repeats\n");
            for (Measure m : new Measure[] {forgetRecall, ndcg, advantage, seconds}) {
                w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%s,%s,%d,%d,%d%n", m.name(), num(m.original()),
                        num(m.unlearned()), num(m.gold()), num(m.ratio()), options.k(), options.method().id(),
                        options.scope().name().toLowerCase(Locale.ROOT), options.forget(), options.seed(),
                        options.repeats()));
            }
        }

        /** Lines for people. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s%n", "", "original", "unlearned", "gold",
                    "unl/gold"));
            for (Measure m : new Measure[] {forgetRecall, ndcg, advantage, seconds}) {
                b.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %10s%n", m.name(), num(m.original()),
                        num(m.unlearned()), num(m.gold()), num(m.ratio())));
            }
            return b.toString();
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    private final Options options;

    public UnlearningStudy(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Runs the study.
     *
     * @throws IllegalArgumentException when the data is too small for the split, or the
     *     recommender cannot unlearn by the method
     */
    public Result run(Interactions data, Catalog catalog, Supplier<Recommender> factory) {
        Objects.requireNonNull(factory, "factory");
        UnlearningSplit split = new UnlearningSplit(data, options.forget(), options.scope(), options.seed());
        int tick = 0;
        for (int t : data.ticks()) {
            tick = Math.max(tick, t + 1);
        }
        RandomStreams streams = new RandomStreams(options.seed());
        TrainContext ctx = new TrainContext(tick, streams, null, 1, catalog);
        int[][] trainItems = UnlearningSplit.distinctItems(split.retained);

        double[] unlearnSeconds = new double[options.repeats()];
        double[] refitSeconds = new double[options.repeats()];
        Recommender original = null;
        Recommender gold = null;
        Recommender unlearned = null;
        double[] originalValues = null;
        for (int rep = 0; rep < options.repeats(); rep++) {
            Recommender copy = factory.get();
            copy.fit(split.original, ctx);
            if (rep == 0) {
                if (!Unlearner.canUnlearn(copy, options.method())) {
                    throw new IllegalArgumentException("the recommender cannot unlearn by method " + options.method().id()
                            + " (sharded needs a sharded recommender, finetune als or bpr)");
                }
                originalValues = measures(copy, split, trainItems, data.numItems(), tick, streams, catalog);
                original = copy;
            }
            long t0 = System.nanoTime();
            if (options.method() == UnlearningMethod.EXACT) {
                copy.fit(split.retained, ctx);
            } else {
                ((Unlearner) copy).unlearn(split.request, options.method(), split.retained, ctx);
            }
            unlearnSeconds[rep] = (System.nanoTime() - t0) / 1e9;
            unlearned = copy;
            Recommender g = factory.get();
            long t1 = System.nanoTime();
            g.fit(split.retained, ctx);
            refitSeconds[rep] = (System.nanoTime() - t1) / 1e9;
            if (rep == 0) {
                gold = g;
            }
        }
        Objects.requireNonNull(original);
        double[] u = measures(unlearned, split, trainItems, data.numItems(), tick, streams, catalog);
        double[] g = measures(gold, split, trainItems, data.numItems(), tick, streams, catalog);
        Median median = new Median();
        return new Result(options,
                new Measure("forget_recall@" + options.k(), originalValues[0], u[0], g[0]),
                new Measure("ndcg@" + options.k(), originalValues[1], u[1], g[1]),
                new Measure("mia_advantage", originalValues[2], u[2], g[2]),
                new Measure("seconds", Double.NaN, median.evaluate(unlearnSeconds), median.evaluate(refitSeconds)),
                split.request.ids().length);
    }

    /** Forget-set recall, retained NDCG and attack advantage of one model. */
    private double[] measures(Recommender model, UnlearningSplit split, int[][] trainItems, int numItems, int tick,
            RandomStreams streams, Catalog catalog) {
        int k = options.k();
        // forget-set recall, served as after the request: the retained items excluded
        int[] fu = split.forgetUsers;
        int[][] fLists = lists(model, fu, trainItems, Math.max(k, ATTACK_DEPTH), numItems, tick, streams, catalog);
        long hits = 0;
        long pairs = 0;
        for (int s = 0; s < fu.length; s++) {
            hits += RankingMetrics.hits(fLists[s], split.forgotten[fu[s]], k);
            pairs += split.forgotten[fu[s]].length;
        }
        double recall = pairs == 0 ? Double.NaN : (double) hits / pairs;
        // retained NDCG
        int[] ru = java.util.stream.IntStream.range(0, numUsersOf(split)).filter(x -> split.heldOut[x].length > 0)
                .toArray();
        int[][] rLists = lists(model, ru, trainItems, k, numItems, tick, streams, catalog);
        double ndcg = 0;
        for (int s = 0; s < ru.length; s++) {
            ndcg += RankingMetrics.ndcg(rLists[s], split.heldOut[ru[s]], k);
        }
        ndcg = ru.length == 0 ? Double.NaN : ndcg / ru.length;
        // membership inference: forgotten pairs against never-trained ones of the same users
        // (interactions), or the forget set against never-seen users (users)
        double advantage;
        if (options.scope() == ForgetRequest.Scope.INTERACTIONS) {
            int[][] forgotten = new int[fu.length][];
            int[][] unseen = new int[fu.length][];
            for (int s = 0; s < fu.length; s++) {
                forgotten[s] = split.forgotten[fu[s]];
                unseen[s] = split.unseen[fu[s]];
            }
            advantage = MembershipAttack.pairs(fLists, forgotten, unseen, ATTACK_DEPTH);
        } else {
            int[] nu = split.neverSeen;
            int[][] nLists = lists(model, nu, trainItems, ATTACK_DEPTH, numItems, tick, streams, catalog);
            advantage = MembershipAttack.users(fLists, targets(split, fu), nLists, targets(split, nu));
        }
        return new double[] {recall, ndcg, advantage};
    }

    private static int numUsersOf(UnlearningSplit split) {
        return split.heldOut.length;
    }

    private static int[][] targets(UnlearningSplit split, int[] users) {
        int[][] out = new int[users.length][];
        for (int s = 0; s < users.length; s++) {
            out[s] = split.forgotten[users[s]];
        }
        return out;
    }

    /** Top-{@code depth} lists of {@code users} with their retained training items excluded. */
    private static int[][] lists(Recommender model, int[] users, int[][] trainItems, int depth, int numItems, int tick,
            RandomStreams streams, Catalog catalog) {
        ConsumptionHistory consumed = new ConsumptionHistory(trainItems.length);
        for (int u : users) {
            for (int i : trainItems[u]) {
                consumed.add(u, i);
            }
        }
        SlateBatch batch = new SlateBatch(users, Math.min(depth, numItems));
        model.recommend(batch, 0, batch.size(), new ServeContext(tick, numItems, consumed, streams, catalog));
        int[][] out = new int[users.length][];
        for (int s = 0; s < users.length; s++) {
            out[s] = new int[batch.length(s)];
            for (int q = 0; q < out[s].length; q++) {
                out[s][q] = batch.item(s, q);
            }
        }
        return out;
    }
}
