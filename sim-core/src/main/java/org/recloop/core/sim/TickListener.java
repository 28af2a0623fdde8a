package org.recloop.core.sim;

/**
 * Told about each closed tick, on the simulation thread, in tick order, once the log has committed
 * the tick (so what a listener writes never runs ahead of the database after a crash). The log
 * commits in the background: a tick is usually told a tick or two after it closed, and the last
 * ones when the run ends. Ticks that were never committed (a failed run) are never told.
 */
@FunctionalInterface
public interface TickListener {
    void onTick(TickSummary summary);
}
