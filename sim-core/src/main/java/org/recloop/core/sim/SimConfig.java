package org.recloop.core.sim;

/**
 * Kernel settings of a run.
 *
 * @param ticks number of ticks to run
 * @param slateSize items per slate (k)
 * @param retrainEvery full refit of the recommender after every this many ticks (0 = never)
 * @param threads worker threads for Serve and React (results do not depend on it)
 * @param chunkSize slates per work chunk; fixed so that chunking, and thus the log, does not
 *     depend on the thread count
 */
public record SimConfig(int ticks, int slateSize, int retrainEvery, int threads, int chunkSize) {
    public SimConfig {
        if (ticks <= 0) {
            throw new IllegalArgumentException("ticks must be > 0, was " + ticks);
        }
        if (slateSize <= 0) {
            throw new IllegalArgumentException("slateSize must be > 0, was " + slateSize);
        }
        if (retrainEvery < 0) {
            throw new IllegalArgumentException("retrainEvery must be >= 0, was " + retrainEvery);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, was " + threads);
        }
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0, was " + chunkSize);
        }
    }

    public static final int DEFAULT_CHUNK = 512;
}
