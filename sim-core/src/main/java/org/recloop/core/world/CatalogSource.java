package org.recloop.core.world;

import java.util.function.Consumer;
import org.recloop.core.rng.RandomStreams;

/** Builds the catalog at the start of a run (synthetic generator or a loader of real data). */
@FunctionalInterface
public interface CatalogSource {
    /** Builds the catalog; draws only from {@code streams}. */
    Catalog build(RandomStreams streams);

    /**
     * As {@link #build(RandomStreams)}, for a source that reads data files: rows it cannot take as
     * they are follow {@code policy}, and it gives one {@link LoadReport} per file it read to
     * {@code reports}. Generators read no file and ignore both (the default).
     */
    default Catalog build(RandomStreams streams, LoadPolicy policy, Consumer<LoadReport> reports) {
        return build(streams);
    }
}
