package org.recloop.recommenders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
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
 * A seed-fixed offline dataset with strong latent structure, shared by the recommender tests.
 *
 * <p>Generation ({@link #create(long)}):
 * <ul>
 *   <li>{@value #GROUPS} latent groups; item i belongs to group {@code i % GROUPS} and user u to
 *       group {@code u % GROUPS} (interleaved, so no group is favoured by id tie-breaks).
 *   <li>Each group has a centre {@code c_g ~ N(0, I)} in {@value #DIM} dimensions; item features
 *       are {@code c_g + N(0, 0.5² I)}: the content signal.
 *   <li>Each item has a popularity weight {@code w_i = exp(0.8·z)}, z standard normal, so popularity
 *       is skewed inside every group and a global most-popular ranking is a real baseline.
 *   <li>User u clicks 16..24 distinct items (about {@value #MEAN_CLICKS} on average): each draw is,
 *       with probability {@value #IN_GROUP}, an item of u's group drawn with probability ∝ w_i,
 *       otherwise any item ∝ w_i.
 *   <li>Split: a random 20% of each user's items (at least one) is held out as the test set, the
 *       rest is the training log (one click row each, tick 0, value 1).
 * </ul>
 *
 * <p>{@link #ndcgAt10} serves every user a slate of 10 with the training items as the consumed
 * set (so they are excluded) and averages binary-relevance NDCG@10 against the held-out items.
 */
public final class SyntheticLatentData {

    public static final int USERS = 600;
    public static final int ITEMS = 300;
    public static final int GROUPS = 6;
    public static final int DIM = 8;
    public static final double IN_GROUP = 0.85;
    public static final int MEAN_CLICKS = 20;
    /** The seed every test uses. */
    public static final long SEED = 20_240_917L;

    private static final long CENTRES = RandomStreams.purpose("test.synthetic.centres");
    private static final long ITEM = RandomStreams.purpose("test.synthetic.items");
    private static final long USER = RandomStreams.purpose("test.synthetic.users");

    private final Interactions train;
    private final int[][] trainItems;
    private final int[][] testItems;
    private final Catalog catalog;
    private final ConsumptionHistory trainHistory;
    private final RandomStreams streams;

    private SyntheticLatentData(Interactions train, int[][] trainItems, int[][] testItems, Catalog catalog, long seed) {
        this.train = train;
        this.trainItems = trainItems;
        this.testItems = testItems;
        this.catalog = catalog;
        this.streams = new RandomStreams(seed);
        this.trainHistory = new ConsumptionHistory(USERS);
        for (int u = 0; u < USERS; u++) {
            for (int i : trainItems[u]) {
                trainHistory.add(u, i);
            }
        }
    }

    /** The dataset of {@link #SEED}. */
    public static SyntheticLatentData create() {
        return create(SEED);
    }

    public static SyntheticLatentData create(long seed) {
        RandomStreams rs = new RandomStreams(seed);
        // group centres and item features
        double[][] centre = new double[GROUPS][DIM];
        ZigguratSampler.NormalizedGaussian cg = ZigguratSampler.NormalizedGaussian.of(rs.stream(CENTRES, -1, 0));
        for (double[] c : centre) {
            for (int f = 0; f < DIM; f++) {
                c[f] = cg.sample();
            }
        }
        Catalog catalog = new Catalog(DIM, ITEMS);
        double[] weight = new double[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rs.stream(ITEM, i, 0));
            float[] feat = new float[DIM];
            for (int f = 0; f < DIM; f++) {
                feat[f] = (float) (centre[group(i)][f] + 0.5 * g.sample());
            }
            weight[i] = Math.exp(0.8 * g.sample());
            catalog.add(feat, group(i), -1, 0.5f, (float) weight[i], 0);
        }
        double[] all = cumulative(weight, -1);
        double[][] byGroup = new double[GROUPS][];
        for (int g = 0; g < GROUPS; g++) {
            byGroup[g] = cumulative(weight, g);
        }
        // clicks and the 80/20 split
        int[][] trainItems = new int[USERS][];
        int[][] testItems = new int[USERS][];
        int rows = 0;
        for (int u = 0; u < USERS; u++) {
            UniformRandomProvider rng = rs.stream(USER, u, 0);
            int want = 16 + rng.nextInt(9);
            int[] picked = new int[want];
            int n = 0;
            while (n < want) {
                int item = rng.nextDouble() < IN_GROUP ? draw(byGroup[group(u)], rng) : draw(all, rng);
                boolean dup = false;
                for (int q = 0; q < n; q++) {
                    dup |= picked[q] == item;
                }
                if (!dup) {
                    picked[n++] = item;
                }
            }
            for (int q = n - 1; q > 0; q--) { // shuffle, then the first 20% are held out
                int j = rng.nextInt(q + 1);
                int t = picked[q];
                picked[q] = picked[j];
                picked[j] = t;
            }
            int test = Math.max(1, Math.round(0.2f * n));
            testItems[u] = Arrays.copyOfRange(picked, 0, test);
            trainItems[u] = Arrays.copyOfRange(picked, test, n);
            Arrays.sort(testItems[u]);
            Arrays.sort(trainItems[u]);
            rows += trainItems[u].length;
        }
        int[] us = new int[rows];
        int[] is = new int[rows];
        float[] vs = new float[rows];
        int r = 0;
        for (int u = 0; u < USERS; u++) {
            for (int i : trainItems[u]) {
                us[r] = u;
                is[r] = i;
                vs[r++] = 1f;
            }
        }
        Interactions train = new Interactions(us, is, new int[rows], vs, USERS, ITEMS);
        return new SyntheticLatentData(train, trainItems, testItems, catalog, seed);
    }

    /** Cumulative weights over the items of group g (all items if g < 0); 0 for other items. */
    private static double[] cumulative(double[] weight, int g) {
        double[] c = new double[weight.length];
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            if (g < 0 || group(i) == g) {
                s += weight[i];
            }
            c[i] = s;
        }
        return c;
    }

    private static int draw(double[] cumulative, UniformRandomProvider rng) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        i = i >= 0 ? i : -i - 1;
        while (cumulative[i] <= x && i < cumulative.length - 1) {
            i++; // the first index with cumulative > x (flat runs belong to excluded items)
        }
        return i;
    }

    /** Latent group of an item. */
    public static int group(int item) {
        return item % GROUPS;
    }

    /** Latent group of a user. */
    public static int userGroup(int user) {
        return user % GROUPS;
    }

    /** The training log. */
    public Interactions train() {
        return train;
    }

    /** User u's training items, ascending. */
    public int[] trainItems(int u) {
        return trainItems[u].clone();
    }

    /** User u's held-out items, ascending. */
    public int[] testItems(int u) {
        return testItems[u].clone();
    }

    /** Item features (group centre + noise) in a catalog of all {@value #ITEMS} items. */
    public Catalog catalog() {
        return catalog;
    }

    /** The training items as a consumption history (what serving must exclude). */
    public ConsumptionHistory trainHistory() {
        return trainHistory;
    }

    public RandomStreams streams() {
        return streams;
    }

    /** A training context with the catalog, the given executor (may be null) and thread count. */
    public TrainContext trainContext(ExecutorService executor, int threads) {
        return new TrainContext(0, streams, executor, threads, catalog);
    }

    /** A serving context with the catalog and the training items as consumed. */
    public ServeContext serveContext() {
        return new ServeContext(1, ITEMS, trainHistory, streams, catalog);
    }

    /** Slates of size k for every user, served in one range. */
    public SlateBatch recommendAll(Recommender rec, int k) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        SlateBatch slates = new SlateBatch(users, k);
        rec.recommend(slates, 0, USERS, serveContext());
        return slates;
    }

    /**
     * Mean NDCG@10 over all users (each has at least one held-out item): binary relevance = the
     * item is held out for the user; DCG = Σ_r rel_r / log2(r + 2) over slate positions r = 0..9;
     * the ideal DCG puts min(10, |test|) relevant items first. Training items are consumed, hence
     * never on a slate.
     */
    public double ndcgAt10(Recommender rec) {
        SlateBatch slates = recommendAll(rec, 10);
        double total = 0;
        for (int u = 0; u < USERS; u++) {
            int[] test = testItems[u];
            double dcg = 0;
            for (int r = 0; r < slates.length(u); r++) {
                if (Arrays.binarySearch(test, slates.item(u, r)) >= 0) {
                    dcg += 1 / log2(r + 2);
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(10, test.length); r++) {
                ideal += 1 / log2(r + 2);
            }
            total += dcg / ideal;
        }
        return total / USERS;
    }

    /** A hand-written log: {@code pairs} = user, item, user, item, ... (tick 0, value 1). */
    public static Interactions clicks(int numUsers, int numItems, int... pairs) {
        int n = pairs.length / 2;
        int[] us = new int[n];
        int[] is = new int[n];
        float[] vs = new float[n];
        for (int r = 0; r < n; r++) {
            us[r] = pairs[2 * r];
            is[r] = pairs[2 * r + 1];
            vs[r] = 1f;
        }
        return new Interactions(us, is, new int[n], vs, numUsers, numItems);
    }

    /** The consumption history of a log (every clicked pair). */
    public static ConsumptionHistory history(Interactions log) {
        ConsumptionHistory h = new ConsumptionHistory(log.numUsers());
        for (int r = 0; r < log.size(); r++) {
            h.add(log.users()[r], log.items()[r]);
        }
        return h;
    }

    /** Item ids of slate s, in order. */
    public static int[] items(SlateBatch slates, int s) {
        int[] a = new int[slates.length(s)];
        for (int r = 0; r < a.length; r++) {
            a[r] = slates.item(s, r);
        }
        return a;
    }

    /** Scores of slate s, in order. */
    public static float[] scores(SlateBatch slates, int s) {
        float[] a = new float[slates.length(s)];
        for (int r = 0; r < a.length; r++) {
            a[r] = slates.score(s, r);
        }
        return a;
    }

    /** Asserts that two batches hold the same items and bit-identical scores everywhere. */
    public static void assertSameSlates(SlateBatch a, SlateBatch b) {
        assertThat(b.size()).isEqualTo(a.size());
        for (int s = 0; s < a.size(); s++) {
            assertThat(items(b, s)).as("items of slate %d", s).containsExactly(items(a, s));
            assertThat(scores(b, s)).as("scores of slate %d", s).containsExactly(scores(a, s));
        }
    }

    /**
     * Checks the serving contract on every slate of a batch: distinct ids in [0, numItems), none
     * consumed by the slate's user, at most k, and fewer than k only if no unconsumed item is left
     * out.
     */
    public static void assertValidSlates(SlateBatch slates, ConsumptionHistory consumed, int numItems) {
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            assertThat(len).as("slate length of user %d", u).isLessThanOrEqualTo(slates.k());
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int r = 0; r < len; r++) {
                int item = slates.item(s, r);
                assertThat(item).as("item id of user %d", u).isBetween(0, numItems - 1);
                assertThat(consumed.contains(u, item)).as("user %d consumed item %d", u, item).isFalse();
                assertThat(seen.add(item)).as("item %d twice on the slate of user %d", item, u).isTrue();
            }
            for (int r = len; r < slates.k(); r++) {
                assertThat(slates.item(s, r)).as("empty positions come last").isEqualTo(-1);
            }
            int candidates = 0;
            for (int i = 0; i < numItems; i++) {
                candidates += consumed.contains(u, i) ? 0 : 1;
            }
            assertThat(len).as("slate of user %d is full unless candidates run out", u)
                    .isEqualTo(Math.min(slates.k(), candidates));
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
