package org.recloop.core.world;

import java.util.Objects;

/**
 * Everything the simulated platform holds: items, users, follow graph, consumption history.
 *
 * @param catalog the items
 * @param population the users (ground truth)
 * @param graph who follows whom
 * @param history what each user has consumed
 */
public record World(Catalog catalog, Population population, SocialGraph graph, ConsumptionHistory history) {
    public World {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(history, "history");
        if (catalog.dim() != population.dim()) {
            throw new IllegalArgumentException("catalog dim " + catalog.dim() + " != population dim " + population.dim());
        }
        if (graph.users() != population.size() || history.users() != population.size()) {
            throw new IllegalArgumentException("graph/history sized for a different population");
        }
    }

    /** A world of the given catalog and population, with no follow edges and no history. */
    public static World of(Catalog catalog, Population population) {
        return new World(catalog, population, SocialGraph.empty(population.size()),
                new ConsumptionHistory(population.size()));
    }
}
