package org.recloop.scenarios.act;

import java.util.Arrays;
import java.util.List;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;

/**
 * {@code retire-items}: at tick {@code at} (Act phase) take items off the platform: the listed
 * {@code items}, or {@code count} items chosen uniformly among those not retired yet (from the
 * stream of ("act.retire-items", -1, at)). Retired items stay in the catalog and the log but are
 * never served again (recommender slates, fallbacks, social feed, search).
 */
public final class RetireItems implements Intervention {

    private static final long PURPOSE = RandomStreams.purpose("act.retire-items");

    /**
     * @param at tick whose Act phase retires the items
     * @param items item ids to retire (or give {@code count})
     * @param count how many items to choose (or give {@code items})
     */
    public record Params(Integer at, List<Integer> items, Integer count) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            items = items == null ? null : List.copyOf(items);
            if ((items == null) == (count == null)) {
                throw new InvalidParameterException("items", "give either items (ids) or count, not "
                        + (items == null ? "neither" : "both"));
            }
            if (count != null) {
                Check.positive("count", count);
            } else {
                for (int i = 0; i < items.size(); i++) {
                    Check.nonNegative("items[" + i + "]", items.get(i));
                }
            }
        }
    }

    private final Params p;

    public RetireItems(Params p) {
        this.p = p;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "retire-items";
    }

    @Override
    public String describe() {
        return p.items() != null ? "retire items " + p.items() : "retire " + p.count() + " random items";
    }

    @Override
    public void apply(ActContext ctx) {
        Catalog catalog = ctx.world().catalog();
        int[] ids;
        if (p.items() != null) {
            ids = Picks.array(p.items());
            for (int i : ids) {
                if (i >= catalog.size()) {
                    throw new IllegalArgumentException("retire-items at tick " + p.at() + ": item " + i
                            + " is not in the catalog of " + catalog.size() + " items");
                }
            }
        } else {
            int[] live = new int[catalog.size()];
            int n = 0;
            for (int i = 0; i < catalog.size(); i++) {
                if (!catalog.isRetired(i)) {
                    live[n++] = i;
                }
            }
            ids = Picks.choose(Arrays.copyOf(live, n), p.count(), ctx.streams().stream(PURPOSE, -1, ctx.tick()));
        }
        ctx.retireItems(ids);
    }
}
