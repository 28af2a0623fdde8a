package org.recloop.analysis.online;

import java.util.Arrays;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The platform state at the start of a tick (when the tick's slates were served), rebuilt from a
 * {@link TickView} without keeping state. The kernel applies a tick's clicks to the consumption
 * history and to the cumulative click counts before the Observe phase, so the view holds the
 * state after the tick; this class takes the tick's CLICK events back out:
 * <ul>
 *   <li>{@code φ⁻(i) = itemClicks[i] − (CLICK events on i this tick)}, exact;</li>
 *   <li>{@code H⁻_u = H_u \ {items u clicked this tick}}. The history is a set, so an item the user
 *       had consumed before and clicked again this tick (possible only through search or a
 *       re-showing recommender, since slates exclude consumed items by default) is left out of
 *       {@code H⁻_u} too.</li>
 * </ul>
 * Cost: O(E log E) for E click events of the tick; nothing of size users × items.
 */
final class StartOfTick {

    private final ConsumptionHistory history;
    private final long[] cumulative;
    private final int items;
    /** (user << 32 | item) of this tick's clicks, ascending, duplicates kept. */
    private final long[] userItem;
    /** Item of each click of this tick, ascending. */
    private final int[] clicked;
    private final long totalBefore;

    private StartOfTick(TickView view) {
        this.history = view.world().history();
        this.cumulative = view.itemClicks();
        this.items = view.world().catalog().size();
        EventBuffer ev = view.events();
        int n = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.item(i) >= 0) {
                n++;
            }
        }
        userItem = new long[n];
        clicked = new int[n];
        int r = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.item(i) >= 0) {
                userItem[r] = key(ev.user(i), ev.item(i));
                clicked[r] = ev.item(i);
                r++;
            }
        }
        Arrays.sort(userItem);
        Arrays.sort(clicked);
        long total = 0;
        for (int i = 0; i < items && i < cumulative.length; i++) {
            total += cumulative[i];
        }
        for (int item : clicked) {
            if (item < items && item < cumulative.length) {
                total--;
            }
        }
        totalBefore = total;
    }

    static StartOfTick of(TickView view) {
        return new StartOfTick(view);
    }

    private static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    /** Number of catalog items. */
    int items() {
        return items;
    }

    /** φ⁻(i): cumulative clicks of the item before this tick. */
    long clicks(int item) {
        long c = item < cumulative.length ? cumulative[item] : 0;
        return c - countOf(clicked, item);
    }

    /** Σ φ⁻(i) over the catalog: all clicks before this tick. */
    long totalClicks() {
        return totalBefore;
    }

    /** Whether the user clicked the item in this tick. */
    boolean clickedThisTick(int user, int item) {
        return Arrays.binarySearch(userItem, key(user, item)) >= 0;
    }

    /** H⁻_u: the user's consumed items before this tick, ascending (a new array). */
    int[] history(int user) {
        int h = history.size(user);
        int[] out = new int[h];
        int m = 0;
        for (int j = 0; j < h; j++) {
            int item = history.item(user, j);
            if (!clickedThisTick(user, item)) {
                out[m++] = item;
            }
        }
        return m == h ? out : Arrays.copyOf(out, m);
    }

    /** A per-slate value of a metric, given the slate's length and its user's history H⁻_u. */
    @FunctionalInterface
    interface SlateValue {
        double of(int slate, int len, int[] history);
    }

    /**
     * The mean of {@code value} over this tick's non-empty slates whose user had consumed
     * something before the tick (H⁻_u not empty), in slate order; NaN if there is none.
     */
    double meanOverSlatesWithHistory(SlateBatch slates, SlateValue value) {
        double sum = 0;
        long n = 0;
        for (int s = 0; s < slates.size(); s++) {
            int len = slates.length(s);
            if (len == 0) {
                continue;
            }
            int[] h = history(slates.user(s));
            if (h.length == 0) {
                continue;
            }
            sum += value.of(s, len, h);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Occurrences of {@code v} in the ascending array {@code a}. */
    private static int countOf(int[] a, int v) {
        int lo = lowerBound(a, v);
        int hi = lowerBound(a, v + 1);
        return hi - lo;
    }

    private static int lowerBound(int[] a, int v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
