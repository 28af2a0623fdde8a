package org.recloop.core.act;

import org.recloop.core.log.ForgetRequest;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.World;

/**
 * What an intervention may change, through the capabilities below; each keeps the world, the
 * user models and the log consistent, which direct writes to {@link #world()} would not. Used on
 * the simulation thread only, in the Act phase: changes take effect from the next tick.
 */
public interface ActContext {
    int tick();

    World world();

    RandomStreams streams();

    /** Replaces the recommender from the next tick on; it is fitted at once on the log so far. */
    void replaceRecommender(Recommender recommender, String name);

    /**
     * Opens {@code count} accounts: population, follow graph (no edges), consumption history and
     * recent activity grow; {@code rows} fills their preference and activity; they become a new
     * {@link UserGroup} answered by {@code model} (a {@link org.recloop.core.react.UserGroupModel},
     * initialised for them), and the users table gets them. They arrive from the next tick. The
     * recommender learns of them at its next fit; until then they get its fallback.
     *
     * @throws IllegalStateException if a model of the run cannot be confined to its group
     */
    UserGroup addUsers(int count, NewUsers rows, UserModel model);

    /**
     * Adds items to the catalog through {@code items} and logs them with this tick.
     *
     * @return the first new item id (the new ids run up to the catalog size)
     */
    int addItems(NewItems items);

    /** Takes items off the platform: never served again (they stay in the catalog and the log). */
    void retireItems(int[] items);

    /** Number of user groups so far (at least 1). */
    int groupCount();

    /** A user group by its index (0 = the users at the start). */
    UserGroup group(int index);

    /**
     * Answers a group's users with another model from the next tick (initialised for the group;
     * the old model's state for them is dropped).
     */
    void setGroupModel(int group, UserModel model);

    /**
     * Forgets data (see {@link ForgetRequest}): the log writes the audit row and tombstones, and
     * no reader (fit, evaluate, metrics replay, export) sees the forgotten rows again; the
     * platform drops them too (follows both ways, consumption history and recent activity of a
     * forgotten user, who never arrives again; a forgotten item is retired; a forgotten pair
     * leaves the user's history), and the recommender is refitted at once on what remains (its
     * train window of it).
     */
    default void forget(ForgetRequest request) {
        forget(request, UnlearningMethod.EXACT);
    }

    /**
     * As {@link #forget(ForgetRequest)}, with the recommender forgetting by {@code method}: exact
     * is the refit; the others go to the serving recommender's {@link
     * org.recloop.core.serve.Unlearner} with what remains of its train window.
     *
     * @throws IllegalStateException if the serving recommender cannot do {@code method}; nothing
     *     is forgotten then
     */
    void forget(ForgetRequest request, UnlearningMethod method);
}
