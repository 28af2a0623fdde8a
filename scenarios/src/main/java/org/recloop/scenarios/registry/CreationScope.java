package org.recloop.scenarios.registry;

import java.util.function.Supplier;
import org.recloop.core.capability.Capabilities;

/**
 * The capabilities of the run whose components are being created on this thread. Resolution
 * (binding parameters to factories) happens once per scenario, creation once per run, and two runs
 * of one resolved scenario may create their components at the same time (the seeds of a sweep); so
 * the run's capabilities cannot be captured at binding. {@link Component#create(Capabilities)}
 * opens this scope for the duration of the creation, {@link Registry.Nested#capabilities} reads it,
 * and nested components made by their parent's factory (A/B arms, re-rankers' bases) are created
 * inside the same scope: every depth gets the same run's capabilities without any factory passing
 * them on. Nothing outlives the creation call.
 */
final class CreationScope {

    private static final ThreadLocal<Capabilities> CURRENT = new ThreadLocal<>();

    private CreationScope() {}

    /** Makes an instance with {@code capabilities} in scope, restoring the enclosing scope after. */
    static <T> T within(Capabilities capabilities, Supplier<T> factory) {
        Capabilities outer = CURRENT.get();
        CURRENT.set(capabilities);
        try {
            return factory.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The capabilities of the creation in progress on this thread; none outside a creation. */
    static Capabilities current() {
        Capabilities c = CURRENT.get();
        return c == null ? Capabilities.NONE : c;
    }
}
