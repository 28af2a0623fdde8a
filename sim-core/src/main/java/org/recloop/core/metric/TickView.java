package org.recloop.core.metric;

import org.recloop.core.react.EventBuffer;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * A read-only view of one finished tick for metrics: its slates and events, the world after the
 * tick (consumption history included) and cumulative per-item counts since the run began.
 *
 * @param tick the tick
 * @param world the world after the tick's reactions
 * @param slates the slates shown this tick
 * @param events the events of this tick, in log order
 * @param itemExposures cumulative exposures per item (length >= catalog size)
 * @param itemClicks cumulative clicks per item (length >= catalog size)
 * @param streams the run's streams, for metrics that sample (e.g. user pairs)
 */
public record TickView(int tick, World world, SlateBatch slates, EventBuffer events, long[] itemExposures,
        long[] itemClicks, RandomStreams streams) {}
