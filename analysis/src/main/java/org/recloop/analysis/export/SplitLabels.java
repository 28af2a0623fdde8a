package org.recloop.analysis.export;

import java.util.BitSet;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.analysis.offline.Split;
import org.recloop.core.rng.RandomStreams;

/**
 * Which part (train, valid or test) each interaction of an export belongs to, decided from the
 * number of interactions per user alone, so the rows themselves can stream past once.
 *
 * <p>The test part is exactly the held-out rows of {@link Split} with the same method, test
 * fraction and seed (before Split drops test items seen in training): random draws the same
 * partial Fisher-Yates from the same stream, temporal takes each user's last rows, leave-one-out
 * the last one (the log is in time order, so "last" is "last in the log"). The validation part is
 * then held out of each user's remaining rows by the same rule (random: from stream
 * "analysis.export.valid"), so a user with n rows keeps at least one training row.
 *
 * <p>Memory: two bits per interaction and one long per user, far below the rows themselves.
 */
final class SplitLabels {

    static final byte TRAIN = 0;
    static final byte VALID = 1;
    static final byte TEST = 2;

    private static final long TEST_PURPOSE = RandomStreams.purpose("analysis.offline.split");
    private static final long VALID_PURPOSE = RandomStreams.purpose("analysis.export.valid");

    private final long[] offsets;
    private final int[] seen;
    private final BitSet test = new BitSet();
    private final BitSet valid = new BitSet();

    /**
     * @param counts interactions per user, in log order of the rows that will be labelled
     */
    SplitLabels(int[] counts, Split.Method method, double fraction, long seed) {
        Objects.requireNonNull(method, "method");
        offsets = new long[counts.length + 1];
        for (int u = 0; u < counts.length; u++) {
            offsets[u + 1] = offsets[u] + counts[u];
        }
        if (offsets[counts.length] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many interactions to split: " + offsets[counts.length]);
        }
        seen = new int[counts.length];
        RandomStreams streams = new RandomStreams(seed);
        for (int u = 0; u < counts.length; u++) {
            int n = counts[u];
            int[] rows = identity(n);
            int h = hold(method, rows, n, fraction, streams, TEST_PURPOSE, u);
            for (int j = 0; j < h; j++) {
                test.set((int) offsets[u] + rows[j]);
            }
            // the rest, in log order, gives the validation part by the same rule
            int[] rest = new int[n - h];
            int w = 0;
            for (int k = 0; k < n; k++) {
                if (!test.get((int) offsets[u] + k)) {
                    rest[w++] = k;
                }
            }
            int[] pos = identity(rest.length);
            int v = hold(method, pos, rest.length, fraction, streams, VALID_PURPOSE, u);
            for (int j = 0; j < v; j++) {
                valid.set((int) offsets[u] + rest[pos[j]]);
            }
        }
    }

    /** Reorders {@code rows} (positions 0..n-1) so the held-out ones come first; how many. */
    private static int hold(Split.Method method, int[] rows, int n, double fraction, RandomStreams streams,
            long purpose, int user) {
        if (n < 2) {
            return 0;
        }
        int h = method == Split.Method.LEAVE_ONE_OUT ? 1 : heldOut(n, fraction);
        if (method == Split.Method.RANDOM) {
            UniformRandomProvider rng = streams.stream(purpose, user, 0);
            for (int j = 0; j < h; j++) {
                int pick = j + rng.nextInt(n - j);
                int tmp = rows[j];
                rows[j] = rows[pick];
                rows[pick] = tmp;
            }
        } else {
            for (int j = 0; j < n; j++) {
                rows[j] = n - 1 - j; // latest first
            }
        }
        return h;
    }

    /** As {@code Split}: {@code min(n-1, max(1, floor(f·n)))}. */
    private static int heldOut(int n, double f) {
        int h = (int) Math.floor(f * n + 1e-9);
        return Math.min(n - 1, Math.max(1, h));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The part of user {@code u}'s next row (rows must come in the order they were counted). */
    byte next(int u) {
        int k = (int) offsets[u] + seen[u]++;
        return test.get(k) ? TEST : valid.get(k) ? VALID : TRAIN;
    }

    /** Restarts the per-user row counters, for another pass over the same rows. */
    void rewind() {
        java.util.Arrays.fill(seen, 0);
    }

    static String name(byte part) {
        return switch (part) {
            case TRAIN -> "train";
            case VALID -> "valid";
            default -> "test";
        };
    }
}
