package org.recloop.agents.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.World;

/**
 * The items an attack's camouflage clicks land on, chosen once when the accounts join, from what
 * an attacker can see on the platform (the catalog, and what real users consumed: public
 * engagement counts), never from the log.
 *
 * <ul>
 *   <li>{@code random}, {@code average}: any item that is not a target;</li>
 *   <li>{@code bandwagon}: the {@code size} items real users consumed most;</li>
 *   <li>{@code segment} (and the neighbourhood a nuke clicks around its targets): items of the
 *       targets' topics;</li>
 * </ul>
 * each falls back to any non-target item when it would be empty.
 */
final class FillerPool {

    private final int[] items;

    private FillerPool(int[] items) {
        this.items = items;
    }

    int size() {
        return items.length;
    }

    int item(int i) {
        return items[i];
    }

    int draw(UniformRandomProvider rng) {
        return items.length == 0 ? -1 : items[rng.nextInt(items.length)];
    }

    /** Any item of the catalog now except the targets. */
    static FillerPool any(Catalog catalog, Set<Integer> targets) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (!targets.contains(i) && !catalog.isRetired(i)) {
                out.add(i);
            }
        }
        return of(out);
    }

    /** Items of the targets' topics, except the targets; {@link #any} when there are none. */
    static FillerPool segment(Catalog catalog, Set<Integer> targets) {
        Set<Integer> topics = new HashSet<>();
        for (int t : targets) {
            topics.add(catalog.topic(t));
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (!targets.contains(i) && !catalog.isRetired(i) && topics.contains(catalog.topic(i))) {
                out.add(i);
            }
        }
        return out.isEmpty() ? any(catalog, targets) : of(out);
    }

    /**
     * The {@code size} items most consumed by the real users {@code real} (ties broken by the
     * catalog's popularity prior, then id); {@link #any} when none consumed anything.
     */
    static FillerPool popular(World world, int[] real, Set<Integer> targets, int size) {
        Catalog catalog = world.catalog();
        ConsumptionHistory history = world.history();
        long[] count = new long[catalog.size()];
        long total = 0;
        for (int u : real) {
            for (int i = 0; i < history.size(u); i++) {
                int item = history.item(u, i);
                if (item < count.length) {
                    count[item]++;
                    total++;
                }
            }
        }
        if (total == 0) {
            return any(catalog, targets);
        }
        Integer[] ids = new Integer[catalog.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, (a, b) -> count[a] != count[b] ? Long.compare(count[b], count[a])
                : catalog.popularityPrior(a) != catalog.popularityPrior(b)
                        ? Float.compare(catalog.popularityPrior(b), catalog.popularityPrior(a)) : Integer.compare(a, b));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ids.length && out.size() < size; i++) {
            if (!targets.contains(ids[i]) && !catalog.isRetired(ids[i]) && count[ids[i]] > 0) {
                out.add(ids[i]);
            }
        }
        return out.isEmpty() ? any(catalog, targets) : of(out);
    }

    static FillerPool of(List<Integer> items) {
        return new FillerPool(items.stream().mapToInt(Integer::intValue).toArray());
    }
}
