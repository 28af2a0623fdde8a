package org.recloop.core.world;

import org.recloop.core.rng.RandomStreams;

/** Builds the follow graph at the start of a run (generator or loader). */
@FunctionalInterface
public interface GraphSource {
    /** Builds the graph over the population's users; draws only from {@code streams}. */
    SocialGraph build(Population population, Catalog catalog, RandomStreams streams);

    /** No edges. */
    GraphSource NONE = (p, c, s) -> SocialGraph.empty(p.size());
}
