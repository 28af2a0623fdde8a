package org.recloop.recommenders.baseline;

import java.util.Arrays;
import org.recloop.core.config.Check;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.PopularityOrder;

/**
 * Ranks items by their number of clicks in the log; every user gets the most clicked items they
 * have not consumed, score = click count. Ties go to the smaller item id. Learns incrementally:
 * {@link #update} adds each tick's clicks, {@link #fit} recounts from the whole log. Items never
 * clicked rank after all clicked ones, in id order.
 */
public final class MostPopularRecommender implements Recommender {

    /** @param incremental if true, the ranking also follows each tick's clicks between refits */
    public record Params(Boolean incremental) {
        public Params {
            incremental = incremental == null || incremental;
        }

        public static Params defaults() {
            return new Params(null);
        }
    }

    private final Params p;
    private long[] counts = new long[0];
    private int[] order = new int[0];
    private int version;

    public MostPopularRecommender(Params p) {
        this.p = p;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        counts = new long[all.numItems()];
        add(all);
        rank(all.numItems());
        version++;
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        if (!p.incremental() || tick.size() == 0) {
            return;
        }
        if (counts.length < tick.numItems()) {
            counts = Arrays.copyOf(counts, tick.numItems());
        }
        add(tick);
        rank(tick.numItems());
    }

    private void add(Interactions data) {
        int[] items = data.items();
        for (int r = 0; r < data.size(); r++) {
            if (items[r] >= counts.length) {
                counts = Arrays.copyOf(counts, items[r] + 1);
            }
            counts[items[r]]++;
        }
    }

    private void rank(int numItems) {
        order = PopularityOrder.of(Arrays.copyOf(counts, Math.max(numItems, counts.length)));
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        int n = ctx.numItems();
        int[] o = order; // read once: update() may not run concurrently, but keep one snapshot
        long[] c = counts;
        int k = slates.k();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int r = 0;
            for (int i = 0; i < o.length && r < k; i++) {
                int item = o[i];
                if (!SlateRanker.excluded(ctx, u, item)) {
                    slates.set(s, r++, item, item < c.length ? c[item] : 0f, 1f, SlateSource.RECOMMENDER);
                }
            }
            // items the model has not ranked yet (new, or before any click) come last, by id
            for (int item = o.length; item < n && r < k; item++) {
                if (!SlateRanker.excluded(ctx, u, item)) {
                    slates.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }

    @Override
    public int modelVersion() {
        return version;
    }
}
