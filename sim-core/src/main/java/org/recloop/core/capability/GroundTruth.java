package org.recloop.core.capability;

import java.util.Objects;
import org.recloop.core.world.World;

/**
 * Read-only access to what only the simulator knows: the users' true preferences and the items'
 * true features. Granted to oracles (the ideal recommender) as a capability; ordinary
 * recommenders must learn from the log and never ask for it. Reads the live world, so an oracle
 * follows drifting preferences and a growing catalog.
 *
 * <p>Threading: as the world: read in the Serve phase while nothing writes preferences.
 */
public final class GroundTruth {

    private final World world;

    private GroundTruth(World world) {
        this.world = world;
    }

    /** The ground truth of this world. */
    public static GroundTruth of(World world) {
        return new GroundTruth(Objects.requireNonNull(world, "world"));
    }

    /** Items in the catalog now. */
    public int numItems() {
        return world.catalog().size();
    }

    /** Users in the population. */
    public int numUsers() {
        return world.population().size();
    }

    /**
     * The true score of item {@code item} for user {@code user}: {@code p_u·x_i}, or its Beta-noised
     * draw in a world with utility noise ({@link org.recloop.core.world.Population#trueScore}).
     */
    public float trueScore(int user, int item) {
        return world.population().trueScore(world.catalog(), user, item);
    }
}
