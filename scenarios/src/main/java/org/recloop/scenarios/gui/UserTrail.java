package org.recloop.scenarios.gui;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;

/**
 * The last {@value #SLATES} slates and {@value #EVENTS} events of users, for the user inspector:
 * a replay feeds it what it reads from the log ({@link #slate}, {@link #event}); a live run feeds
 * it each tick's view ({@link #record}) for the users the map draws only ({@link #track}), so it
 * holds at most the drawn users' rings however large the population and however long the run.
 * Rows are kept per user in small rings allocated on the user's first slate or event.
 *
 * <p>Threading: written on the model thread, read by inspectors on Swing's thread, possibly while
 * the model steps; every method holds this object's lock, and readers get fresh strings (copy on
 * read), never the rings themselves.
 */
final class UserTrail {

    static final int SLATES = 3;
    static final int EVENTS = 12;
    private static final int EVENT_INTS = 4; // tick, type, item, target

    /** One user's rings. */
    private static final class Rings {
        final int[][] slates = new int[SLATES][]; // [slot] = {tick, items...}
        int slateCount;
        int[] events; // EVENTS * EVENT_INTS, allocated on the first event
        int eventCount;
    }

    private final Map<Integer, Rings> users = new HashMap<>();
    /** The users kept, ascending; null keeps everybody (a replay). */
    private int[] tracked;

    /**
     * Keeps only {@code ids} (ascending) from now on: other users' rings are dropped and their
     * later slates and events ignored. A live run calls it whenever the map draws a new sample.
     */
    synchronized void track(int[] ids) {
        tracked = ids.clone();
        users.keySet().removeIf(u -> !kept(u));
    }

    private boolean kept(int user) {
        return tracked == null || Arrays.binarySearch(tracked, user) >= 0;
    }

    /** Whether {@code user}'s slates and events are recorded (tracked, or everybody's are). */
    synchronized boolean tracks(int user) {
        return kept(user);
    }

    /** Users with at least one slate or event recorded. */
    synchronized int users() {
        return users.size();
    }

    /**
     * Records the slates and events of one live tick for the tracked users: every non-empty slate
     * in position order, every event in log order.
     */
    synchronized void record(TickView view) {
        SlateBatch slates = view.slates();
        for (int s = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            if (len > 0 && kept(u)) {
                int[] items = new int[len];
                for (int p = 0; p < len; p++) {
                    items[p] = slates.item(s, p);
                }
                slate(u, view.tick(), items, 0, len);
            }
        }
        EventBuffer events = view.events();
        for (int i = 0; i < events.size(); i++) {
            int u = events.user(i);
            if (kept(u)) {
                event(u, view.tick(), events.typeCode(i), events.item(i), events.target(i));
            }
        }
    }

    private Rings rings(int user) {
        return users.computeIfAbsent(user, u -> new Rings());
    }

    /** Records a slate shown to {@code user} at {@code tick}: {@code items[from, to)} in position order. */
    synchronized void slate(int user, int tick, int[] items, int from, int to) {
        if (!kept(user)) {
            return;
        }
        Rings r = rings(user);
        int[] row = new int[1 + to - from];
        row[0] = tick;
        System.arraycopy(items, from, row, 1, to - from);
        r.slates[r.slateCount++ % SLATES] = row;
    }

    /** Records an event of {@code user}; {@code target} is -1 when it names no other user. */
    synchronized void event(int user, int tick, byte type, int item, int target) {
        if (!kept(user)) {
            return;
        }
        Rings r = rings(user);
        if (r.events == null) {
            r.events = new int[EVENTS * EVENT_INTS];
        }
        int at = r.eventCount++ % EVENTS * EVENT_INTS;
        r.events[at] = tick;
        r.events[at + 1] = type;
        r.events[at + 2] = item;
        r.events[at + 3] = target;
    }

    /** The user's last slates as "tick N: [i1, i2, ...]", oldest first. */
    synchronized String[] slates(int user) {
        Rings r = users.get(user);
        if (r == null) {
            return new String[0];
        }
        int n = Math.min(SLATES, r.slateCount);
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            int[] row = r.slates[(r.slateCount - n + k) % SLATES];
            StringBuilder b = new StringBuilder("tick ").append(row[0]).append(": [");
            for (int i = 1; i < row.length; i++) {
                b.append(i > 1 ? ", " : "").append(row[i]);
            }
            out[k] = b.append(']').toString();
        }
        return out;
    }

    /** The user's last events as "tick N: type item I [user U]", oldest first. */
    synchronized String[] events(int user) {
        Rings r = users.get(user);
        if (r == null || r.events == null) {
            return new String[0];
        }
        int n = Math.min(EVENTS, r.eventCount);
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            int at = (r.eventCount - n + k) % EVENTS * EVENT_INTS;
            int[] e = r.events;
            EventType t = EventType.ofCode(e[at + 1]);
            out[k] = String.format(Locale.ROOT, "tick %d: %s item %d%s", e[at],
                    t == null ? "?" : t.name().toLowerCase(Locale.ROOT), e[at + 2],
                    e[at + 3] >= 0 ? " user " + e[at + 3] : "");
        }
        return out;
    }
}
