package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.analysis.report.ReportWriter;
import org.recloop.analysis.report.RunData;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.RecommenderSpan;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * A run that switches recommenders records which one served each tick, and its report labels it by
 * the one that served most (the study recommender), not by the start-up one.
 */
class RecommenderSwitchIT {

    @TempDir
    Path out;

    @Test
    void theLogNamesEveryServingRecommenderAndTheReportTheStudyOne() throws Exception {
        Path file = Path.of("").toAbsolutePath().resolve("chaney-homogenization.yaml");
        // random for ticks 0..4, the switch in tick 4's Act phase, content filtering for ticks 5..11
        String text = Files.readString(file).replace("users: 1000", "users: 100").replace("items: 2000", "items: 200")
                .replace("ticks: 60", "ticks: 12").replace("at: 9", "at: 4")
                .replace("recommender: {type: als, factors: 20, iterations: 8}", "recommender: content-nnls");
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(text, file.toString()),
                new ScenarioRunner.Options(null, 2, out), List.of());

        try (LogReader log = LogReader.open(r.runDir())) {
            assertThat(RecommenderSpan.of(log.ticks())).containsExactly(new RecommenderSpan("random", 0, 4),
                    new RecommenderSpan("content-nnls", 5, 11));
        }
        RunData data = RunData.read(r.runDir());
        assertThat(data.recommenderType()).isEqualTo("content-nnls");
        assertThat(data.arm()).isEqualTo("chaney-homogenization / content-nnls");
        Path index = new ReportWriter().write(List.of(data), out.resolve("report"));
        String summary = Files.readString(index.resolveSibling("summary.csv"), StandardCharsets.UTF_8);
        assertThat(summary).contains("chaney-homogenization / content-nnls").doesNotContain("/ random");
    }
}
