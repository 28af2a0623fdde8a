package org.recloop.core.serve;

import org.recloop.core.command.FeedConstraints;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * What a recommender may know while serving: the tick, the catalog size, the items each user
 * already consumed (to exclude), the run's random streams, and the item attributes the platform
 * knows (features, topic, creator, creation tick, popularity prior) through the catalog. It
 * never sees users' true preferences.
 *
 * @param tick current tick
 * @param numItems catalog size now; candidate ids are {@code 0..numItems-1}
 * @param consumed per-user consumed items, to be excluded from slates
 * @param streams the run's random streams
 * @param catalog item attributes (read only)
 * @param constraints the users' feed constraints in force this tick ({@link SlateRanker#excluded}
 *     reads the exclusions, {@link org.recloop.core.serve.FeedBoost} the boosts)
 */
public record ServeContext(int tick, int numItems, ConsumptionHistory consumed, RandomStreams streams, Catalog catalog,
        FeedConstraints constraints) {

    public ServeContext {
        constraints = constraints == null ? FeedConstraints.NONE : constraints;
    }

    /** A context without feed constraints. */
    public ServeContext(int tick, int numItems, ConsumptionHistory consumed, RandomStreams streams, Catalog catalog) {
        this(tick, numItems, consumed, streams, catalog, FeedConstraints.NONE);
    }

    /** A context without item attributes (for recommenders that use none). */
    public ServeContext(int tick, int numItems, ConsumptionHistory consumed, RandomStreams streams) {
        this(tick, numItems, consumed, streams, null);
    }

    /** Whether the item was taken off the platform ({@link Catalog#retire}); never served again. */
    public boolean retired(int item) {
        return catalog != null && catalog.isRetired(item);
    }

    /** Number of retired items; 0 without a catalog. */
    public int retiredCount() {
        return catalog == null ? 0 : catalog.retiredCount();
    }
}
