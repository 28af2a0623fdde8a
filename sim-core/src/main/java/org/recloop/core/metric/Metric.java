package org.recloop.core.metric;

import java.util.List;
import java.util.Map;

/**
 * An online metric: reads one tick and writes named values. Keeps no state between ticks (what
 * accumulates, such as cumulative exposures or consumption histories, lives in the kernel and is
 * handed over in the {@link TickView}), so one instance can serve several runs.
 *
 * <p>Called on the simulation thread after the tick's reactions. Determinism: a metric that
 * samples must draw from {@code view.streams()} keyed by tick.
 */
public interface Metric {

    /** The names of the values this metric writes, in a fixed order (columns of metrics.csv). */
    List<String> names();

    /** Computes this tick's values and puts one entry per name into {@code out}. */
    void observe(TickView view, Map<String, Double> out);
}
