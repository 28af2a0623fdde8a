package org.recloop.core.act;

import org.recloop.core.world.World;

/**
 * Fills the rows of accounts just added to the population (true preference, activity), before
 * their user model's {@code initGroup} sees them. Draws only from streams keyed by user id (and
 * the tick), so the accounts do not depend on the thread count or on other users.
 */
@FunctionalInterface
public interface NewUsers {
    void fill(World world, int from, int to);
}
