package org.recloop.core.sim;

import org.recloop.core.serve.Recommender;

/**
 * Where the per-user phases of a tick (Arrive, Serve, React) run. The kernel's own engine runs them
 * on its worker threads; another engine (e.g. Spark, in the {@code recloop-spark} module) runs them
 * for partitions of the users elsewhere and returns the joined result. Everything else (the model's
 * {@code afterTick}, the platform's effects, Log, Learn, Observe, Act) stays in the kernel.
 *
 * <p>Contract: for the same state, seed and tick the result is the one {@link Replica#runUsers} over
 * all users gives (same active users, slates, events in the same order), and on return the kernel's
 * {@link Replica} holds the reacting users' state as React left it.
 */
public interface TickEngine extends AutoCloseable {

    /**
     * Runs Arrive, Serve and React of {@code tick} with {@code serving} as the recommender.
     *
     * @param kernel the kernel's state: read it, and bring the reacting users' state into it
     */
    UsersTick runUsers(int tick, Recommender serving, Replica kernel);

    /**
     * The interventions the kernel applied in {@code tick}'s Act phase that change the users' side
     * ({@link org.recloop.core.act.Intervention#changesUsers()}), by their positions in {@link
     * Replica#interventions()}: an engine holding copies of the users has every copy repeat them
     * ({@link Replica#act}) after closing the tick. Not called for a tick without any.
     */
    default void acted(int tick, int[] positions) {}

    /** Where the engine's time went so far, one line for the run's closing table; null if it does not tell. */
    default String summary() {
        return null;
    }

    /** Releases the engine's resources (executors, contexts); the default holds none. */
    @Override
    default void close() {}
}
