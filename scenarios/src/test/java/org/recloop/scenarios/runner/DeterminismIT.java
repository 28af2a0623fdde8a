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

/** Same scenario and seed give the same log, with 1 thread or 2, run after run. */
class DeterminismIT {

    @TempDir
    Path out;

    private String[] checksums(ResolvedScenario rs, Long seed, int threads) throws Exception {
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(seed, threads, out), List.of());
        try (Connection c = TestScenarios.open(r.runDir())) {
            return new String[] {
                TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id"),
                TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id"),
                TestScenarios.checksum(c, "SELECT tick, name, val FROM metrics ORDER BY tick, name"),
            };
        }
    }

    @Test
    void sameLogWhateverTheThreadCount() throws Exception {
        // more users than one work chunk (512), so threads really split the work; ALS refits twice
        String yaml = TestScenarios.small("determinism", 3000, 400, 12, "{type: als, factors: 8, iterations: 4}", 5);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "determinism.yaml");
        String[] one = checksums(rs, null, 1);
        String[] two = checksums(rs, null, 2);
        String[] oneAgain = checksums(rs, null, 1);
        assertThat(two).containsExactly(one);
        assertThat(oneAgain).containsExactly(one);
        String[] otherSeed = checksums(rs, 8L, 2);
        assertThat(otherSeed[0]).as("a different seed gives a different log").isNotEqualTo(one[0]);
    }

    @Test
    void mediumSizedRunWithRetrievalAndSamplingIsThreadCountIndependent() throws Exception {
        // 30,000 users (about 15,000 sessions per tick in 30 work chunks), candidate retrieval
        // (k-means on user factors) and sampled exposure logging: the paths the benchmark uses
        String yaml = TestScenarios.small("medium-determinism", 30000, 3000, 12,
                "{type: als, factors: 8, iterations: 3, retrieval: {clusters: 16, perCluster: 200}}", 5)
                + "log: {exposureSampling: 0.3}\n";
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "medium.yaml");
        String[] one = checksums(rs, null, 1);
        String[] two = checksums(rs, null, 2);
        assertThat(two).containsExactly(one);
    }

    @Test
    void warmStartedRefitsAreThreadCountIndependent() throws Exception {
        // refits every 3 ticks: the second and third start from the previous factors and centroids
        String yaml = TestScenarios.small("warm-determinism", 3000, 400, 12,
                "{type: als, factors: 8, iterations: 2, warmIterations: 1, retrieval: {clusters: 8, perCluster: 100}}", 3);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "warm.yaml");
        String[] one = checksums(rs, null, 1);
        String[] two = checksums(rs, null, 2);
        assertThat(two).containsExactly(one);
        String cold = TestScenarios.small("warm-determinism", 3000, 400, 12,
                "{type: als, factors: 8, iterations: 2, retrieval: {clusters: 8, perCluster: 100}}", 3);
        String[] fromScratch = checksums(new ScenarioLoader().parse(cold, "cold.yaml"), null, 1);
        assertThat(fromScratch[0]).as("warm refits change the model, so the log").isNotEqualTo(one[0]);
    }
}
