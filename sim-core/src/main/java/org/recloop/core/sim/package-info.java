/**
 * The MASON model: {@link org.recloop.core.sim.RecLoopSim} schedules the seven tick phases
 * (Arrive, Serve, React, Log, Learn, Observe, Act) as ordered steppables, then closes the tick.
 * The model never knows whether a GUI exists.
 */
package org.recloop.core.sim;
