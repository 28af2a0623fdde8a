package org.recloop.core.metric;

import org.recloop.core.react.EventBuffer;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ServedScores;
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
 * @param scores the scores of the model that serves the next tick (after this tick's Learn phase),
 *     for metrics that need scores of items no slate showed; {@link ServedScores#NONE} when the
 *     view has none (replays of a log, recommenders that do not score)
 * @param constraints the users' feed constraints the tick's slates were served under
 * @param executor the run's worker threads, for a metric that splits independent work (null: run
 *     everything on the calling thread); a metric must give the same values whichever it is
 */
public record TickView(int tick, World world, SlateBatch slates, EventBuffer events, long[] itemExposures,
        long[] itemClicks, RandomStreams streams, ServedScores scores,
        org.recloop.core.command.FeedConstraints constraints, java.util.concurrent.Executor executor) {

    public TickView {
        scores = scores == null ? ServedScores.NONE : scores;
        constraints = constraints == null ? org.recloop.core.command.FeedConstraints.NONE : constraints;
    }

    /** A view whose metrics run on the calling thread. */
    public TickView(int tick, World world, SlateBatch slates, EventBuffer events, long[] itemExposures,
            long[] itemClicks, RandomStreams streams, ServedScores scores,
            org.recloop.core.command.FeedConstraints constraints) {
        this(tick, world, slates, events, itemExposures, itemClicks, streams, scores, constraints, null);
    }

    /** A view without feed constraints. */
    public TickView(int tick, World world, SlateBatch slates, EventBuffer events, long[] itemExposures,
            long[] itemClicks, RandomStreams streams, ServedScores scores) {
        this(tick, world, slates, events, itemExposures, itemClicks, streams, scores, null);
    }

    /** A view without model scores. */
    public TickView(int tick, World world, SlateBatch slates, EventBuffer events, long[] itemExposures,
            long[] itemClicks, RandomStreams streams) {
        this(tick, world, slates, events, itemExposures, itemClicks, streams, ServedScores.NONE);
    }
}
