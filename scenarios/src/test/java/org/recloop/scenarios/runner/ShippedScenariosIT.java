package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Every scenario under scenarios/ runs headless (shortened to 3 ticks, or to just past its last
 * intervention, and at most 2,000 users), with its interventions applied and logged.
 */
class ShippedScenariosIT {

    @TempDir
    Path out;

    static Stream<Path> scenarios() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        try (var files = Files.list(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void runsHeadless(Path file) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        // 3 ticks, or just long enough that every intervention of the scenario is applied
        int ticks = 3;
        for (com.fasterxml.jackson.databind.JsonNode iv : root.path("interventions")) {
            ticks = Math.max(ticks, iv.path("at").asInt() + 2);
        }
        root.put("ticks", ticks);
        ObjectNode pop = (ObjectNode) root.path("world").path("population");
        if (pop.has("users") && pop.get("users").asInt() > 2000) {
            pop.put("users", 2000);
        }
        String text = yaml.writeValueAsString(root);
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(text, file.toString()),
                new ScenarioRunner.Options(null, 2, out), List.of());
        if (root.path("users").path("type").asText().equals("llm")) {
            // no model server here: every call is refused, so the run is degraded (finished with one)
            assertThat(r.status()).isIn(RunStatus.FINISHED, RunStatus.DEGRADED);
        } else {
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        }
        assertThat(r.ticks()).isEqualTo(ticks);
        try (java.sql.Connection c = org.recloop.scenarios.TestScenarios.open(r.runDir())) {
            assertThat(org.recloop.scenarios.TestScenarios.count(c, "SELECT COUNT(*) FROM interventions"))
                    .as("every intervention applied and logged").isEqualTo(root.path("interventions").size());
        }
        assertThat(r.exposures()).isPositive();
        // and its report opens: a self-contained page naming the run, one chart per metric
        Path report = new org.recloop.analysis.report.ReportWriter().write(
                List.of(org.recloop.analysis.report.RunData.read(r.runDir())), out.resolve("report-" + r.runId()));
        String html = Files.readString(report);
        assertThat(html).contains(r.runId()).contains("data:image/png;base64,").doesNotContain("src=\"http").doesNotContain("<script");
    }
}
