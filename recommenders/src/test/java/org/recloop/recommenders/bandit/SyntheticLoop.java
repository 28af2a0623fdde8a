package org.recloop.recommenders.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * A fixed synthetic environment for learning tests, and the kernel's loop in miniature.
 *
 * <p>World (all drawn from the seeded streams "test.loop.*"): {@code items} items with features
 * {@code f_i ~ N(0, I/dim)} (so |f_i| ≈ 1), {@code users} users with unit taste vectors {@code t_u}
 * and one unit "appeal" direction {@code g} shared by everybody. The true click probability is
 *
 * <pre>
 *   P(click | u, i) = σ(-3 + 3·t_u·f_i + 2·g·f_i)
 * </pre>
 *
 * so an average pair clicks with about 5-10 %, and every user has items they click with well over
 * 50 %: a personal part (that only a personalised learner can use) and a population part (that
 * popularity and per-item bandits can use). All items are created at tick 0.
 *
 * <p>Loop, per round t: every user is served one slate of k; each shown item is clicked
 * independently with its true probability, drawn in position order from the stream
 * ("test.loop.click", user, t), the same for every recommender; a clicked item becomes consumed;
 * then, as the kernel's Learn phase does, {@code update(clicks)} and {@code observe(slates,
 * clicks)} are called. Optionally every round also serves the slates in two sub-ranges, second
 * first, and checks they equal the whole-range slates.
 */
public final class SyntheticLoop {

    private static final long WORLD = RandomStreams.purpose("test.loop.world");
    private static final long CLICK = RandomStreams.purpose("test.loop.click");

    public final int users;
    public final int items;
    public final int dim;
    public final int k;
    public final Catalog catalog;
    public final RandomStreams streams;
    private final double[] taste;
    private final double[] appeal;

    /**
     * The outcome of a run: realised clicks, exposures, expected clicks (the sum of the true click
     * probabilities of everything shown), every round's slates, and the consumption at the end
     * (= every click, since a clicked item is never shown again).
     */
    public record Result(long clicks, long shown, double expectedClicks, List<int[]> slates,
            ConsumptionHistory history) {}

    public SyntheticLoop(long seed, int users, int items, int dim, int k) {
        this.users = users;
        this.items = items;
        this.dim = dim;
        this.k = k;
        this.streams = new RandomStreams(seed);
        ZigguratSampler.NormalizedGaussian gauss =
                ZigguratSampler.NormalizedGaussian.of(streams.stream(WORLD, -1, 0));
        catalog = new Catalog(dim, items);
        float[] f = new float[dim];
        for (int i = 0; i < items; i++) {
            for (int d = 0; d < dim; d++) {
                f[d] = (float) (gauss.sample() / Math.sqrt(dim));
            }
            catalog.add(f, -1, -1, 0.5f, 0f, 0);
        }
        taste = new double[users * dim];
        for (int u = 0; u < users; u++) {
            unit(gauss, taste, u * dim, dim);
        }
        appeal = new double[dim];
        unit(gauss, appeal, 0, dim);
    }

    /** The standard environment of the learning tests: 40 users, 150 items, dimension 6, k = 5. */
    public static SyntheticLoop standard(long seed) {
        return new SyntheticLoop(seed, 40, 150, 6, 5);
    }

    private static void unit(ZigguratSampler.NormalizedGaussian gauss, double[] out, int off, int dim) {
        double sq = 0;
        for (int d = 0; d < dim; d++) {
            out[off + d] = gauss.sample();
            sq += out[off + d] * out[off + d];
        }
        for (int d = 0; d < dim; d++) {
            out[off + d] /= Math.sqrt(sq);
        }
    }

    public double clickProbability(int u, int i) {
        double logit = -3;
        for (int d = 0; d < dim; d++) {
            double fi = catalog.feature(i, d);
            logit += 3 * taste[u * dim + d] * fi + 2 * appeal[d] * fi;
        }
        return 1 / (1 + Math.exp(-logit));
    }

    public int[] allUsers() {
        int[] a = new int[users];
        for (int u = 0; u < users; u++) {
            a[u] = u;
        }
        return a;
    }

    /** Runs {@code rounds} rounds of serve, click, learn. */
    public Result run(Recommender rec, int rounds, boolean checkSplit) {
        ConsumptionHistory history = new ConsumptionHistory(users);
        long clicks = 0;
        long shown = 0;
        double expected = 0;
        List<int[]> slates = new ArrayList<>();
        for (int t = 0; t < rounds; t++) {
            ServeContext ctx = new ServeContext(t, items, history, streams, catalog);
            SlateBatch batch = new SlateBatch(allUsers(), k);
            rec.recommend(batch, 0, users, ctx);
            assertValidSlates(batch, ctx);
            if (checkSplit) {
                SlateBatch parts = new SlateBatch(allUsers(), k);
                int mid = users / 3;
                rec.recommend(parts, mid, users, ctx);
                rec.recommend(parts, 0, mid, ctx);
                assertThat(flat(parts)).as("round %d, split ranges", t).containsExactly(flat(batch));
                for (int s = 0; s < users; s++) {
                    for (int r = 0; r < batch.length(s); r++) {
                        assertThat(parts.score(s, r)).isEqualTo(batch.score(s, r));
                        assertThat(parts.propensity(s, r)).isEqualTo(batch.propensity(s, r));
                    }
                }
            }
            slates.add(flat(batch));
            List<int[]> rows = new ArrayList<>();
            for (int s = 0; s < users; s++) {
                int u = batch.user(s);
                UniformRandomProvider rng = streams.stream(CLICK, u, t);
                for (int r = 0; r < batch.length(s); r++) {
                    int item = batch.item(s, r);
                    double pc = clickProbability(u, item);
                    expected += pc;
                    shown++;
                    if (rng.nextDouble() < pc) {
                        rows.add(new int[] {u, item});
                    }
                }
            }
            int n = rows.size();
            int[] cu = new int[n];
            int[] ci = new int[n];
            int[] ct = new int[n];
            float[] cv = new float[n];
            for (int r = 0; r < n; r++) {
                cu[r] = rows.get(r)[0];
                ci[r] = rows.get(r)[1];
                ct[r] = t;
                cv[r] = 1f;
                history.add(cu[r], ci[r]);
            }
            clicks += n;
            Interactions tick = new Interactions(cu, ci, ct, cv, users, items);
            TrainContext train = new TrainContext(t, streams, null, 1, catalog);
            rec.update(tick, train);
            rec.observe(batch, tick, train);
        }
        return new Result(clicks, shown, expected, slates, history);
    }

    /** Items of all slates, slate-major, -1 for empty positions. */
    public static int[] flat(SlateBatch b) {
        int[] a = new int[b.size() * b.k()];
        for (int s = 0; s < b.size(); s++) {
            for (int r = 0; r < b.k(); r++) {
                a[s * b.k() + r] = b.item(s, r);
            }
        }
        return a;
    }

    /** The recommender contract: min(k, candidates) distinct unconsumed ids below numItems, filled first. */
    public static void assertValidSlates(SlateBatch b, ServeContext ctx) {
        for (int s = 0; s < b.size(); s++) {
            int u = b.user(s);
            int consumedBelow = 0;
            for (int item : ctx.consumed().itemsOf(u)) {
                consumedBelow += item < ctx.numItems() ? 1 : 0;
            }
            int candidates = ctx.numItems() - consumedBelow;
            assertThat(b.length(s)).as("length of slate %d", s).isEqualTo(Math.min(b.k(), candidates));
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < b.length(s); r++) {
                int item = b.item(s, r);
                assertThat(item).as("slate %d position %d", s, r).isBetween(0, ctx.numItems() - 1);
                assertThat(seen.add(item)).as("item %d repeated on slate %d", item, s).isTrue();
                assertThat(ctx.consumed().contains(u, item)).as("consumed item %d on slate %d", item, s).isFalse();
            }
            for (int r = b.length(s); r < b.k(); r++) {
                assertThat(b.item(s, r)).isEqualTo(-1);
            }
        }
    }

    /** The items of one slate, in order. */
    public static int[] slate(SlateBatch b, int s) {
        return Arrays.copyOfRange(flat(b), s * b.k(), s * b.k() + b.length(s));
    }
}
