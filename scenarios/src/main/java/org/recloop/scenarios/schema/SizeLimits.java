package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.recloop.core.config.Check;
import org.recloop.core.sim.SimConfig;
import org.recloop.scenarios.registry.Component;

/**
 * The stated upper limit of every size a scenario or the command line can set, in one place (the
 * kernel's own settings declare theirs in {@link SimConfig} and are listed here again by name).
 * Without them a size near 2^31 overflows an index, a product of two sizes overflows an array
 * ({@code NegativeArraySizeException}), and a merely huge one runs out of memory after the run
 * folder was made. The limits are far above what a run on one machine can use; whether a scenario
 * within them fits the heap is the memory estimate's question ({@code runner.MemoryEstimate}).
 */
public final class SizeLimits {
    private SizeLimits() {}

    /** Worker threads of one run ({@code threads:}, {@code --threads}): more only adds OS threads. */
    public static final int MAX_THREADS = SimConfig.Run.MAX_THREADS;
    /** Users of a population, items of a catalog: ids are ints and per-entity arrays must fit. */
    public static final int MAX_ENTITIES = 100_000_000;
    /** Latent dimensions of a world, and topics. */
    public static final int MAX_DIMENSIONS = 4_096;
    /** Latent factors of a recommender. */
    public static final int MAX_FACTORS = 4_096;
    /** Items per slate (and at most the catalog's size). */
    public static final int MAX_SLATE_SIZE = SimConfig.Run.MAX_SLATE_SIZE;
    /** {@code log.queueCapacity}: staged write tasks (the queue's array is allocated up front). */
    public static final int MAX_QUEUE_CAPACITY = SimConfig.Log.MAX_QUEUE_CAPACITY;
    /** {@code log.maxBufferedRows}: about 40 bytes each while staged. */
    public static final int MAX_BUFFERED_ROWS = SimConfig.Log.MAX_BUFFERED_ROWS;
    /** Elements of one Java array: a world's users × dimensions and items × dimensions. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    /** Component fields limited wherever they appear, nested components included. */
    private static final Map<String, Integer> COMPONENT_LIMITS = Map.of("users", MAX_ENTITIES, "items", MAX_ENTITIES,
            "dimensions", MAX_DIMENSIONS, "topics", MAX_DIMENSIONS, "factors", MAX_FACTORS);

    /** {@code value} if it is at most {@code max}; else the field's problem, naming the limit. */
    public static int atMost(String field, int value, int max) {
        return Check.atMost(field, value, max);
    }

    /**
     * Checks the components' sizes and the products that must fit one array, adding each problem.
     * A slate larger than a catalog whose size the scenario states is refused here; a catalog
     * read from a file is checked once loaded, before the run folder exists.
     */
    static void check(Scenario s, Map<String, Component<?>> components, ScenarioProblems problems) {
        components.forEach((path, c) -> {
            if (c != null) {
                walk(c.resolved(), path, problems);
            }
        });
        Component<?> catalog = components.get("world.catalog");
        Component<?> population = components.get("world.population");
        if (catalog == null) {
            return;
        }
        long items = catalog.resolved().path("items").asLong(0);
        long dims = catalog.resolved().path("dimensions").asLong(0);
        if (items > 0 && dims > 0 && items * dims > MAX_ARRAY) {
            problems.add("world.catalog.items", String.format(Locale.ROOT,
                    "items × dimensions (%,d × %,d) must be at most %,d (one array holds the item features)", items,
                    dims, MAX_ARRAY));
        }
        long users = population == null ? 0 : population.resolved().path("users").asLong(0);
        if (users > 0 && dims > 0 && users * dims > MAX_ARRAY) {
            problems.add("world.population.users", String.format(Locale.ROOT,
                    "users × dimensions (%,d × %,d) must be at most %,d (one array holds the preferences)", users,
                    dims, MAX_ARRAY));
        }
        if (items > 0 && s.slateSize() > items) {
            problems.add("slateSize", String.format(Locale.ROOT,
                    "must be at most the catalog's %,d items, was %,d", items, s.slateSize()));
        }
    }

    private static void walk(JsonNode node, String path, ScenarioProblems problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = path + "." + f.getKey();
                Integer max = COMPONENT_LIMITS.get(f.getKey());
                if (max != null && f.getValue().isIntegralNumber() && f.getValue().asLong() > max) {
                    problems.add(p, "must be at most " + String.format(Locale.ROOT, "%,d", max)
                            + " (RecLoop's limit), was " + String.format(Locale.ROOT, "%,d", f.getValue().asLong()));
                } else {
                    walk(f.getValue(), p, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
