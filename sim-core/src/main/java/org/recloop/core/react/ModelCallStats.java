package org.recloop.core.react;

/**
 * Optional capability of a {@link UserModel} that calls an outside model (an LLM): how many of
 * its calls failed, and how many failures the scenario tolerates. The runner asks it once, after
 * the last tick: a run whose failure share is above the threshold ends {@code degraded} instead of
 * {@code finished}, because a run whose LLM agents were silently replaced by the fallback model
 * is not the study that was asked for.
 *
 * <p>Threading: read on the simulation thread after the run; implementations count on the
 * simulation thread (e.g. when the kernel drains the model calls).
 */
public interface ModelCallStats {

    /** Calls that went to the outside model (every attempt; answers from a cache are not calls). */
    long modelCalls();

    /** Of {@link #modelCalls()}, those that brought no usable answer (errors, timeouts, invalid answers). */
    long failedModelCalls();

    /** The failure share above which the run is degraded, in [0, 1]; 1 = never. */
    double maxFailureShare();

    /** Failed calls over calls; 0 without calls. */
    default double failureShare() {
        long n = modelCalls();
        return n == 0 ? 0 : (double) failedModelCalls() / n;
    }

    /** True when there were calls and more than {@link #maxFailureShare()} of them failed. */
    default boolean degraded() {
        return modelCalls() > 0 && failureShare() > maxFailureShare();
    }
}
