/**
 * The MASON GUI ({@code recloop gui}): a console, displays and inspectors over the same {@code
 * RecLoopSim} the headless runner steps, built by the same {@code ScenarioRunner}, so a watched
 * run writes the same run folder and log as {@code recloop run}.
 *
 * <p>Only this package imports MASON's {@code sim.display} and {@code sim.portrayal}
 * (ArchitectureTest). Nothing here feeds back into the model: displays read the world on the
 * model thread between ticks, and their samples use keyed streams of their own, never a
 * generator the model draws from.
 */
package org.recloop.scenarios.gui;
