package org.recloop.scenarios.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.analysis.offline.OfflineData;
import org.recloop.core.serve.Interactions;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The written scenario runs, and {@code recloop run} of it logs exactly the clicks the fit
 * simulated: the fit's figures are the scenario's, not those of a look-alike.
 */
class FittedScenarioIT {

    @Test
    void theScenarioRunsAndLogsTheFitsClicks(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path file = SyntheticRatings.groups(dir.resolve("data").resolve("r.csv").toAbsolutePath(), 80, 60, 12, 9);
        WorldFit.Settings s = new WorldFit.Settings(file, null, 4, 4.0, FitParameter.DEFAULT_FIT, Map.of(), 5, 40, 8,
                10);
        WorldFit.Result r = new WorldFit(s).run();
        Path yaml = dir.resolve("scenarios").resolve("fitted.yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, FittedScenario.yaml(s, r, yaml));
        assertThat(Files.readString(yaml)).contains("path: '../data/r.csv'").contains("type: mnl")
                .contains("recommender: random");

        RunResult run = new ScenarioRunner().run(new ScenarioLoader().load(yaml),
                new ScenarioRunner.Options(null, 2, dir.resolve("runs")), List.of());
        Interactions logged = OfflineData.fromRun(run.runDir()).interactions();
        assertThat(run.ticks()).isEqualTo(r.ticks());
        assertThat(keys(logged)).isEqualTo(keys(r.simulated()));
    }

    /** (tick, user, item) of every click, sorted: the log's order within a tick may differ. */
    private static List<String> keys(Interactions log) {
        java.util.ArrayList<String> k = new java.util.ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            k.add(log.ticks()[i] + "/" + log.users()[i] + "/" + log.items()[i]);
        }
        k.sort(null);
        return k;
    }
}
