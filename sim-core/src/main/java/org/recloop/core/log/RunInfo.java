package org.recloop.core.log;

import java.util.Objects;

/**
 * What a run's database records about the run itself.
 *
 * @param runId folder name of the run, unique under the output directory
 * @param name scenario name
 * @param scenarioText the scenario file as written
 * @param resolvedConfig the scenario after defaults and command-line overrides (JSON)
 * @param seed run seed
 * @param codeVersion RecLoop version that ran it
 * @param threads worker threads
 * @param provenance the commit, Java, scenario hash and input-file hashes behind the run
 */
public record RunInfo(String runId, String name, String scenarioText, String resolvedConfig, long seed,
        String codeVersion, int threads, Provenance provenance) {
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scenarioText, "scenarioText");
        Objects.requireNonNull(resolvedConfig, "resolvedConfig");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A run whose provenance is unknown beyond the running Java (tests, benchmarks). */
    public RunInfo(String runId, String name, String scenarioText, String resolvedConfig, long seed,
            String codeVersion, int threads) {
        this(runId, name, scenarioText, resolvedConfig, seed, codeVersion, threads, Provenance.unknown());
    }
}
