package org.recloop.scenarios.gui;

import java.util.Locale;
import org.recloop.core.react.EventType;

/**
 * The last few slates and events of every user, as a replay reads them from the log, for the
 * user inspector. Rows are kept per user in small rings allocated on the user's first slate or
 * event, so a 50k-user replay costs only the users who were active.
 *
 * <p>Written on the model thread while a tick is read, read by the inspector between ticks.
 */
final class UserTrail {

    static final int SLATES = 3;
    static final int EVENTS = 12;
    private static final int EVENT_INTS = 4; // tick, type, item, target

    private int[][][] slates = new int[0][][]; // [user][slot] = {tick, items...}
    private int[] slateCount = new int[0];
    private int[][] events = new int[0][];
    private int[] eventCount = new int[0];

    private void ensure(int user) {
        if (user >= slateCount.length) {
            int n = Math.max(user + 1, slateCount.length * 2);
            slates = java.util.Arrays.copyOf(slates, n);
            slateCount = java.util.Arrays.copyOf(slateCount, n);
            events = java.util.Arrays.copyOf(events, n);
            eventCount = java.util.Arrays.copyOf(eventCount, n);
        }
    }

    /** Records a slate shown to {@code user} at {@code tick}: {@code items[from, to)} in position order. */
    void slate(int user, int tick, int[] items, int from, int to) {
        ensure(user);
        if (slates[user] == null) {
            slates[user] = new int[SLATES][];
        }
        int[] row = new int[1 + to - from];
        row[0] = tick;
        System.arraycopy(items, from, row, 1, to - from);
        slates[user][slateCount[user]++ % SLATES] = row;
    }

    /** Records an event of {@code user}; {@code target} is -1 when it names no other user. */
    void event(int user, int tick, byte type, int item, int target) {
        ensure(user);
        if (events[user] == null) {
            events[user] = new int[EVENTS * EVENT_INTS];
        }
        int at = eventCount[user]++ % EVENTS * EVENT_INTS;
        events[user][at] = tick;
        events[user][at + 1] = type;
        events[user][at + 2] = item;
        events[user][at + 3] = target;
    }

    /** The user's last slates as "tick N: [i1, i2, ...]", oldest first. */
    String[] slates(int user) {
        if (user >= slateCount.length || slates[user] == null) {
            return new String[0];
        }
        int n = Math.min(SLATES, slateCount[user]);
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            int[] row = slates[user][(slateCount[user] - n + k) % SLATES];
            StringBuilder b = new StringBuilder("tick ").append(row[0]).append(": [");
            for (int i = 1; i < row.length; i++) {
                b.append(i > 1 ? ", " : "").append(row[i]);
            }
            out[k] = b.append(']').toString();
        }
        return out;
    }

    /** The user's last events as "tick N: type item I [user U]", oldest first. */
    String[] events(int user) {
        if (user >= eventCount.length || events[user] == null) {
            return new String[0];
        }
        int n = Math.min(EVENTS, eventCount[user]);
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            int at = (eventCount[user] - n + k) % EVENTS * EVENT_INTS;
            int[] e = events[user];
            EventType t = EventType.ofCode(e[at + 1]);
            out[k] = String.format(Locale.ROOT, "tick %d: %s item %d%s", e[at],
                    t == null ? "?" : t.name().toLowerCase(Locale.ROOT), e[at + 2],
                    e[at + 3] >= 0 ? " user " + e[at + 3] : "");
        }
        return out;
    }
}
