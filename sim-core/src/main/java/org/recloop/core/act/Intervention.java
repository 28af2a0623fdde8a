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

    /**
     * Fresh, uninitialised instances of the user models it brings in (new accounts' model, a
     * group's new model), none by default: a run on another engine checks them before its first
     * tick, so that one whose users' state cannot move between copies is refused then, not hours
     * later at this intervention's tick. Uninitialised models hold nothing to close.
     */
    default java.util.List<org.recloop.core.react.UserModel> userModels() {
        return java.util.List.of();
    }

    /**
     * Whether it opens accounts ({@link ActContext#addUsers}): the run's user model must then
     * answer for one group of users among others ({@link org.recloop.core.react.UserGroupModel}).
     */
    default boolean addsUsers() {
        return false;
    }
}
