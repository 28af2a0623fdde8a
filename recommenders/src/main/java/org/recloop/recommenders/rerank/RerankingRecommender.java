package org.recloop.recommenders.rerank;

import java.util.Objects;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

/**
 * Base of the re-rankers: forwards learning to the wrapped recommender, asks it for {@code
 * candidates} items per user, and lets the subclass pick the slate from them, best first. The
 * base's scores are passed on min-max normalised to [0, 1] per user. Thread-safety as the
 * {@link Recommender} contract: {@link #select} must only read shared state.
 */
public abstract class RerankingRecommender implements Recommender {

    private final Recommender base;
    private final int candidates;

    protected RerankingRecommender(Recommender base, int candidates) {
        this.base = Objects.requireNonNull(base);
        if (candidates <= 0) {
            throw new IllegalArgumentException("candidates must be > 0");
        }
        this.candidates = candidates;
    }

    public Recommender base() {
        return base;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        base.fit(all, ctx);
    }

    @Override
    public void fitFromScratch(Interactions all, TrainContext ctx) {
        base.fitFromScratch(all, ctx);
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        base.update(tick, ctx);
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        base.observe(shown, clicks, ctx);
    }

    @Override
    public int modelVersion() {
        return base.modelVersion();
    }

    /**
     * Chooses up to {@code k} of the {@code n} candidates for {@code user}, writing candidate
     * indexes (0..n-1) best first into {@code chosen}; returns how many.
     *
     * @param rel the candidates' relevance in [0, 1], in the base's order (best first)
     */
    protected abstract int select(int user, int[] items, float[] rel, int n, int k, int[] chosen, ServeContext ctx);

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        int n = to - from;
        int[] users = new int[n];
        for (int s = 0; s < n; s++) {
            users[s] = slates.user(from + s);
        }
        int c = Math.max(candidates, slates.k());
        SlateBatch cand = new SlateBatch(users, c);
        base.recommend(cand, 0, n, ctx);
        int k = slates.k();
        int[] items = new int[c];
        float[] scores = new float[c];
        float[] rel = new float[c];
        int[] chosen = new int[k];
        for (int s = 0; s < n; s++) {
            int filled = cand.length(s);
            int len = 0;
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < filled; r++) {
                // the base's slate passed the exclusion step already; re-applying it here keeps
                // the re-ranked slate under the same rules whatever the base is
                if (SlateRanker.excluded(ctx, users[s], cand.item(s, r))) {
                    continue;
                }
                items[len] = cand.item(s, r);
                scores[len] = cand.score(s, r);
                lo = Math.min(lo, scores[len]);
                hi = Math.max(hi, scores[len]);
                len++;
            }
            for (int r = 0; r < len; r++) {
                // constant scores (e.g. random candidates): relevance by rank instead
                rel[r] = hi > lo ? (scores[r] - lo) / (hi - lo) : 1f - (float) r / Math.max(1, len);
            }
            int m = select(users[s], items, rel, len, k, chosen, ctx);
            for (int r = 0; r < m; r++) {
                int j = chosen[r];
                slates.set(from + s, r, items[j], scores[j], 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    /** Cosine similarity of two catalog items' features. */
    static double cosine(org.recloop.core.world.Catalog cat, int a, int b) {
        int d = cat.dim();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int f = 0; f < d; f++) {
            double x = cat.feature(a, f);
            double y = cat.feature(b, f);
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static org.recloop.core.world.Catalog requireCatalog(ServeContext ctx, String who) {
        if (ctx.catalog() == null) {
            throw new IllegalStateException(who + " needs item attributes: the serve context has no catalog");
        }
        return ctx.catalog();
    }
}
