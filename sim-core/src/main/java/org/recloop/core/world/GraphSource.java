package org.recloop.core.world;

import java.util.function.Consumer;
import org.recloop.core.rng.RandomStreams;

/** Builds the follow graph at the start of a run (generator or loader). */
@FunctionalInterface
public interface GraphSource {
    /** Builds the graph over the population's users; draws only from {@code streams}. */
    SocialGraph build(Population population, Catalog catalog, RandomStreams streams);

    /**
     * As {@link #build(Population, Catalog, RandomStreams)}, for a source that reads data files:
     * rows it cannot take as they are follow {@code policy}, and it gives one {@link LoadReport}
     * per file it read to {@code reports}. Generators read no file and ignore both (the default).
     */
    default SocialGraph build(Population population, Catalog catalog, RandomStreams streams, LoadPolicy policy,
            Consumer<LoadReport> reports) {
        return build(population, catalog, streams);
    }

    /** No edges. */
    GraphSource NONE = (p, c, s) -> SocialGraph.empty(p.size());
}
