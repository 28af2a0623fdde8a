package org.recloop.core.capability;

import java.util.Optional;

/**
 * What the kernel grants the components of a run: ground truth for oracles, language models for
 * LLM-driven users and recommenders, and whatever later services need. A component keeps the
 * {@code Capabilities} it was created with and looks a capability up when it needs it, not in its
 * constructor: the composition root may grant some only once the world is built (late binding, see
 * {@link RunCapabilities}).
 *
 * <p>"Not granted" is an empty {@link Optional}; a component that cannot work without a capability
 * fails with a message naming it. Threading: lookups are thread-safe.
 */
@FunctionalInterface
public interface Capabilities {

    /** Grants nothing: components made outside a run (offline evaluation, unit tests). */
    Capabilities NONE = new Capabilities() {
        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "no capabilities";
        }
    };

    /** The capability of this type, if the run grants it (now). */
    <T> Optional<T> capability(Class<T> type);
}
