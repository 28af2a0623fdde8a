package org.recloop.core.serve;

import java.util.concurrent.ExecutorService;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;

/**
 * What a recommender may use while training: the tick, the run's random streams, a worker pool
 * and the item attributes the platform knows. A recommender that uses the pool must produce the
 * same model whatever its size (split work by fixed-size blocks, reduce in block order).
 *
 * @param tick tick at which training happens
 * @param streams the run's random streams
 * @param executor worker pool of the run, or null to work on the calling thread
 * @param parallelism number of worker threads in the pool
 * @param catalog item attributes (read only; may be null in offline evaluation without attributes)
 */
public record TrainContext(int tick, RandomStreams streams, ExecutorService executor, int parallelism, Catalog catalog) {

    /** A context without item attributes. */
    public TrainContext(int tick, RandomStreams streams, ExecutorService executor, int parallelism) {
        this(tick, streams, executor, parallelism, null);
    }
}
