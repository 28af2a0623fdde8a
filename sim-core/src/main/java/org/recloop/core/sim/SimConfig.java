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
 * @param socialShare share of each slate given to the social feed (items posted or shared by
 *     followed users), in [0, 1]; 0 = recommender only
 * @param socialWindow how many ticks back the social feed looks
 * @param groundTruthEvery write every user's true state to the user_states table every N ticks
 *     (0 = only at start, in the users table)
 * @param trainWindow a refit learns from the clicks of the last this many ticks (0 = the whole log)
 * @param exposureSampling share of sessions whose slate is written to the exposures table, in
 *     (0, 1]; the sample is a deterministic function of (seed, user, tick)
 */
public record SimConfig(int ticks, int slateSize, int retrainEvery, int threads, int chunkSize, double socialShare,
        int socialWindow, int groundTruthEvery, int trainWindow, double exposureSampling) {
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
        if (!(socialShare >= 0 && socialShare <= 1)) {
            throw new IllegalArgumentException("socialShare must be in [0, 1], was " + socialShare);
        }
        if (socialWindow <= 0) {
            throw new IllegalArgumentException("socialWindow must be > 0, was " + socialWindow);
        }
        if (!(exposureSampling > 0 && exposureSampling <= 1)) {
            throw new IllegalArgumentException("exposureSampling must be in (0, 1], was " + exposureSampling);
        }
        if (trainWindow < 0) {
            throw new IllegalArgumentException("trainWindow must be >= 0, was " + trainWindow);
        }
        if (groundTruthEvery < 0) {
            throw new IllegalArgumentException("groundTruthEvery must be >= 0, was " + groundTruthEvery);
        }
    }

    /** Recommender-only feed, no ground-truth snapshots. */
    public SimConfig(int ticks, int slateSize, int retrainEvery, int threads, int chunkSize) {
        this(ticks, slateSize, retrainEvery, threads, chunkSize, 0.0, 10, 0, 0, 1.0);
    }

    public static final int DEFAULT_CHUNK = 512;
}
