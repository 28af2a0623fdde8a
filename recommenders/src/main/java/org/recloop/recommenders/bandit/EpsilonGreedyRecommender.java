package org.recloop.recommenders.bandit;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Epsilon-greedy slate bandit over per-item click-through rates (Sutton and Barto,
 * "Reinforcement Learning: An Introduction", 2nd ed. 2018, sections 2.2-2.3; Auer, Cesa-Bianchi
 * and Fischer, "Finite-time Analysis of the Multiarmed Bandit Problem", Machine Learning 2002).
 *
 * <p>Model: each item is an arm, shared by all users (not personalised). Every item shown in a
 * slate passed to {@link #observe} is one pull of its arm, with reward 1 if the slate's user
 * clicked that item in that tick, else 0 (clicks on items that were not shown are no pulls and are
 * ignored). With {@code n_i} pulls and {@code c_i} rewards, the estimate is the posterior mean of a
 * Beta({@code priorClicks}, {@code priorMisses}) prior,
 *
 * <pre>
 *   ctr_i = (c_i + priorClicks) / (n_i + priorClicks + priorMisses)
 * </pre>
 *
 * so an item never shown, including one added to the catalog later, has the prior mean (0.5 for
 * the default Beta(1, 1), which puts unexplored items ahead of explored ones whose click rate is
 * below that: optimistic initial values). Every shown position counts, whatever its source (a
 * social-feed item on the slate is a pull as well).
 *
 * <p>Policy: the slate is filled position by position; position r is, with probability
 * {@code epsilon}, an item drawn uniformly from the remaining candidates (unconsumed, not yet on
 * the slate) and otherwise the remaining candidate with the highest estimate (ties: smaller id).
 * The propensity written for a position is the probability of its item given the positions
 * above it: {@code (1 - epsilon)·[item is the greedy choice] + epsilon / remaining candidates}.
 * The score written is the item's estimate.
 *
 * <p>Learning happens only in {@link #observe}; {@link #fit} and {@link #update} learn nothing
 * (the click log carries no exposures, so it cannot give pulls). {@link #modelVersion} counts the
 * observes that had at least one pull.
 *
 * <p>Randomness: one stream per (user, tick), purpose "recommender.epsilon-greedy"; each position
 * draws one uniform for the coin and, if exploring, the draws of the uniform pick. The greedy
 * ranking is computed once per observe (O(n log n)); serving costs O(k·(k + consumed)) per user
 * while fewer than three quarters of the catalog are consumed.
 */
public final class EpsilonGreedyRecommender implements Recommender {

    /**
     * @param epsilon probability that a position is explored uniformly at random (default 0.1)
     * @param priorClicks α of the Beta prior on every item's click-through rate (default 1)
     * @param priorMisses β of the Beta prior (default 1)
     */
    public record Params(Double epsilon, Double priorClicks, Double priorMisses) {
        public Params {
            epsilon = Check.unit("epsilon", epsilon == null ? 0.1 : epsilon);
            priorClicks = Check.positive("priorClicks", priorClicks == null ? 1.0 : priorClicks);
            priorMisses = Check.positive("priorMisses", priorMisses == null ? 1.0 : priorMisses);
        }

        public static Params defaults() {
            return new Params(null, null, null);
        }
    }

    private static final long PURPOSE = RandomStreams.purpose("recommender.epsilon-greedy");

    /**
     * The greedy ranking of the items known at the last observe: {@code estimate[i]} for ids below
     * {@code estimate.length}, {@code order} all of them best first (ties: smaller id).
     */
    private record Ranking(int[] order, double[] estimate) {}

    private final Params p;
    private final double priorMean;
    private int knownItems;
    private long[] pulls = new long[0];
    private long[] rewards = new long[0];
    private volatile Ranking ranking = new Ranking(new int[0], new double[0]);
    private int version;

    public EpsilonGreedyRecommender(Params p) {
        this.p = p;
        this.priorMean = p.priorClicks() / (p.priorClicks() + p.priorMisses());
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        // the log has clicks but no exposures: nothing to learn pulls from
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        long[] clicked = clickKeys(clicks);
        int known = Math.max(knownItems, clicks.numItems());
        long pulled = 0;
        for (int s = 0; s < shown.size(); s++) {
            int u = shown.user(s);
            int len = shown.length(s);
            for (int pos = 0; pos < len; pos++) {
                int item = shown.item(s, pos);
                if (item >= known) {
                    known = item + 1;
                }
                if (item >= pulls.length) {
                    pulls = Arrays.copyOf(pulls, Math.max(known, pulls.length * 2));
                    rewards = Arrays.copyOf(rewards, pulls.length);
                }
                pulls[item]++;
                if (Arrays.binarySearch(clicked, key(u, item)) >= 0) {
                    rewards[item]++;
                }
                pulled++;
            }
        }
        knownItems = known;
        if (pulled == 0) {
            return;
        }
        double[] est = new double[known];
        for (int i = 0; i < known; i++) {
            est[i] = estimate(i);
        }
        Integer[] idx = new Integer[known];
        for (int i = 0; i < known; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> est[a] != est[b] ? Double.compare(est[b], est[a]) : Integer.compare(a, b));
        int[] order = new int[known];
        for (int i = 0; i < known; i++) {
            order[i] = idx[i];
        }
        ranking = new Ranking(order, est);
        version++;
    }

    private double estimate(int item) {
        long n = item < pulls.length ? pulls[item] : 0;
        long c = item < rewards.length ? rewards[item] : 0;
        return (c + p.priorClicks()) / (n + p.priorClicks() + p.priorMisses());
    }

    /** Pulls (times shown) of an item so far. */
    public long pulls(int item) {
        return item < pulls.length ? pulls[item] : 0;
    }

    /** Rewards (clicks when shown) of an item so far. */
    public long rewards(int item) {
        return item < rewards.length ? rewards[item] : 0;
    }

    static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    /** The (user, item) pairs clicked, as sorted keys for binary search. */
    static long[] clickKeys(Interactions clicks) {
        long[] keys = new long[clicks.size()];
        for (int r = 0; r < keys.length; r++) {
            keys[r] = key(clicks.users()[r], clicks.items()[r]);
        }
        Arrays.sort(keys);
        return keys;
    }

    /** Number of items below {@code n} the user consumed. */
    static int consumedBelow(ConsumptionHistory consumed, int u, int n) {
        int c = consumed.size(u);
        while (c > 0 && consumed.item(u, c - 1) >= n) {
            c--;
        }
        return c;
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        Ranking rk = ranking;
        int[] order = rk.order();
        double[] est = rk.estimate();
        int n = ctx.numItems();
        int k = slates.k();
        double eps = p.epsilon();
        ConsumptionHistory consumed = ctx.consumed();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            UniformRandomProvider rng = ctx.streams().stream(PURPOSE, u, ctx.tick());
            int candidates = n - consumedBelow(consumed, u, n);
            int want = Math.min(k, candidates);
            int oi = 0; // cursor into the ranking of known items
            int ni = est.length; // cursor over the items newer than the ranking (prior mean)
            for (int r = 0; r < want; r++) {
                while (oi < order.length && !valid(slates, s, r, order[oi], u, ctx)) {
                    oi++;
                }
                while (ni < n && !valid(slates, s, r, ni, u, ctx)) {
                    ni++;
                }
                // a newer item has the prior mean and a larger id than every known one
                int greedy = oi < order.length && (ni >= n || est[order[oi]] >= priorMean) ? order[oi] : ni;
                int remaining = candidates - r;
                int item = rng.nextDouble() < eps ? uniformPick(slates, s, r, n, u, ctx, remaining, rng) : greedy;
                double prop = (item == greedy ? 1 - eps : 0) + eps / remaining;
                double score = item < est.length ? est[item] : priorMean;
                slates.set(s, r, item, (float) score, (float) prop, SlateSource.RECOMMENDER);
            }
        }
    }

    /** Not excluded ({@link SlateRanker#excluded}: in the catalog, unconsumed) and not on the slate yet. */
    private static boolean valid(SlateBatch slates, int s, int filled, int item, int u, ServeContext ctx) {
        return !SlateRanker.excluded(ctx, u, item) && !onSlate(slates, s, filled, item);
    }

    private static boolean onSlate(SlateBatch slates, int s, int filled, int item) {
        for (int r = 0; r < filled; r++) {
            if (slates.item(s, r) == item) {
                return true;
            }
        }
        return false;
    }

    /** A uniform draw from the {@code remaining > 0} valid items. */
    private static int uniformPick(SlateBatch slates, int s, int filled, int n, int u, ServeContext ctx,
            int remaining, UniformRandomProvider rng) {
        if (4L * remaining >= n) {
            // rejection sampling: fewer than 4 draws expected
            while (true) {
                int item = rng.nextInt(n);
                if (valid(slates, s, filled, item, u, ctx)) {
                    return item;
                }
            }
        }
        int j = rng.nextInt(remaining);
        for (int item = 0; item < n; item++) {
            if (valid(slates, s, filled, item, u, ctx) && j-- == 0) {
                return item;
            }
        }
        throw new IllegalStateException("fewer than " + remaining + " candidates for user " + u);
    }
}
