package org.recloop.scenarios.runner;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;

/**
 * Shows each tick's {@link TickView} to the runner's {@link ScenarioRunner.Observer} (the GUI's
 * record of recent slates and events), through the kernel's existing read-only seam for per-tick
 * observers: the metrics, called on the simulation thread after the tick's reactions. It has no
 * names and writes no values, so the log's metrics rows and metrics.csv's columns are those of the
 * scenario's metrics alone.
 */
final class ObservedTicks implements Metric {

    private final ScenarioRunner.Observer observer;

    ObservedTicks(ScenarioRunner.Observer observer) {
        this.observer = observer;
    }

    @Override
    public List<String> names() {
        return List.of();
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        observer.tick(view); // never given 'out': nothing it does can reach the log
    }
}
