package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.recloop.core.sim.SimConfig;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;

/** The layers of a run's settings: kernel defaults &lt; scenario file &lt; command line. */
class RunSettingsTest {

    private static final String MINIMAL = """
            name: layers
            ticks: 4
            world:
              catalog: {type: synthetic, items: 50, dimensions: 4, topics: 4}
              population: {type: synthetic, users: 20}
            users: {type: mnl}
            recommender: random
            """;

    private static ResolvedScenario parse(String text) {
        return new ScenarioLoader().parse(text, "layers.yaml");
    }

    @Test
    void theCommandLineWinsOverTheFileWhichWinsOverTheDefaults() {
        ResolvedScenario rs = parse(MINIMAL + "seed: 5\nthreads: 3\nlearn: {retrainEvery: 7}\n");
        RunSettings fromFile = RunSettings.of(rs.scenario(), new ScenarioRunner.Options(null, null, Path.of("runs")));
        assertThat(fromFile.seed()).isEqualTo(5);
        assertThat(fromFile.config().run().threads()).isEqualTo(3);
        assertThat(fromFile.config().learn().retrainEvery()).isEqualTo(7);
        assertThat(fromFile.config().learn().window()).isEqualTo(SimConfig.DEFAULTS.learn().window());

        RunSettings overridden = RunSettings.of(rs.scenario(), new ScenarioRunner.Options(9L, 1, Path.of("runs")));
        assertThat(overridden.seed()).isEqualTo(9);
        assertThat(overridden.config().run().threads()).isEqualTo(1);
        assertThat(overridden.config().learn().retrainEvery()).isEqualTo(7);
    }

    @Test
    void aFileThatStatesNothingGetsExactlyTheKernelDefaults() {
        ResolvedScenario rs = parse(MINIMAL);
        SimConfig config = RunSettings.of(rs.scenario(), new ScenarioRunner.Options(null, null, Path.of("runs"))).config();
        assertThat(config).isEqualTo(SimConfig.DEFAULTS.withTicks(4));
        ObjectMapper json = new ObjectMapper();
        // resolved.json lists every default, and they are the kernel's
        assertThat(rs.resolved().get("learn")).isEqualTo(json.valueToTree(SimConfig.DEFAULTS.learn()));
        assertThat(rs.resolved().get("feed")).isEqualTo(json.valueToTree(SimConfig.DEFAULTS.feed()));
        assertThat(rs.resolved().get("log")).isEqualTo(json.valueToTree(SimConfig.DEFAULTS.log()));
        assertThat(rs.resolved().get("slateSize").asInt()).isEqualTo(SimConfig.DEFAULTS.run().slateSize());
        assertThat(rs.resolved().get("log").size()).isEqualTo(SimConfig.Log.class.getRecordComponents().length);
    }

    @Test
    void aParameterIsCheckedOnceWithTheKernelsMessageAndTheFilesPath() {
        assertThatThrownBy(() -> parse(MINIMAL + "learn: {retrainEvery: -1}\n")).isInstanceOf(ScenarioException.class)
                .satisfies(e -> {
                    assertThat(((ScenarioException) e).path()).isEqualTo("learn.retrainEvery");
                    assertThat(((ScenarioException) e).reason()).isEqualTo("must be >= 0, was -1");
                });
        assertThatThrownBy(() -> SimConfig.DEFAULTS.withRetrainEvery(-1))
                .hasMessage("retrainEvery: must be >= 0, was -1");
        assertThatThrownBy(() -> parse(MINIMAL + "threads: 300\n")).isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).reason())
                        .isEqualTo("must be at most 256 (RecLoop's limit), was 300"));
        assertThatThrownBy(() -> SimConfig.DEFAULTS.withThreads(300))
                .hasMessage("threads: must be at most 256 (RecLoop's limit), was 300");
        assertThatThrownBy(() -> new ScenarioRunner.Options(null, 300, Path.of("runs")))
                .hasMessage("--threads: must be at most 256 (RecLoop's limit), was 300");
    }
}
