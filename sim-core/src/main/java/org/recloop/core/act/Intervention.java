package org.recloop.core.act;

/**
 * An action scheduled by the scenario (inject attackers, unlearning request, policy switch, new
 * items...). Applied in the Act phase of {@link #tick()}, on the simulation thread, and recorded
 * in the interventions table with its {@link #type()} and {@link #describe()}.
 */
public interface Intervention {

    /** The tick whose Act phase applies it. */
    int tick();

    /** Registry name of the intervention kind. */
    String type();

    /** One line for the log: what it does, with its parameters. */
    String describe();

    void apply(ActContext ctx);

    /**
     * Whether it changes the users' side (world, user groups), which every copy of the users
     * (another engine's executors) must repeat; false for one that only changes the platform's
     * recommender, which copies receive as the serving model.
     */
    default boolean changesUsers() {
        return true;
    }
}
