package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * LightGCN in the loop serves the same slates with 1 and 2 worker threads: its fit runs on the
 * simulation thread with a fixed PyTorch thread count and its own seeded stream, and serving is
 * the dense scorer of the shared ranker.
 */
class NeuralLoopIT {

    @TempDir
    Path out;

    private String[] checksums(ResolvedScenario rs, int threads) throws Exception {
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of());
        try (Connection c = TestScenarios.open(r.runDir())) {
            return new String[] {
                TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id"),
                TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id"),
            };
        }
    }

    @Test
    void lightGcnSlatesDoNotDependOnTheThreadCount() throws Exception {
        // more users than one work chunk (512), so the two threads really split serving; refits
        // at ticks 4 and 8 (the second one warm-started, with exposure negatives)
        String yaml = TestScenarios.small("neural-threads", 1500, 200, 10,
                "{type: lightgcn, dimensions: 16, epochs: 3, batchSize: 1024, exposureNegatives: 0.3}", 4);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "neural-threads.yaml");
        String[] one = checksums(rs, 1);
        String[] two = checksums(rs, 2);
        assertThat(two[0]).as("exposures").isEqualTo(one[0]);
        assertThat(two[1]).as("events").isEqualTo(one[1]);
    }

    /**
     * TIGER in the loop: the beam search of every known user runs on the worker pool at publication
     * (blocks of 64 users), and serving scores through the shared ranker; neither may depend on the
     * thread count. Refits at ticks 4 and 8, the second warm-started.
     */
    @Test
    void tigerSlatesDoNotDependOnTheThreadCount() throws Exception {
        String yaml = TestScenarios.small("tiger-threads", 700, 100, 9,
                "{type: tiger, levels: 2, codebook: 8, latent: 8, rqHidden: 32, rqEpochs: 10, itemDimensions: 8,"
                        + " maxLength: 8, blocks: 1, dimensions: 16, epochs: 3, beam: 10}", 4);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "tiger-threads.yaml");
        String[] one = checksums(rs, 1);
        String[] two = checksums(rs, 2);
        assertThat(two[0]).as("exposures").isEqualTo(one[0]);
        assertThat(two[1]).as("events").isEqualTo(one[1]);
    }
}
