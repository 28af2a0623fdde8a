package org.recloop.core.serve;

import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.ConsumptionHistory;

/**
 * What a recommender may know while serving: the tick, the catalog size, the items each user
 * already consumed (to exclude) and the run's random streams. It never sees ground truth.
 *
 * @param tick current tick
 * @param numItems catalog size now; candidate ids are {@code 0..numItems-1}
 * @param consumed per-user consumed items, to be excluded from slates
 * @param streams the run's random streams
 */
public record ServeContext(int tick, int numItems, ConsumptionHistory consumed, RandomStreams streams) {}
