package org.recloop.core.serve;

import java.util.concurrent.ExecutorService;
import org.recloop.core.rng.RandomStreams;

/**
 * What a recommender may use while training: the tick, the run's random streams and a worker
 * pool. A recommender that uses the pool must produce the same model whatever its size (split
 * work by fixed-size blocks, reduce in block order).
 *
 * @param tick tick at which training happens
 * @param streams the run's random streams
 * @param executor worker pool of the run
 * @param parallelism number of worker threads in the pool
 */
public record TrainContext(int tick, RandomStreams streams, ExecutorService executor, int parallelism) {}
