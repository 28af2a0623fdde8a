package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A run whose store was set on the command line ({@code --store parquet}, or the Spark engine's
 * default) over a file that names none is resumed and forked in that store: the continued ticks'
 * events go to Parquet next to the first ones, and the result is the uninterrupted run's.
 */
class StoreOverrideResumeIT {

    @TempDir
    Path tmp;

    private ResolvedScenario scenario() {
        // names no log.store: the file alone would mean H2
        return new ScenarioLoader().parse(TestScenarios.small("store-override", 400, 120, 8, "{type: als, factors: 8}", 3),
                tmp.resolve("store-override.yaml").toString());
    }

    private RunResult run(Path out, TickStop stop) {
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, 2, out, null, null, "parquet");
        if (stop == null) {
            return new ScenarioRunner().run(scenario(), options, List.of());
        }
        // as runToEnd, stopped after exactly the given ticks (a listener hears of a tick only
        // once the background writer committed it, which may be after the last one)
        return new ScenarioRunner().run(scenario(), options, List.of(), new ScenarioRunner.Observer() {}, sim -> {
            try {
                sim.start();
                for (int t = 0; t < stop.ticks() && sim.schedule.step(sim); t++) {
                    // one tick a step
                }
                sim.requestStop();
                sim.recordEnd();
            } finally {
                sim.finish();
            }
        });
    }

    private record TickStop(int ticks) {}

    @Test
    void aResumedRunKeepsTheStoreItWasMadeWith() throws Exception {
        RunResult whole = run(tmp.resolve("whole"), null);
        RunResult stopped = run(tmp.resolve("stopped"), new TickStop(3));
        assertThat(stopped.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(stopped.ticks()).isEqualTo(3);
        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(stopped.runDir(), 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        for (int t = 0; t < 8; t++) {
            assertThat(stopped.runDir().resolve("log/events/tick=" + t + "/part-0.parquet")).as("tick %d", t).isRegularFile();
        }
        assertThat(Files.readAllLines(stopped.runDir().resolve("metrics.csv")))
                .isEqualTo(Files.readAllLines(whole.runDir().resolve("metrics.csv")));
        // a fork of it continues in Parquet too
        RunResult fork = new ContinuedRuns(new ScenarioRunner()).fork(whole.runDir(), 4, scenario(), tmp.resolve("fork"), 2,
                List.of(), new ScenarioRunner.Observer() {});
        assertThat(fork.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(fork.runDir().resolve("log/events/tick=7/part-0.parquet")).isRegularFile();
        assertThat(Files.readAllLines(fork.runDir().resolve("metrics.csv")))
                .isEqualTo(Files.readAllLines(whole.runDir().resolve("metrics.csv")));
    }
}
