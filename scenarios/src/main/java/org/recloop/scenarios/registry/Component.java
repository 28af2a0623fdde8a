package org.recloop.scenarios.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.recloop.core.capability.Capabilities;

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

    /**
     * A new instance with the capabilities of the creation in progress: none at the top level
     * (offline evaluation, tests), the parent's when a parent's factory creates it.
     */
    public T create() {
        return factory.get();
    }

    /**
     * A new instance for a run: it and every component created while it is created (A/B arms,
     * re-rankers' bases, at any depth) get {@code capabilities} through {@link
     * Registry.Nested#capabilities}.
     */
    public T create(Capabilities capabilities) {
        return CreationScope.within(capabilities, factory);
    }
}
