package org.recloop.core.world;

import java.util.Objects;

/**
 * Everything the simulated platform holds: items, users, follow graph, consumption history and
 * recent visible engagements.
 *
 * @param catalog the items
 * @param population the users (ground truth)
 * @param graph who follows whom
 * @param history what each user has consumed
 * @param activity each user's recent posts, shares and likes (social feed, herd effects)
 * @param groundTruth which accounts are fake (for metrics; recommenders never see the world)
 */
public record World(Catalog catalog, Population population, SocialGraph graph, ConsumptionHistory history,
        RecentActivity activity, AccountTruth groundTruth) {

    /** Engagements kept per user for the social feed and herd effects. */
    public static final int ACTIVITY_CAPACITY = 16;

    public World {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(groundTruth, "groundTruth");
        if (catalog.dim() != population.dim()) {
            throw new IllegalArgumentException("catalog dim " + catalog.dim() + " != population dim " + population.dim());
        }
        if (graph.users() != population.size() || history.users() != population.size()) {
            throw new IllegalArgumentException("graph/history sized for a different population");
        }
    }

    /** A world whose accounts are all real (none marked fake yet). */
    public World(Catalog catalog, Population population, SocialGraph graph, ConsumptionHistory history,
            RecentActivity activity) {
        this(catalog, population, graph, history, activity, new AccountTruth());
    }

    /**
     * Opens {@code n} accounts: the population, follow graph, consumption history and recent
     * activity all grow by {@code n} users with empty rows (no follows, nothing consumed, zero
     * preference and activity, which the caller fills). Simulation thread only, in the Act phase.
     *
     * @return the first new user id; the new ids are {@code [first, first + n)}
     */
    public int addUsers(int n) {
        int first = population.addUsers(n);
        graph.addUsers(n);
        history.addUsers(n);
        activity.addUsers(n);
        return first;
    }

    /** A world with the given follow graph, no history and no activity yet. */
    public static World of(Catalog catalog, Population population, SocialGraph graph) {
        return new World(catalog, population, graph, new ConsumptionHistory(population.size()),
                new RecentActivity(population.size(), ACTIVITY_CAPACITY));
    }

    /** A world with no follow edges, no history and no activity. */
    public static World of(Catalog catalog, Population population) {
        return of(catalog, population, SocialGraph.empty(population.size()));
    }
}
