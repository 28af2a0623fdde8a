package org.recloop.recommenders.baseline;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.Purposes;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Uniformly random slates of distinct items the user has not consumed. The propensity of each
 * shown item is k / (number of candidates), the probability that this item was put on the slate,
 * which is what inverse-propensity estimators need. Draws from the stream (serve, user, tick).
 */
public final class RandomRecommender implements Recommender {

    /** No parameters. */
    public record Params() {}

    public RandomRecommender() {}

    public RandomRecommender(Params p) {}

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        // nothing to learn
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        int n = ctx.numItems();
        int k = slates.k();
        ConsumptionHistory consumed = ctx.consumed();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            UniformRandomProvider rng = ctx.streams().stream(Purposes.SERVE, u, ctx.tick());
            fill(slates, s, u, n, k, consumed, rng);
        }
    }

    /** Fills slate {@code s} with up to k random unconsumed distinct items. */
    public static void fill(SlateBatch slates, int s, int u, int n, int k, ConsumptionHistory consumed,
            UniformRandomProvider rng) {
        int candidates = n - consumed.size(u);
        int want = Math.min(k, Math.max(0, candidates));
        if (want == 0) {
            return;
        }
        float propensity = (float) want / candidates;
        if (candidates <= 4 * k) {
            // few candidates left: partial Fisher-Yates over the explicit candidate list
            int[] cand = new int[candidates];
            int c = 0;
            for (int i = 0; i < n && c < candidates; i++) {
                if (!consumed.contains(u, i)) {
                    cand[c++] = i;
                }
            }
            for (int r = 0; r < want; r++) {
                int j = r + rng.nextInt(candidates - r);
                int tmp = cand[r];
                cand[r] = cand[j];
                cand[j] = tmp;
                slates.set(s, r, cand[r], 0f, propensity, SlateSource.RECOMMENDER);
            }
            return;
        }
        // many candidates: rejection sampling, expected < 1.34 draws per position
        int r = 0;
        while (r < want) {
            int item = rng.nextInt(n);
            if (consumed.contains(u, item) || onSlate(slates, s, r, item)) {
                continue;
            }
            slates.set(s, r++, item, 0f, propensity, SlateSource.RECOMMENDER);
        }
    }

    private static boolean onSlate(SlateBatch slates, int s, int filled, int item) {
        for (int r = 0; r < filled; r++) {
            if (slates.item(s, r) == item) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int modelVersion() {
        return 0;
    }
}
