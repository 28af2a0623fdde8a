package org.recloop.analysis.calibrate;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.recloop.analysis.online.Inequality;

/**
 * The shape of one interaction file: users' activity (interactions per user), items' popularity
 * (interactions per item), density, the rating distribution and session lengths. Only users and
 * items with at least one interaction count, the way a file shows them (a file cannot show the
 * users who never acted).
 *
 * <p>A <b>session</b> is a maximal run of one user's interactions, in time order, in which no gap
 * between consecutive timestamps exceeds {@code sessionGap} (in the file's time unit): 1800 for
 * seconds gives the usual 30-minute sessions of real logs; 0 for a RecLoop export, whose
 * timestamp is the tick, gives the interactions of one visit. Session length is the number of
 * interactions in a session.
 */
public final class InteractionProfile {

    private final int users;
    private final int items;
    private final long interactions;
    private final double[] activity;
    private final double[] popularity;
    private final double[] sessions;
    private final Map<Float, Long> ratings;

    private InteractionProfile(int users, int items, long interactions, double[] activity, double[] popularity,
            double[] sessions, Map<Float, Long> ratings) {
        this.users = users;
        this.items = items;
        this.interactions = interactions;
        this.activity = activity;
        this.popularity = popularity;
        this.sessions = sessions;
        this.ratings = ratings;
    }

    /**
     * The profile of {@code n} interactions given as dense user and item ids with their ratings and
     * timestamps.
     *
     * @param sessionGap largest gap, in timestamp units, inside one session ({@code >= 0})
     */
    public static InteractionProfile of(int[] users, int[] items, float[] ratings, long[] timestamps,
            long sessionGap) {
        int n = users.length;
        if (items.length != n || ratings.length != n || timestamps.length != n) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        if (sessionGap < 0) {
            throw new IllegalArgumentException("sessionGap must be >= 0, was " + sessionGap);
        }
        int numUsers = 0;
        int numItems = 0;
        for (int r = 0; r < n; r++) {
            numUsers = Math.max(numUsers, users[r] + 1);
            numItems = Math.max(numItems, items[r] + 1);
        }
        long[] perUser = new long[numUsers];
        long[] perItem = new long[numItems];
        Map<Float, Long> byRating = new TreeMap<>();
        for (int r = 0; r < n; r++) {
            perUser[users[r]]++;
            perItem[items[r]]++;
            byRating.merge(ratings[r], 1L, Long::sum);
        }
        return new InteractionProfile((int) Arrays.stream(perUser).filter(c -> c > 0).count(),
                (int) Arrays.stream(perItem).filter(c -> c > 0).count(), n, positive(perUser), positive(perItem),
                sessions(users, timestamps, perUser, sessionGap), byRating);
    }

    private static double[] positive(long[] counts) {
        return Arrays.stream(counts).filter(c -> c > 0).asDoubleStream().toArray();
    }

    /** Session lengths: each user's timestamps sorted, a new session after a gap above {@code gap}. */
    private static double[] sessions(int[] users, long[] ts, long[] perUser, long gap) {
        int[] start = new int[perUser.length + 1];
        for (int u = 0; u < perUser.length; u++) {
            start[u + 1] = start[u] + (int) perUser[u];
        }
        long[] sorted = new long[users.length];
        int[] fill = Arrays.copyOf(start, perUser.length);
        for (int r = 0; r < users.length; r++) {
            sorted[fill[users[r]]++] = ts[r];
        }
        double[] lengths = new double[users.length];
        int n = 0;
        for (int u = 0; u < perUser.length; u++) {
            if (start[u] == start[u + 1]) {
                continue;
            }
            Arrays.sort(sorted, start[u], start[u + 1]);
            int len = 1;
            for (int k = start[u] + 1; k < start[u + 1]; k++) {
                if (sorted[k] - sorted[k - 1] > gap) {
                    lengths[n++] = len;
                    len = 0;
                }
                len++;
            }
            lengths[n++] = len;
        }
        return Arrays.copyOf(lengths, n);
    }

    public int users() {
        return users;
    }

    public int items() {
        return items;
    }

    public long interactions() {
        return interactions;
    }

    /** Interactions / (users x items), over the users and items with an interaction. */
    public double density() {
        return users == 0 || items == 0 ? 0 : interactions / ((double) users * items);
    }

    /** Interactions per user (users with at least one). */
    public double[] activity() {
        return activity.clone();
    }

    /** Interactions per item (items with at least one). */
    public double[] popularity() {
        return popularity.clone();
    }

    /** Interactions per session. */
    public double[] sessionLengths() {
        return sessions.clone();
    }

    /** How many interactions carry each rating value, in ascending rating order. */
    public Map<Float, Long> ratingCounts() {
        return Map.copyOf(ratings);
    }

    static double gini(double[] counts) {
        long[] c = new long[counts.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = (long) counts[k];
        }
        return Inequality.gini(c, c.length);
    }

    static double mean(double[] v) {
        return v.length == 0 ? 0 : Arrays.stream(v).sum() / v.length;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Override
    public String toString() {
        return Objects.toString(users) + " users, " + items + " items, " + interactions + " interactions";
    }
}
