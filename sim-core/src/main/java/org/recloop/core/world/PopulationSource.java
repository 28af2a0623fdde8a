package org.recloop.core.world;

import org.recloop.core.rng.RandomStreams;

/** Builds the users at the start of a run, in the catalog's feature space. */
@FunctionalInterface
public interface PopulationSource {
    /** Builds the population; draws only from {@code streams}. */
    Population build(Catalog catalog, RandomStreams streams);
}
