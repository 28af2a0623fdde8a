package org.recloop.core.sim;

import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * What the platform itself does with a tick's events, whatever model produced them: consumption
 * history, click counts, follow edges, churn status, and the recent activity that feeds the
 * social feed and herd effects. Applied on the simulation thread, in log order.
 */
public final class PlatformEffects {
    private PlatformEffects() {}

    /** Applies the events and returns the number of clicks. */
    public static long apply(World world, EventBuffer ev, int tick, long[] itemClicks) {
        long clicks = 0;
        Population pop = world.population();
        for (int i = 0; i < ev.size(); i++) {
            EventType type = EventType.ofCode(ev.typeCode(i));
            int u = ev.user(i);
            int item = ev.item(i);
            switch (type) {
                case CLICK -> {
                    world.history().add(u, item);
                    itemClicks[item]++;
                    clicks++;
                }
                case FOLLOW -> {
                    // a forgotten account cannot be followed again
                    int v = ev.target(i);
                    if (v < 0 || v >= pop.size() || pop.status(v) != Population.FORGOTTEN) {
                        world.graph().follow(u, v);
                    }
                }
                case UNFOLLOW -> world.graph().unfollow(u, ev.target(i));
                case LEAVE -> pop.setStatus(u, Population.CHURNED);
                case RETURN -> pop.setStatus(u, Population.ACTIVE);
                case POST, SHARE, LIKE -> world.activity().record(u, item, tick, ev.typeCode(i));
                default -> {
                    // consume, rate, skip, comment, search: logged, no platform state
                }
            }
        }
        return clicks;
    }
}
