package org.recloop.core.sim;

/** Told about each closed tick, on the simulation thread, after the tick is committed. */
@FunctionalInterface
public interface TickListener {
    void onTick(TickSummary summary);
}
