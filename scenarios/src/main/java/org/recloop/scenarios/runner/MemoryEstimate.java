package org.recloop.scenarios.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;

/**
 * A rough estimate of the heap a run needs, compared with the JVM's maximum heap before the run
 * folder exists: a scenario that cannot fit is refused with a message saying how much it needs,
 * instead of running out of memory hours in, or with a half-made run folder. It counts the large
 * arrays only and so errs low; a scenario it passes may still need more. In bytes:
 *
 * <ul>
 *   <li>catalog: items × (dimensions × 4 + 20): the feature floats, topic, creator, quality,
 *       popularity prior and creation tick;
 *   <li>population: users × (dimensions × 4 + 10): the preference floats, activity and state;
 *   <li>consumption history: users × 32: a consumed-items array per user;
 *   <li>slates: users × slateSize × 12 per tick: item id, score and source of every slate;
 *   <li>log buffers: log.maxBufferedRows × 40: rows staged for the writer;
 *   <li>recommender: (users + items) × factors × 4 × 2 for every factor model named (arms,
 *       re-rankers' bases and switch targets included): the factors and a copy while training;
 *       items × items × 8 × 2 for EASE (the Gram matrix and its inverse).
 * </ul>
 *
 * @param catalog bytes of the catalog
 * @param population bytes of the population
 * @param history bytes of the consumption history
 * @param slates bytes of one tick's slates
 * @param logBuffers bytes of the log's staged rows
 * @param recommender bytes of the recommenders' models
 */
public record MemoryEstimate(long catalog, long population, long history, long slates, long logBuffers,
        long recommender) {

    private static final long GIB = 1L << 30;

    /** The sum of the parts. */
    public long total() {
        return catalog + population + history + slates + logBuffers + recommender;
    }

    /**
     * The estimate from the scenario's stated sizes, before any data is loaded; empty when the
     * scenario does not state them (a world read from a file: estimated once loaded).
     */
    public static Optional<MemoryEstimate> stated(ResolvedScenario rs) {
        JsonNode catalog = rs.catalog().resolved();
        JsonNode population = rs.population().resolved();
        if (!catalog.path("items").canConvertToLong() || !population.path("users").canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(of(rs, population.path("users").asLong(), catalog.path("items").asLong(),
                catalog.path("dimensions").asLong(0)));
    }

    /** The estimate for a world of {@code users} and {@code items} in {@code dimensions}. */
    public static MemoryEstimate of(ResolvedScenario rs, long users, long items, long dimensions) {
        var s = rs.scenario();
        long[] model = new long[1];
        walk(rs.resolved().path("recommender"), users, items, model);
        walk(rs.resolved().path("interventions"), users, items, model);
        return new MemoryEstimate(items * (dimensions * 4 + 20), users * (dimensions * 4 + 10), users * 32,
                users * (long) s.slateSize() * 12, (long) s.log().maxBufferedRows() * 40, model[0]);
    }

    private static void walk(JsonNode node, long users, long items, long[] bytes) {
        if (node.isObject()) {
            if (node.path("factors").canConvertToLong()) {
                bytes[0] += (users + items) * node.path("factors").asLong() * 4 * 2;
            }
            if (node.path("type").asText().equals("ease")) {
                bytes[0] += items * items * 8 * 2;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                walk(it.next().getValue(), users, items, bytes);
            }
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, users, items, bytes));
        }
    }

    /**
     * Refuses the scenario if {@code runs} runs at a time need more than {@code heap} bytes.
     *
     * @param file the scenario file, for the message
     * @param runs runs at a time in this JVM (a sweep's --parallel)
     * @param heap the JVM's maximum heap ({@link Runtime#maxMemory()})
     * @throws ScenarioException naming what it needs, the heap and how to get more
     */
    public void requireFits(String file, int runs, long heap) {
        long need = total() * runs;
        if (need <= heap) {
            return;
        }
        long suggest = Math.max(1, (long) Math.ceil(need * 1.25 / GIB));
        String who = runs == 1 ? "the scenario needs" : runs + " runs at a time need";
        throw new ScenarioException(file, "", String.format(Locale.ROOT,
                "%s about %s of memory (%s), the heap is %s; set RECLOOP_JAVA_OPTS=-Xmx%dg (the machine must have it)%s"
                        + " or make the scenario smaller", who, gib(need), parts(), gib(heap), suggest,
                runs == 1 ? "" : ", lower --parallel"));
    }

    private String parts() {
        return "world " + gib(catalog + population + history) + ", slates " + gib(slates) + ", log buffers "
                + gib(logBuffers) + ", recommender " + gib(recommender);
    }

    static String gib(long bytes) {
        double g = (double) bytes / GIB;
        return g >= 10 ? String.format(Locale.ROOT, "%.0f GiB", g) : String.format(Locale.ROOT, "%.1f GiB", g);
    }
}
