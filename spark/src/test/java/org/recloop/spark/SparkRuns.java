package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.recloop.core.log.RunStatus;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.TickEngine;
import org.recloop.scenarios.runner.EngineRequest;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Runs a scenario file on the local engine or on Spark in local mode; the log tables are compared
 * with the scenario tests' helpers ({@link org.recloop.scenarios.TestScenarios}) and these queries.
 */
final class SparkRuns {

    private SparkRuns() {}

    /** A copy of {@code shipped} (a file under scenarios/) in {@code dir}, changed by {@code edit}. */
    static Path shrunk(String shipped, Path dir, Consumer<ObjectNode> edit) throws Exception {
        Path original = Path.of("..", "scenarios", shipped).toAbsolutePath().normalize();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(original));
        edit.accept(root);
        Path file = dir.resolve(shipped);
        Files.createDirectories(dir);
        Files.writeString(file, yaml.writeValueAsString(root));
        return file;
    }

    static RunResult local(Path file, Path out, int threads) {
        return local(file, out, threads, sim -> {});
    }

    /** As {@link #local(Path, Path, int)}; {@code after} sees the simulation once it has run. */
    static RunResult local(Path file, Path out, int threads, Consumer<RecLoopSim> after) {
        ResolvedScenario rs = new ScenarioLoader().load(file);
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of(),
                new ScenarioRunner.Observer() {}, sim -> {
                    sim.runToEnd();
                    after.accept(sim);
                });
        assertThat(r.status()).isIn(RunStatus.FINISHED, RunStatus.DEGRADED);
        return r;
    }

    static RunResult spark(Path file, Path out, int threads, String master, int partitions) throws Exception {
        return spark(file, out, threads, master, partitions, sim -> {});
    }

    /** As {@link #spark(Path, Path, int, String, int)}; {@code after} sees the driver's simulation once it has run. */
    static RunResult spark(Path file, Path out, int threads, String master, int partitions,
            Consumer<RecLoopSim> after) throws Exception {
        ResolvedScenario rs = new ScenarioLoader().load(file);
        try (TickEngine engine = new SparkEngineProvider().open(new EngineRequest(rs, file, rs.scenario().seed(), threads,
                master, partitions, null, null))) {
            RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of(),
                    new ScenarioRunner.Observer() {}, sim -> {
                        sim.useEngine(engine);
                        sim.runToEnd();
                        after.accept(sim);
                    });
            assertThat(r.status()).isIn(RunStatus.FINISHED, RunStatus.DEGRADED);
            return r;
        }
    }

    static final String EVENTS = "SELECT * FROM events ORDER BY id";
    static final String EXPOSURES = "SELECT id, tick, user_id, item_id, position, score, propensity, model_version, source"
            + " FROM exposures ORDER BY id";
    static final String METRICS = "SELECT * FROM metrics ORDER BY tick, name";
}
