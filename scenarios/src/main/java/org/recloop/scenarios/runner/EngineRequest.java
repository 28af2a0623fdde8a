package org.recloop.scenarios.runner;

import java.nio.file.Path;
import org.recloop.scenarios.schema.ResolvedScenario;

/**
 * What an {@link EngineProvider} needs to run a scenario's users elsewhere.
 *
 * @param scenario the loaded scenario (the kernel's)
 * @param file the scenario file, which every executor loads again to build its copy
 * @param seed the run seed
 * @param threads the kernel's worker threads
 * @param master the cluster to run on (engine-specific, e.g. {@code local[2]} or {@code spark://host:7077}); null for the engine's default
 * @param partitions user partitions; 0 for the engine's default
 * @param llmBaseUrl the run's --llm-base-url, or null
 * @param llmModel the run's --llm-model, or null
 */
public record EngineRequest(ResolvedScenario scenario, Path file, long seed, int threads, String master, int partitions,
        String llmBaseUrl, String llmModel) {}
