package org.recloop.analysis.offline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;

/**
 * Splits an interaction log into training interactions and a test set of items per user. All
 * three methods hold out data <em>per user</em> (user-stratified holdout, RecBole's
 * {@code group_by: user}, LensKit's {@code crossfold_users}-style partitioning), so every user
 * with enough data is tested and no user is left without training data.
 *
 * <p>Common rules:
 * <ul>
 *   <li>The time of row {@code r} is {@code data.ticks()[r]}; rows with the same time keep their
 *       input order ("later in the input" counts as later).</li>
 *   <li>A user with fewer than 2 rows keeps them all in training and has no test set.</li>
 *   <li>A user with {@code n >= 2} rows holds out {@code h(n) = min(n - 1, max(1, floor(f·n)))} rows
 *       for a test fraction {@code f} (so at least one row is held out and at least one stays);
 *       {@code floor} is taken of {@code f·n + 1e-9} so that e.g. {@code 0.29·100} gives 29.</li>
 *   <li>The test set of a user is the set of distinct items of their held-out rows, minus every
 *       item that also appears in their training rows (an item seen in training is not a
 *       prediction target: recommenders exclude consumed items). It may thus end up empty.</li>
 *   <li>Training keeps the remaining rows in input order, with their ticks and values, and the
 *       input's {@code numUsers} and {@code numItems}.</li>
 * </ul>
 *
 * <p>Methods:
 * <ul>
 *   <li>{@link Method#RANDOM}: each user's {@code h(n)} held-out rows are drawn uniformly without
 *       replacement (partial Fisher-Yates shuffle) from the stream ("analysis.offline.split",
 *       user, 0) of {@code new RandomStreams(seed)}: reproducible for a seed, and a user's draw
 *       does not depend on other users.</li>
 *   <li>{@link Method#TEMPORAL}: each user's last {@code h(n)} rows by time. We chose the per-user
 *       cut (RecBole's "TO" ordering with a per-user ratio split) over a global time cut because
 *       it tests every user with at least two interactions; with a global cut, users active only
 *       before (or only after) the cut would drop out of the test or the training data.</li>
 *   <li>{@link Method#LEAVE_ONE_OUT}: each user's last row by time (ties: the later row in the
 *       input) is held out, whatever the test fraction.</li>
 * </ul>
 */
public final class Split {

    private static final long PURPOSE = RandomStreams.purpose("analysis.offline.split");

    private Split() {}

    /** Split methods, with their command-line names. */
    public enum Method {
        RANDOM("random"),
        TEMPORAL("temporal"),
        LEAVE_ONE_OUT("loo");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The method named {@code random}, {@code temporal} or {@code loo} (case-insensitive). */
        public static Method parse(String name) {
            Objects.requireNonNull(name, "split method");
            for (Method m : values()) {
                if (m.label.equals(name.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown split method '" + name + "'; available: random, temporal, loo");
        }
    }

    /**
     * A split: the training interactions and, per user, the sorted distinct test items (an empty
     * array for users without a test set).
     *
     * @param train training interactions (same numUsers / numItems as the input)
     * @param test {@code test[u]}: user u's test items, ascending; length {@code train.numUsers()}
     */
    public record Result(Interactions train, int[][] test) {
        public Result {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            if (test.length != train.numUsers()) {
                throw new IllegalArgumentException("test has " + test.length + " users, train " + train.numUsers());
            }
        }

        /** User u's test items, ascending (empty if none). */
        public int[] test(int user) {
            return test[user];
        }

        /** Users with a non-empty test set, ascending. */
        public int[] testUsers() {
            int n = 0;
            for (int[] t : test) {
                if (t.length > 0) {
                    n++;
                }
            }
            int[] users = new int[n];
            int w = 0;
            for (int u = 0; u < test.length; u++) {
                if (test[u].length > 0) {
                    users[w++] = u;
                }
            }
            return users;
        }

        /** Total number of (user, test item) pairs. */
        public long testPairs() {
            long n = 0;
            for (int[] t : test) {
                n += t.length;
            }
            return n;
        }
    }

    /** Applies {@code method}; {@code testFraction} and {@code seed} are ignored where they do not apply. */
    public static Result apply(Method method, Interactions data, double testFraction, long seed) {
        return switch (method) {
            case RANDOM -> random(data, testFraction, seed);
            case TEMPORAL -> temporal(data, testFraction);
            case LEAVE_ONE_OUT -> leaveOneOut(data);
        };
    }

    /** Per-user random holdout of a fraction {@code testFraction} in (0, 1) of each user's rows. */
    public static Result random(Interactions data, double testFraction, long seed) {
        checkFraction(testFraction);
        RandomStreams streams = new RandomStreams(seed);
        return split(data, (user, rows) -> {
            int h = heldOut(rows.length, testFraction);
            // partial Fisher-Yates: the first h positions become a uniform h-subset
            UniformRandomProvider rng = streams.stream(PURPOSE, user, 0);
            for (int j = 0; j < h; j++) {
                int pick = j + rng.nextInt(rows.length - j);
                int tmp = rows[j];
                rows[j] = rows[pick];
                rows[pick] = tmp;
            }
            return h;
        });
    }

    /** Per-user temporal holdout: the last fraction {@code testFraction} in (0, 1) of each user's rows. */
    public static Result temporal(Interactions data, double testFraction) {
        checkFraction(testFraction);
        return split(data, (user, rows) -> latestFirst(data, rows, heldOut(rows.length, testFraction)));
    }

    /** Leave-one-out: each user's last row by time (ties: the later row in the input). */
    public static Result leaveOneOut(Interactions data) {
        return split(data, (user, rows) -> latestFirst(data, rows, rows.length < 2 ? 0 : 1));
    }

    /** Rows held out for a user with {@code n} rows: {@code min(n-1, max(1, floor(f·n)))}, 0 if n < 2. */
    static int heldOut(int n, double f) {
        if (n < 2) {
            return 0;
        }
        int h = (int) Math.floor(f * n + 1e-9);
        return Math.min(n - 1, Math.max(1, h));
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), was " + f);
        }
    }

    /**
     * Puts the {@code h} latest rows (by tick, then input order) first in {@code rows}, which
     * arrive in input order; returns h.
     */
    private static int latestFirst(Interactions data, int[] rows, int h) {
        if (h == 0) {
            return 0;
        }
        int[] ticks = data.ticks();
        Integer[] boxed = new Integer[rows.length];
        for (int j = 0; j < rows.length; j++) {
            boxed[j] = rows[j];
        }
        // descending time; ties: larger row index (later in the input) first
        Arrays.sort(boxed, (a, b) -> ticks[a] != ticks[b] ? Integer.compare(ticks[b], ticks[a]) : Integer.compare(b, a));
        for (int j = 0; j < rows.length; j++) {
            rows[j] = boxed[j];
        }
        return h;
    }

    /** Chooses a user's held-out rows: reorders {@code rows} so that the held-out ones come first; returns how many. */
    @FunctionalInterface
    private interface Chooser {
        int choose(int user, int[] rows);
    }

    private static Result split(Interactions data, Chooser chooser) {
        Objects.requireNonNull(data, "data");
        int numUsers = data.numUsers();
        int n = data.size();
        int[] users = data.users();
        int[] items = data.items();
        // group row indices by user, in input order (counting sort)
        int[] off = new int[numUsers + 1];
        for (int r = 0; r < n; r++) {
            int u = users[r];
            if (u < 0 || u >= numUsers) {
                throw new IllegalArgumentException("row " + r + ": user " + u + " outside [0, " + numUsers + ")");
            }
            if (items[r] < 0 || items[r] >= data.numItems()) {
                throw new IllegalArgumentException("row " + r + ": item " + items[r] + " outside [0, "
                        + data.numItems() + ")");
            }
            off[u + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            off[u + 1] += off[u];
        }
        int[] byUser = new int[n];
        int[] fill = Arrays.copyOf(off, numUsers);
        for (int r = 0; r < n; r++) {
            byUser[fill[users[r]]++] = r;
        }
        boolean[] inTest = new boolean[n];
        int[][] test = new int[numUsers][];
        int trainRows = n;
        for (int u = 0; u < numUsers; u++) {
            int[] rows = Arrays.copyOfRange(byUser, off[u], off[u + 1]);
            int h = rows.length < 2 ? 0 : chooser.choose(u, rows);
            if (h == 0) {
                test[u] = new int[0];
                continue;
            }
            trainRows -= h;
            for (int j = 0; j < h; j++) {
                inTest[rows[j]] = true;
            }
            int[] trainItems = new int[rows.length - h];
            for (int j = h; j < rows.length; j++) {
                trainItems[j - h] = items[rows[j]];
            }
            Arrays.sort(trainItems);
            int[] held = new int[h];
            for (int j = 0; j < h; j++) {
                held[j] = items[rows[j]];
            }
            test[u] = Arrays.stream(held).distinct().filter(i -> Arrays.binarySearch(trainItems, i) < 0).sorted()
                    .toArray();
        }
        int[] tu = new int[trainRows];
        int[] ti = new int[trainRows];
        int[] tt = new int[trainRows];
        float[] tv = new float[trainRows];
        int w = 0;
        for (int r = 0; r < n; r++) {
            if (!inTest[r]) {
                tu[w] = users[r];
                ti[w] = items[r];
                tt[w] = data.ticks()[r];
                tv[w] = data.values()[r];
                w++;
            }
        }
        return new Result(new Interactions(tu, ti, tt, tv, numUsers, data.numItems()), test);
    }
}
