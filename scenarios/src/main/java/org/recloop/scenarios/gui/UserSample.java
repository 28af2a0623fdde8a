package org.recloop.scenarios.gui;

import java.util.Arrays;
import org.recloop.core.rng.RandomStreams;

/**
 * Which ids a display draws when there are more than it may draw: the {@code max} ids with the
 * smallest key of a stream of their own. The choice depends only on the run seed, the purpose and
 * the ids, never on draw order, and it is stable as the population grows (a new id either ranks
 * among the smallest keys or not; it does not reshuffle the others).
 */
final class UserSample {

    private UserSample() {}

    /** Up to {@code max} ids of {@code 0..n-1}, ascending; all of them when {@code n <= max}. */
    static int[] of(RandomStreams streams, String purpose, int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        if (n > 1 << 24) {
            throw new IllegalArgumentException("at most 2^24 ids can be sampled, was " + n);
        }
        long p = RandomStreams.purpose(purpose);
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            // the key's top 40 bits, then the id: sorts by key, ties by id, and keeps the id
            keyed[i] = (streams.key(p, i, 0) >>> 24 << 24) ^ ((long) i & 0xFFFFFFL) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keyed);
        int[] ids = new int[max];
        for (int i = 0; i < max; i++) {
            ids[i] = (int) (keyed[i] & 0xFFFFFFL);
        }
        Arrays.sort(ids);
        return ids;
    }
}
