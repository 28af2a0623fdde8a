package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.sim.SimConfig;

/**
 * A scenario file as written. Component sections ({@code world.catalog}, {@code
 * world.population}, {@code users}, {@code recommender}, each metric and intervention) are kept
 * as trees with a {@code type:} and are resolved through the registry, which checks their
 * parameters.
 *
 * @param name short name; used in the run folder name
 * @param description free text
 * @param seed run seed (default 1; {@code --seed} overrides)
 * @param ticks number of ticks (required; checked by {@link SimConfig.Run})
 * @param slateSize items per slate (default and limits: {@link SimConfig.Run}; also at most the catalog's size)
 * @param threads worker threads (default and limits: {@link SimConfig.Run}; {@code --threads} overrides);
 *     null when the file does not state it
 * @param world catalog and population (required)
 * @param users the user model (required)
 * @param recommender the recommender (required)
 * @param learn retraining schedule (the kernel's record, read directly: its defaults and checks)
 * @param feed how the social feed is mixed into slates (the kernel's record)
 * @param metrics online metrics by name (default: all of the standard set)
 * @param interventions scheduled actions
 * @param log event-log settings (the kernel's record)
 */
public record Scenario(String name, String description, Long seed, Integer ticks, Integer slateSize, Integer threads,
        World world, JsonNode users, JsonNode recommender, SimConfig.Learn learn, SimConfig.Feed feed,
        List<JsonNode> metrics, List<JsonNode> interventions, SimConfig.Log log) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "is required");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidParameterException("name", "may contain only letters, digits, '.', '_' and '-', was '" + name + "'");
        }
        description = description == null ? "" : description;
        seed = seed == null ? 1L : seed;
        if (ticks == null) {
            throw new InvalidParameterException("ticks", "is required");
        }
        slateSize = SimConfig.Run.of(ticks, slateSize, threads).slateSize(); // checks all three
        if (world == null) {
            throw new InvalidParameterException("world", "is required");
        }
        if (users == null) {
            throw new InvalidParameterException("users", "is required");
        }
        if (recommender == null) {
            throw new InvalidParameterException("recommender", "is required");
        }
        learn = learn == null ? SimConfig.DEFAULTS.learn() : learn;
        feed = feed == null ? SimConfig.DEFAULTS.feed() : feed;
        metrics = metrics == null ? null : List.copyOf(metrics);
        interventions = interventions == null ? List.of() : List.copyOf(interventions);
        log = log == null ? SimConfig.DEFAULTS.log() : log;
    }

    /**
     * The kernel settings this file states, with the kernel's defaults for what it leaves out and
     * before any command-line override.
     */
    public SimConfig config() {
        return new SimConfig(SimConfig.Run.of(ticks, slateSize, threads), learn, feed, log);
    }

    /**
     * @param catalog the items (required)
     * @param population the users (required)
     * @param graph the follow graph (default: none)
     */
    public record World(JsonNode catalog, JsonNode population, JsonNode graph) {
        public World {
            if (catalog == null) {
                throw new InvalidParameterException("catalog", "is required");
            }
            if (population == null) {
                throw new InvalidParameterException("population", "is required");
            }
        }
    }

}
