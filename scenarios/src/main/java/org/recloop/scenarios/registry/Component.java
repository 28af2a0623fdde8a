package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * A resolved component: its registry name, its validated parameters (defaults filled in, as they
 * go into the run's resolved configuration) and a factory making a fresh instance per run.
 *
 * @param type registry name
 * @param resolved parameters with defaults, as a tree with the {@code type} first
 * @param factory makes a new instance
 * @param <T> the component's interface
 */
public record Component<T>(String type, ObjectNode resolved, Supplier<T> factory) {
    public T create() {
        return factory.get();
    }
}
