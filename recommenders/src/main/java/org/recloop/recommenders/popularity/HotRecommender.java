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
import org.recloop.core.world.Catalog;

/**
 * "Hot" ranking of news-aggregator front pages: every user gets the unconsumed items with the
 * highest
 *
 * <pre>
 *   hot(i, now) = (e_i + 1) / (age_i + 2)^gravity,   age_i = max(0, now - createdTick(i))
 * </pre>
 *
 * where {@code e_i} is the number of clicks on item i so far (each interaction row counts one),
 * {@code now} the serving tick and {@code createdTick} the catalog's creation tick of the item.
 * New items get a head start that fades with age; engagement keeps an item up longer. Ties go to
 * the smaller item id. With {@code gravity = 0} this is plain popularity.
 *
 * <p>This is the Hacker News gravity formula {@code (points - 1) / (hours + 2)^1.8} with ticks
 * for hours and {@code e_i + 1} for the points, so that an item without clicks still ranks by its
 * age. Reddit's hot score, which the OASIS social-media simulator (Yang et al., "OASIS: Open
 * Agent Social Interaction Simulations with One Million Agents", 2024) uses for its hot-score
 * recommender, makes the same trade-off in log form, {@code log10(max(|likes - dislikes|, 1)) +
 * sign * createdSeconds / 45000}; they differ in that the gravity form penalises age
 * polynomially, Reddit's form exponentially (ten times the votes buy 12.5 hours of age).
 *
 * <p>Learning: {@link #fit} recounts the clicks of the given log, {@link #update} adds each tick's
 * clicks; {@link #modelVersion} counts fits. The score needs the catalog's creation ticks: the
 * serving context must carry the catalog.
 *
 * <p>Serving: the ranking is the same for every user, but it depends on the serving tick, so each
 * {@link #recommend} call computes all n scores and sorts them once (O(n log n) per call), then
 * walks the ranking per user, skipping consumed items (O(k + consumed) per user). Propensity 1.
 */
public final class HotRecommender implements Recommender {

    /** @param gravity exponent of the age penalty (default 1.8, as in the Hacker News formula) */
    public record Params(Double gravity) {
        public Params {
            gravity = Check.nonNegative("gravity", gravity == null ? 1.8 : gravity);
        }

        public static Params defaults() {
            return new Params(null);
        }
    }

    private final Params p;
    /** Clicks per item; replaced (never written) once published, so serving reads a fixed array. */
    private volatile long[] engagements = new long[0];
    private int version;

    public HotRecommender(Params p) {
        this.p = p;
    }

    @Override
    public int modelVersion() {
        return version;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        engagements = add(new long[all.numItems()], all);
        version++;
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        if (tick.size() == 0) {
            return;
        }
        long[] e = engagements;
        engagements = add(Arrays.copyOf(e, Math.max(e.length, tick.numItems())), tick);
    }

    private static long[] add(long[] counts, Interactions data) {
        for (int item : data.items()) {
            if (item >= counts.length) {
                counts = Arrays.copyOf(counts, item + 1);
            }
            counts[item]++;
        }
        return counts;
    }

    /** Clicks counted so far for an item. */
    public long engagements(int item) {
        long[] e = engagements;
        return item < e.length ? e[item] : 0;
    }

    /** The hot score of an item created at {@code createdTick} with {@code clicks} clicks, at {@code now}. */
    public double score(long clicks, int createdTick, int now) {
        int age = Math.max(0, now - createdTick);
        return (clicks + 1) / Math.pow(age + 2.0, p.gravity());
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        if (from >= to) {
            return;
        }
        Catalog catalog = ctx.catalog();
        int n = ctx.numItems();
        if (catalog == null || catalog.size() < n) {
            throw new IllegalStateException("hot ranking needs the catalog's creation ticks of all " + n
                    + " items; the serving context has " + (catalog == null ? "no catalog" : catalog.size() + " items"));
        }
        long[] e = engagements;
        // sort key: high 32 bits = descending score (non-negative floats order like their bits),
        // low 32 bits = ascending id, so ties go to the smaller id
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            float sc = (float) score(i < e.length ? e[i] : 0, catalog.createdTick(i), ctx.tick());
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(sc)) << 32) | i;
        }
        Arrays.sort(keys);
        int k = slates.k();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int r = 0;
            for (int j = 0; j < n && r < k; j++) {
                int item = (int) keys[j];
                if (!SlateRanker.excluded(ctx, u, item)) {
                    float sc = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (keys[j] >>> 32));
                    slates.set(s, r++, item, sc, 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }
}
