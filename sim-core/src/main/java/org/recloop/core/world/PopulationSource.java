package org.recloop.core.world;

import java.util.function.Consumer;
import org.recloop.core.rng.RandomStreams;

/** Builds the users at the start of a run, in the catalog's feature space. */
@FunctionalInterface
public interface PopulationSource {
    /** Builds the population; draws only from {@code streams}. */
    Population build(Catalog catalog, RandomStreams streams);

    /**
     * As {@link #build(Catalog, RandomStreams)}, for a source that reads data files: rows it cannot
     * take as they are follow {@code policy}, and it gives one {@link LoadReport} per file it read
     * to {@code reports}. Generators read no file and ignore both (the default).
     */
    default Population build(Catalog catalog, RandomStreams streams, LoadPolicy policy, Consumer<LoadReport> reports) {
        return build(catalog, streams);
    }
}
