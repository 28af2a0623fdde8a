package org.recloop.core.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened in one tick, for progress displays and listeners.
 *
 * @param tick the tick
 * @param sessions users who arrived
 * @param exposures slate positions shown
 * @param events events logged
 * @param clicks click events
 * @param metrics this tick's metric values, in metric order
 */
public record TickSummary(int tick, int sessions, long exposures, long events, long clicks, Map<String, Double> metrics) {
    public TickSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
