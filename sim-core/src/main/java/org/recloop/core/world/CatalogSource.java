package org.recloop.core.world;

import org.recloop.core.rng.RandomStreams;

/** Builds the catalog at the start of a run (synthetic generator or a loader of real data). */
@FunctionalInterface
public interface CatalogSource {
    /** Builds the catalog; draws only from {@code streams}. */
    Catalog build(RandomStreams streams);
}
