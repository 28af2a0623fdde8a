package org.recloop.scenarios.runner;

import java.nio.file.Path;
import java.util.Map;
import org.recloop.core.log.Provenance;
import org.recloop.core.log.RunStatus;

/**
 * What a run did, as the runner counted it (the database's row counts must equal these).
 *
 * @param runId run folder name
 * @param runDir run folder
 * @param jdbcUrl URL of the run's database
 * @param status final status
 * @param seed run seed
 * @param threads worker threads
 * @param ticks ticks completed
 * @param sessions sessions over all ticks
 * @param exposures exposure rows
 * @param events event rows
 * @param clicks click events
 * @param wallSeconds wall time of the simulation (world building included, JVM start excluded)
 * @param firstMetrics metric values of the first tick
 * @param lastMetrics metric values of the last tick
 * @param llmCalls calls the user model sent to an outside model (LLM), 0 for models that make none
 * @param llmFailedCalls of those, the calls that brought no usable answer
 * @param provenance the commit, Java, scenario hash and input-file hashes recorded for the run
 */
public record RunResult(String runId, Path runDir, String jdbcUrl, RunStatus status, long seed, int threads, int ticks,
        long sessions, long exposures, long events, long clicks, double wallSeconds, Map<String, Double> firstMetrics,
        Map<String, Double> lastMetrics, long llmCalls, long llmFailedCalls, Provenance provenance) {

    /** The H2 database file. */
    public Path dbFile() {
        return runDir.resolve("recloop.mv.db");
    }
}
