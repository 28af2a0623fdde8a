package org.recloop.core.capability;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The capabilities of one run, filled by the composition root. Components are created with this
 * holder before everything they may ask for exists (in some paths before the world is built), so
 * binding is late: a lookup sees what was granted by the time it is made. One holder per run;
 * never shared between runs (two seeds of a sweep run in parallel with different worlds).
 *
 * <p>Threading: grants and lookups may come from any thread.
 */
public final class RunCapabilities implements Capabilities {

    private final Map<Class<?>, Object> granted = new ConcurrentHashMap<>();

    /**
     * Grants a capability; a second grant of the same type replaces the first.
     *
     * @return this holder
     */
    public <T> RunCapabilities grant(Class<T> type, T value) {
        granted.put(Objects.requireNonNull(type, "type"), type.cast(Objects.requireNonNull(value, "value")));
        return this;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return Optional.ofNullable(type.cast(granted.get(type)));
    }

    @Override
    public String toString() {
        return "capabilities " + granted.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }
}
