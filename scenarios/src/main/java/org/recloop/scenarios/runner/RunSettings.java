package org.recloop.scenarios.runner;

import org.recloop.core.sim.SimConfig;
import org.recloop.scenarios.schema.Scenario;

/**
 * The settings one run uses, after every layer: the kernel's {@link SimConfig#DEFAULTS}, then the
 * scenario file, then the command line. This is the one place the command line is applied; the
 * run's {@code resolved.json} records the result.
 *
 * @param seed the run seed
 * @param config the kernel settings
 */
record RunSettings(long seed, SimConfig config) {

    /** The scenario's settings with the command line's {@code --seed}, {@code --threads} and {@code --store} on top. */
    static RunSettings of(Scenario s, ScenarioRunner.Options commandLine) {
        SimConfig config = s.config(); // defaults < file
        if (commandLine.threads() != null) {
            config = config.withThreads(commandLine.threads());
        }
        if (commandLine.store() != null) {
            config = config.withLog(config.log().withStore(commandLine.store()));
        }
        long seed = commandLine.seed() != null ? commandLine.seed() : s.seed();
        return new RunSettings(seed, config);
    }
}
