package org.recloop.recommenders.popularity;

import java.util.Arrays;
import org.recloop.core.config.Check;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

/**
 * Popularity with exponential time decay: every user gets the unconsumed items with the highest
 *
 * <pre>
 *   score(i, now) = Σ_{clicks c on i} 0.5^((now - tick(c)) / halfLife)
 * </pre>
 *
 * where {@code now} is the serving tick and {@code tick(c)} the tick of the click, so a click
 * counts 1 in the tick it happens and half as much {@code halfLife} ticks later (exponentially
 * weighted counts, the usual "trending" baseline; a click of tick t is first served at t + 1 with
 * weight 0.5^(1/halfLife)). Each interaction row counts as one click whatever its value. Ties go
 * to the smaller item id; items without a click (score 0), including items added to the catalog
 * after the last update, rank after all clicked ones, in id order.
 *
 * <p>Learning: {@link #fit} recomputes the sums from the given log; {@link #update} decays the
 * sums to the tick of the update and adds that tick's clicks, so between refits the model follows
 * every tick. The sums are kept relative to the tick of the last update (the "reference tick"),
 * which keeps them bounded by the number of clicks; since the decay from the reference tick to the
 * serving tick multiplies all items by the same factor, the ranking is computed once per update
 * and serving only rescales the scores it writes. {@link #modelVersion} counts fits, as for
 * most-popular.
 *
 * <p>Serving walks the precomputed ranking, skipping consumed items: O(k + consumed) per user.
 * Propensity 1 (a deterministic ranking).
 */
public final class DecayedPopularityRecommender implements Recommender {

    /** @param halfLife ticks after which a click counts half (default 10) */
    public record Params(Double halfLife) {
        public Params {
            halfLife = Check.positive("halfLife", halfLife == null ? 10.0 : halfLife);
        }

        public static Params defaults() {
            return new Params(null);
        }
    }

    /**
     * An immutable snapshot: {@code mass[i]} is item i's decayed click count at {@code refTick};
     * {@code order} lists the items with {@code mass > 0} best first (ties: smaller id).
     */
    private record Model(double[] mass, int refTick, int[] order) {}

    private final Params p;
    private volatile Model model = new Model(new double[0], 0, new int[0]);
    private int version;

    public DecayedPopularityRecommender(Params p) {
        this.p = p;
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        double[] mass = new double[Math.max(all.numItems(), maxItem(all) + 1)];
        add(mass, all, ctx.tick());
        model = new Model(mass, ctx.tick(), rank(mass));
        version++;
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        if (tick.size() == 0) {
            return; // decay alone rescales every item alike: the ranking does not change
        }
        Model m = model;
        int ref = ctx.tick();
        double[] mass = Arrays.copyOf(m.mass(), Math.max(m.mass().length, Math.max(tick.numItems(), maxItem(tick) + 1)));
        if (ref != m.refTick()) {
            double f = decay(ref - m.refTick());
            for (int i = 0; i < mass.length; i++) {
                mass[i] *= f;
            }
        }
        add(mass, tick, ref);
        model = new Model(mass, ref, rank(mass));
    }

    private double decay(double ticks) {
        return Math.pow(0.5, ticks / p.halfLife());
    }

    private static int maxItem(Interactions data) {
        int max = -1;
        for (int item : data.items()) {
            max = Math.max(max, item);
        }
        return max;
    }

    /** Adds each row's click, decayed from its tick to {@code ref}. */
    private void add(double[] mass, Interactions data, int ref) {
        int[] items = data.items();
        int[] ticks = data.ticks();
        for (int r = 0; r < data.size(); r++) {
            mass[items[r]] += decay(ref - ticks[r]);
        }
    }

    /** Items with positive mass, by descending mass, ties by smaller id. */
    private static int[] rank(double[] mass) {
        int n = 0;
        for (double v : mass) {
            if (v > 0) {
                n++;
            }
        }
        Integer[] idx = new Integer[n];
        int w = 0;
        for (int i = 0; i < mass.length; i++) {
            if (mass[i] > 0) {
                idx[w++] = i;
            }
        }
        Arrays.sort(idx, (a, b) -> mass[a] != mass[b] ? Double.compare(mass[b], mass[a]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        return order;
    }

    /** The decayed score of an item at a tick (for tests and diagnostics). */
    public double score(int item, int tick) {
        Model m = model;
        return item < m.mass().length ? m.mass()[item] * decay(tick - m.refTick()) : 0.0;
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        Model m = model;
        double[] mass = m.mass();
        int[] order = m.order();
        double f = decay(ctx.tick() - m.refTick());
        int n = ctx.numItems();
        int k = slates.k();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int r = 0;
            for (int i = 0; i < order.length && r < k; i++) {
                int item = order[i];
                if (!SlateRanker.excluded(ctx, u, item)) {
                    slates.set(s, r++, item, (float) (mass[item] * f), 1f, SlateSource.RECOMMENDER);
                }
            }
            // never clicked (or decayed to nothing, or newer than the model): score 0, in id order
            for (int item = 0; item < n && r < k; item++) {
                if ((item >= mass.length || !(mass[item] > 0)) && !SlateRanker.excluded(ctx, u, item)) {
                    slates.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }
}
