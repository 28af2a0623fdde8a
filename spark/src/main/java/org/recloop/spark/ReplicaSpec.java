package org.recloop.spark;

import java.io.Serializable;

/**
 * How an executor builds its copy of a run's users (the scenario file loaded again, with the run's
 * seed and --llm-* overrides) and which users each partition holds: contiguous id ranges of the
 * tick's users (interventions may add some), so that partitions joined in order are the kernel's
 * user order.
 *
 * @param runKey names the run's copies in an executor (a JVM may hold copies of several runs)
 * @param scenarioFile absolute path of the scenario file; on a cluster it must be readable at the
 *     same path on every executor (a shared file system), as must its data files and LLM caches
 */
record ReplicaSpec(String runKey, String scenarioFile, long seed, int threads, String llmBaseUrl, String llmModel,
        int partitions) implements Serializable {

    /** First user of {@code partition} when there are {@code users}. */
    int from(int partition, int users) {
        return (int) ((long) users * partition / partitions);
    }

    /** One past the last user of {@code partition}. */
    int to(int partition, int users) {
        return (int) ((long) users * (partition + 1) / partitions);
    }
}
