package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;

/**
 * A scenario file as written. Component sections ({@code world.catalog}, {@code
 * world.population}, {@code users}, {@code recommender}, each metric and intervention) are kept
 * as trees with a {@code type:} and are resolved through the registry, which checks their
 * parameters.
 *
 * @param name short name; used in the run folder name
 * @param description free text
 * @param seed run seed (default 1; {@code --seed} overrides)
 * @param ticks number of ticks (required, > 0)
 * @param slateSize items per slate (default 10; at most {@link SizeLimits#MAX_SLATE_SIZE} and the catalog's size)
 * @param threads worker threads (default: all processors; {@code --threads} overrides; at most
 *     {@link SizeLimits#MAX_THREADS})
 * @param world catalog and population (required)
 * @param users the user model (required)
 * @param recommender the recommender (required)
 * @param learn retraining schedule
 * @param feed how the social feed is mixed into slates
 * @param metrics online metrics by name (default: all of the standard set)
 * @param interventions scheduled actions
 * @param log event-log settings
 */
public record Scenario(String name, String description, Long seed, Integer ticks, Integer slateSize, Integer threads,
        World world, JsonNode users, JsonNode recommender, Learn learn, Feed feed, List<JsonNode> metrics,
        List<JsonNode> interventions, Log log) {

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
        Check.positive("ticks", ticks);
        slateSize = Check.positive("slateSize", slateSize == null ? 10 : slateSize);
        SizeLimits.atMost("slateSize", slateSize, SizeLimits.MAX_SLATE_SIZE);
        if (threads != null) {
            Check.positive("threads", threads);
            SizeLimits.atMost("threads", threads, SizeLimits.MAX_THREADS);
        }
        if (world == null) {
            throw new InvalidParameterException("world", "is required");
        }
        if (users == null) {
            throw new InvalidParameterException("users", "is required");
        }
        if (recommender == null) {
            throw new InvalidParameterException("recommender", "is required");
        }
        learn = learn == null ? new Learn(null, null) : learn;
        feed = feed == null ? new Feed(null, null) : feed;
        metrics = metrics == null ? null : List.copyOf(metrics);
        interventions = interventions == null ? List.of() : List.copyOf(interventions);
        log = log == null ? new Log(null, null, null, null, null) : log;
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

    /**
     * Training policy. The recommender's incremental {@code update}/{@code observe} run every tick;
     * a full refit from the log runs every {@code retrainEvery} ticks.
     *
     * @param retrainEvery full refit from the log every N ticks (0 = never; default 5)
     * @param window a refit sees the clicks of the last N ticks only (sliding window; 0 = all; default 0)
     */
    public record Learn(Integer retrainEvery, Integer window) {
        public Learn {
            retrainEvery = Check.nonNegative("retrainEvery", retrainEvery == null ? 5 : retrainEvery);
            window = Check.nonNegative("window", window == null ? 0 : window);
        }
    }

    /**
     * @param socialShare share of each slate given to items posted or shared by followed users (default 0)
     * @param window ticks back the social feed looks (default 10)
     */
    public record Feed(Double socialShare, Integer window) {
        public Feed {
            socialShare = Check.unit("socialShare", socialShare == null ? 0.0 : socialShare);
            window = Check.positive("window", window == null ? 10 : window);
        }
    }

    /**
     * @param queueCapacity staged write tasks the log buffers before the simulation waits (default 16)
     * @param groundTruthEvery snapshot every user's true state into user_states every N ticks (0 = never; default 0)
     * @param exposureSampling share of sessions whose slates go to the exposures table (default 1 = all)
     * @param maxBufferedRows rows staged for the writer before the simulation waits (default 2,000,000)
     */
    public record Log(Integer queueCapacity, Integer groundTruthEvery, Double exposureSampling, Integer maxBufferedRows,
            String exposureStorage) {
        /** How logged slates are stored: one row per slate (default) or one row per exposure. */
        public static final java.util.List<String> STORAGES = java.util.List.of("slates", "rows");

        public Log {
            exposureStorage = exposureStorage == null ? "slates" : exposureStorage;
            if (!STORAGES.contains(exposureStorage)) {
                throw new org.recloop.core.config.InvalidParameterException("exposureStorage",
                        "must be one of " + String.join(", ", STORAGES) + ", was '" + exposureStorage + "'");
            }
            queueCapacity = Check.positive("queueCapacity", queueCapacity == null ? 16 : queueCapacity);
            SizeLimits.atMost("queueCapacity", queueCapacity, SizeLimits.MAX_QUEUE_CAPACITY);
            exposureSampling = Check.unit("exposureSampling", exposureSampling == null ? 1.0 : exposureSampling);
            if (exposureSampling == 0) {
                throw new org.recloop.core.config.InvalidParameterException("exposureSampling", "must be > 0");
            }
            maxBufferedRows = Check.positive("maxBufferedRows", maxBufferedRows == null ? 2_000_000 : maxBufferedRows);
            SizeLimits.atMost("maxBufferedRows", maxBufferedRows, SizeLimits.MAX_BUFFERED_ROWS);
            groundTruthEvery = Check.nonNegative("groundTruthEvery", groundTruthEvery == null ? 0 : groundTruthEvery);
        }
    }
}
