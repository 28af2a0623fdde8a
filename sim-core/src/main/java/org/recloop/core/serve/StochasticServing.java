package org.recloop.core.serve;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;

/**
 * Draws slates at random from the recommender's ranking, for a {@linkplain ServingPolicy#stochastic
 * stochastic serving policy}, and records the exact probability of every draw.
 *
 * <p>The candidates are the recommender's own top {@code max(candidates, k)} items, asked of it
 * through {@link Recommender#recommend} with a wider slate: for a scoring recommender that is the
 * {@link SlateRanker} over its {@link ItemScorer}, so exclusion, ties and fallbacks stay the
 * ranker's, and any other recommender (bandits, re-rankers, remote services) is covered too. The
 * scores the policy uses are the ones the ranking carries.
 *
 * <p>Propensity: the exposure at position r records {@code P(item at r | the items at positions
 * 0..r-1)}, the conditional probability of that draw given the slate so far. It is exact (no
 * sampling estimate), and the product over a slate's positions is the probability of the whole
 * slate, which is what an inverse-propensity estimate of a slate-level reward needs whenever the
 * user's choice depends on the whole slate (as under the multinomial-logit user model, where one
 * item's click probability depends on its neighbours). The marginal {@code P(item at r)} of
 * Plackett–Luce has no closed form (a sum over the orderings of the positions before r) and
 * suffices only for position-based click models; at position 0 the two coincide.
 *
 * <p>Determinism: one stream per (user, tick) of purpose {@code kernel.serving-policy}, and the
 * candidates do not depend on how users are chunked (Recommender contract), so slates are the same
 * with any thread count.
 */
public final class StochasticServing {

    static final long PURPOSE = RandomStreams.purpose("kernel.serving-policy");

    private StochasticServing() {}

    /**
     * Fills slates {@code [from, to)}: the recommender's own slates under a deterministic policy,
     * else drawn by {@code policy} from its ranking (see {@link #serve}); then the users' feed
     * boosts ({@link FeedBoost}), whatever the recommender.
     */
    public static void fill(Recommender recommender, ServingPolicy policy, SlateBatch slates, int from, int to,
            ServeContext ctx) {
        if (policy.stochastic()) {
            serve(recommender, policy, slates, from, to, ctx);
        } else {
            recommender.recommend(slates, from, to, ctx);
        }
        FeedBoost.apply(slates, from, to, ctx);
    }

    /** Fills slates {@code [from, to)} of {@code slates} by {@code policy} from {@code recommender}'s ranking. */
    public static void serve(Recommender recommender, ServingPolicy policy, SlateBatch slates, int from, int to,
            ServeContext ctx) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int[] users = new int[n];
        for (int s = from; s < to; s++) {
            users[s - from] = slates.user(s);
        }
        SlateBatch pool = new SlateBatch(users, Math.max(policy.candidates(), slates.k()));
        recommender.recommend(pool, 0, n, ctx);
        double[] weight = new double[pool.k()];
        boolean[] taken = new boolean[pool.k()];
        for (int q = 0; q < n; q++) {
            UniformRandomProvider rng = ctx.streams().stream(PURPOSE, users[q], ctx.tick());
            draw(policy, pool, q, slates, from + q, rng, weight, taken);
        }
    }

    /**
     * Draws slate {@code s} of {@code slates} from the candidates of slate {@code q} of {@code pool}
     * (best first); {@code weight} and {@code taken} are scratch of the pool's width.
     */
    static void draw(ServingPolicy policy, SlateBatch pool, int q, SlateBatch slates, int s,
            UniformRandomProvider rng, double[] weight, boolean[] taken) {
        int m = pool.length(q);
        int want = Math.min(m, slates.k());
        java.util.Arrays.fill(taken, 0, m, false);
        boolean pl = ServingPolicy.PLACKETT_LUCE.equals(policy.policy());
        if (pl) {
            // exp((score - max) / T): the largest weight is 1, so nothing overflows
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                max = Math.max(max, pool.score(q, c));
            }
            for (int c = 0; c < m; c++) {
                weight[c] = Math.exp((pool.score(q, c) - max) / policy.temperature());
            }
        }
        for (int r = 0; r < want; r++) {
            int chosen;
            double propensity;
            if (pl) {
                double total = 0;
                for (int c = 0; c < m; c++) {
                    total += taken[c] ? 0 : weight[c];
                }
                chosen = pickByWeight(weight, taken, m, rng.nextDouble() * total);
                propensity = weight[chosen] / total;
            } else {
                int remaining = m - r;
                int best = nthFree(taken, 0);
                double eps = policy.epsilon();
                chosen = rng.nextDouble() < eps ? nthFree(taken, rng.nextInt(remaining)) : best;
                propensity = (chosen == best ? 1 - eps : 0) + eps / remaining;
            }
            taken[chosen] = true;
            slates.set(s, r, pool.item(q, chosen), pool.score(q, chosen), (float) propensity,
                    SlateSource.ofCode(pool.source(q, chosen)));
        }
    }

    /** The free candidate where the running weight passes {@code x}; the last free one if rounding overshoots. */
    private static int pickByWeight(double[] weight, boolean[] taken, int m, double x) {
        int last = -1;
        for (int c = 0; c < m; c++) {
            if (taken[c]) {
                continue;
            }
            last = c;
            x -= weight[c];
            if (x < 0) {
                return c;
            }
        }
        return last;
    }

    /** The index of the j-th (0-based) candidate not yet taken, in ranking order. */
    private static int nthFree(boolean[] taken, int j) {
        for (int c = 0;; c++) {
            if (!taken[c] && j-- == 0) {
                return c;
            }
        }
    }
}
