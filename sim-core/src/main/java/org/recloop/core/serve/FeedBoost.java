package org.recloop.core.serve;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.command.FeedConstraints;
import org.recloop.core.rng.RandomStreams;

/**
 * The boost step, applied by the kernel to every slate after the recommender filled it: the items
 * that match one of the user's boost constraints move to the front of the slate (keeping the
 * recommender's order among them and among the rest), and when the recommender served none, one
 * matching item that passes the {@linkplain SlateRanker#excluded exclusion step} is drawn at random
 * and takes the front (the last item drops off a full slate).
 *
 * <p>Why positional, not an additive score bonus before top-k: recommenders' scores are on
 * incomparable scales (ALS dot products, bandit posterior draws, an LLM's ranks) and some
 * recommenders have none, so one bonus would mean a different strength for each; moving items
 * ahead, and guaranteeing one when any exists, means the same for every recommender and makes
 * compliance checkable ("a boosted item on the slate when one is available").
 *
 * <p>The drawn item's propensity is 1 / (the number of matching candidates); the recommender's
 * items keep theirs. Determinism: the draw comes from the stream of (purpose {@code
 * kernel.feed-boost}, user, tick); a slate's scan is over item ids in order. Cost: only users with a
 * boost pay, one pass over the catalog when the recommender served no boosted item.
 */
public final class FeedBoost {

    static final long PURPOSE = RandomStreams.purpose("kernel.feed-boost");

    private FeedBoost() {}

    /** Applies the boost step to slates {@code [from, to)}. */
    public static void apply(SlateBatch slates, int from, int to, ServeContext ctx) {
        FeedConstraints fc = ctx.constraints();
        if (fc.isEmpty()) {
            return;
        }
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (fc.hasBoost(u)) {
                boost(slates, s, u, ctx, fc);
            }
        }
    }

    private static void boost(SlateBatch slates, int s, int u, ServeContext ctx, FeedConstraints fc) {
        int len = slates.length(s);
        int k = slates.k();
        int[] items = new int[len];
        float[] scores = new float[len];
        float[] props = new float[len];
        byte[] sources = new byte[len];
        boolean[] boosted = new boolean[len];
        int matched = 0;
        for (int r = 0; r < len; r++) {
            items[r] = slates.item(s, r);
            scores[r] = slates.score(s, r);
            props[r] = slates.propensity(s, r);
            sources[r] = slates.source(s, r);
            boosted[r] = fc.boosts(u, items[r]);
            matched += boosted[r] ? 1 : 0;
        }
        int w = 0;
        if (matched == 0) {
            int c = candidates(slates, s, u, len, ctx, fc);
            if (c == 0) {
                return;
            }
            slates.set(s, w++, draw(slates, s, u, len, c, ctx, fc), 0f, 1f / c, SlateSource.RECOMMENDER);
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < len && w < k; r++) {
                if (boosted[r] == (pass == 0)) {
                    slates.set(s, w++, items[r], scores[r], props[r], SlateSource.ofCode(sources[r]));
                }
            }
        }
    }

    /** Boosted candidates: matching, not excluded, not on the slate's first {@code len} positions. */
    private static int candidates(SlateBatch slates, int s, int u, int len, ServeContext ctx, FeedConstraints fc) {
        int c = 0;
        for (int i = 0; i < ctx.numItems(); i++) {
            if (candidate(slates, s, u, len, i, ctx, fc)) {
                c++;
            }
        }
        return c;
    }

    /** The j-th of the {@code c} candidates, j uniform from the user's boost stream of the tick. */
    private static int draw(SlateBatch slates, int s, int u, int len, int c, ServeContext ctx, FeedConstraints fc) {
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, u, ctx.tick());
        int j = rng.nextInt(c);
        for (int i = 0; i < ctx.numItems(); i++) {
            if (candidate(slates, s, u, len, i, ctx, fc) && j-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static boolean candidate(SlateBatch slates, int s, int u, int len, int item, ServeContext ctx,
            FeedConstraints fc) {
        if (!fc.boosts(u, item) || SlateRanker.excluded(ctx, u, item)) {
            return false;
        }
        for (int r = 0; r < len; r++) {
            if (slates.item(s, r) == item) {
                return false;
            }
        }
        return true;
    }
}
