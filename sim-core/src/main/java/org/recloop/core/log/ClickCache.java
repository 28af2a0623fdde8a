package org.recloop.core.log;

import java.util.Arrays;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;

/**
 * The clicks this log instance has staged, kept in memory in log order so that a refit's
 * {@link EventLog#clicks} need not read them back from H2. Why: a recommender refitted every step
 * from the whole log (Chaney et al.'s "repeated training") otherwise scans a growing events table
 * at every refit and waits for the writer to drain first; at 100,000 users × 50 steps that scan
 * was a large part of H2's time.
 *
 * <p>Exactness: it answers only when it holds every click of the database, that is when this
 * instance staged the log's first event (id 0); a log whose events table was filled by someone
 * else (a resumed run) reads from H2 as before. Rows are appended as {@link
 * RowInserts#events} writes them (the tick's buffer in order, ids ascending), so a range of ticks
 * comes back in id order, the order {@link ClickScan} returns, with the same columns. Forgotten
 * clicks are kept here, as in the table; the caller filters them the same way.
 *
 * <p>Memory: 12 bytes per click, about what one full refit's read allocates anyway. Simulation
 * thread only.
 */
final class ClickCache {

    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private int[] ticks = new int[1024];
    private int size;
    /** Whether this instance staged the first event of the log (id 0) and so holds every click. */
    private boolean complete;
    private boolean started;
    /** Ticks never decrease along the rows (ranges by binary search); false: filter row by row. */
    private boolean monotone = true;

    /** Appends the clicks of a tick's events, whose first id is {@code firstEventId}. */
    void add(int tick, EventBuffer events, long firstEventId) {
        if (!started) {
            started = true;
            complete = firstEventId == 0;
        }
        if (!complete) {
            return;
        }
        int n = events.size();
        for (int i = 0; i < n; i++) {
            if (events.is(i, EventType.CLICK)) {
                if (size == users.length) {
                    int cap = Math.max(1024, size * 2);
                    users = Arrays.copyOf(users, cap);
                    items = Arrays.copyOf(items, cap);
                    ticks = Arrays.copyOf(ticks, cap);
                }
                if (size > 0 && ticks[size - 1] > tick) {
                    monotone = false;
                }
                users[size] = events.user(i);
                items[size] = events.item(i);
                ticks[size] = tick;
                size++;
            }
        }
    }

    /** Whether {@link #clicks} can answer (this instance has seen every click of the log). */
    boolean complete() {
        return started && complete;
    }

    /** Clicks of ticks {@code [fromTick, toTick]} in log order, each with weight 1, forgotten ones included. */
    Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) {
        int[] u;
        int[] it;
        int[] t;
        if (monotone) {
            int a = firstAtLeast(fromTick);
            int b = toTick == Integer.MAX_VALUE ? size : firstAtLeast(toTick + 1);
            b = Math.max(a, b);
            u = Arrays.copyOfRange(users, a, b);
            it = Arrays.copyOfRange(items, a, b);
            t = Arrays.copyOfRange(ticks, a, b);
        } else {
            int n = 0;
            for (int r = 0; r < size; r++) {
                if (ticks[r] >= fromTick && ticks[r] <= toTick) {
                    n++;
                }
            }
            u = new int[n];
            it = new int[n];
            t = new int[n];
            for (int r = 0, k = 0; r < size; r++) {
                if (ticks[r] >= fromTick && ticks[r] <= toTick) {
                    u[k] = users[r];
                    it[k] = items[r];
                    t[k++] = ticks[r];
                }
            }
        }
        float[] v = new float[u.length];
        Arrays.fill(v, 1f);
        return new Interactions(u, it, t, v, numUsers, numItems);
    }

    /** First row whose tick is at least {@code tick} (rows ordered by tick). */
    private int firstAtLeast(int tick) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ticks[mid] < tick) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
