package org.recloop.core.react;

import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.World;

/**
 * A user model that can answer for one group of users (a range of ids) while other models answer
 * for the rest of the population: the accounts an intervention adds, or a group whose model an
 * intervention replaces. A capability: models that cannot be confined to a group do not
 * implement it, and the kernel then refuses to add accounts or change groups next to them.
 *
 * <p>Contract, on top of {@link UserModel}'s: after {@link #initGroup} the model keeps state only
 * for users {@code [from, to)}, its {@link #afterTick} reads and writes only those users (posts,
 * returns) and ignores slates of other users; the kernel hands {@link #react} only slates of
 * its users. {@link #init} is {@code initGroup(world, streams, 0, population size)}, so a model
 * initialised the usual way stays confined to the users that existed at its init.
 *
 * <p>Determinism: draws for user u come from streams keyed by u (never by position in the
 * group), so a user's behaviour does not depend on which group it is in.
 */
public interface UserGroupModel extends UserModel {

    /**
     * Called once, on the simulation thread, before the model answers for users
     * {@code [from, to)}: assigns their archetypes, adjusts their activity, builds indexes.
     * Must not touch users outside the range.
     */
    void initGroup(World world, RandomStreams streams, int from, int to);

    @Override
    default void init(World world, RandomStreams streams) {
        initGroup(world, streams, 0, world.population().size());
    }
}
