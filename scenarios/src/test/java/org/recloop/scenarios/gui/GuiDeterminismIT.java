package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The GUI steps the very model the headless runner steps: starting the GUIState and stepping it
 * as the Console does (no window needed) logs the same events, exposures and metrics as {@code
 * recloop run} with the same scenario and seed, and records the run as finished.
 */
class GuiDeterminismIT {

    @TempDir
    Path out;

    private static String[] checksums(Path runDir) throws Exception {
        try (Connection c = TestScenarios.open(runDir)) {
            return new String[] {
                TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id"),
                TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id"),
                TestScenarios.checksum(c, "SELECT tick, name, val FROM metrics ORDER BY tick, name"),
                TestScenarios.checksum(c, "SELECT tick, sessions FROM ticks ORDER BY tick"),
            };
        }
    }

    /** Starts the GUIState and steps it as the Console's play thread does, then stops it. */
    private static RunResult stepLikeTheConsole(RecLoopWithUI gui) {
        gui.start();
        int steps = 0;
        while (gui.step()) {
            steps++;
            assertThat(steps).as("the GUI stops by itself after the last tick").isLessThan(1000);
        }
        gui.finish();
        return gui.lastResult();
    }

    @Test
    void guiAndHeadlessRunsLogTheSameEvents() throws Exception {
        String yaml = GuiScenarios.social("gui-determinism", 1500, 300, 7);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "gui-determinism.yaml");
        RunResult headless = new ScenarioRunner().run(rs, new ScenarioRunner.Options(5L, 2, out.resolve("headless")),
                List.of());

        RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-determinism.yaml"), rs,
                new ScenarioRunner.Options(5L, 2, out.resolve("gui")), 400, 2);
        RunResult viaGui = stepLikeTheConsole(gui);

        assertThat(viaGui).isNotNull();
        assertThat(viaGui.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(viaGui.ticks()).isEqualTo(7);
        assertThat(viaGui.events()).isEqualTo(headless.events()).isPositive();
        assertThat(checksums(viaGui.runDir())).containsExactly(checksums(headless.runDir()));
        assertThat(gui.map().drawnUsers()).as("at most the configured number of users drawn").isEqualTo(400);
        assertThat(gui.map().follows.getAllNodes().numObjs).as("a sampled follow graph").isPositive();
    }

    @Test
    void editedParametersApplyAtTheNextStartAndStopRecordsInterrupted() throws Exception {
        String yaml = GuiScenarios.social("gui-params", 600, 200, 6);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "gui-params.yaml");
        RecLoopWithUI gui = new RecLoopWithUI(Path.of("gui-params.yaml"), rs,
                new ScenarioRunner.Options(3L, 1, out), 100, 1);
        ScenarioParameters params = (ScenarioParameters) gui.getSimulationInspectedObject();
        params.setTicks(3);
        assertThat(stepLikeTheConsole(gui).ticks()).isEqualTo(3);

        params.setTicks(6);
        gui.start(); // a second press of play: a new run folder
        assertThat(gui.step()).isTrue();
        assertThat(gui.step()).isTrue();
        gui.finish(); // the Console's stop button after two ticks
        RunResult stopped = gui.lastResult();
        assertThat(stopped.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(stopped.ticks()).isEqualTo(2);
        try (Connection c = TestScenarios.open(stopped.runDir())) {
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("interrupted");
        }
    }
}
