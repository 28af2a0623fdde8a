package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recloop.scenarios.TestScenarios.count;
import static org.recloop.scenarios.TestScenarios.string;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/** A whole run: the database holds exactly what the runner reports, and the loop closes. */
class RunIT {

    @TempDir
    Path out;

    @Test
    void databaseRowCountsEqualTheSummary() throws Exception {
        String yaml = TestScenarios.small("counts", 1500, 300, 12, "{type: als, factors: 8, iterations: 5}", 4)
                + "interventions:\n  - {type: switch-recommender, at: 8, recommender: most-popular}\n";
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "counts.yaml");
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 2, out), List.of());

        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.ticks()).isEqualTo(12);
        assertThat(r.exposures()).isGreaterThan(0);
        assertThat(r.runDir().getParent()).isEqualTo(out);
        assertThat(Files.exists(r.dbFile())).isTrue();
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertThat(count(c, "SELECT COUNT(*) FROM exposures")).isEqualTo(r.exposures());
            assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(r.events());
            assertThat(count(c, "SELECT COUNT(*) FROM events WHERE type = 1")).isEqualTo(r.clicks());
            assertThat(count(c, "SELECT SUM(sessions) FROM ticks")).isEqualTo(r.sessions());
            assertThat(count(c, "SELECT COUNT(*) FROM ticks")).isEqualTo(12);
            assertThat(count(c, "SELECT COUNT(*) FROM items")).isEqualTo(300);
            assertThat(count(c, "SELECT COUNT(*) FROM users")).isEqualTo(1500);
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("finished");
            assertThat(count(c, "SELECT seed FROM runs")).isEqualTo(7);
            assertThat(count(c, "SELECT last_committed_tick FROM runs")).isEqualTo(11);
            assertThat(string(c, "SELECT scenario FROM runs")).isEqualTo(yaml);
            assertThat(string(c, "SELECT code_version FROM runs")).isNotBlank().isNotEqualTo("unknown");
            assertThat(string(c, "SELECT resolved_config FROM runs")).contains("\"factors\":8");
            // every slate position is logged, not only clicks: a session shows slateSize items
            assertThat(r.exposures()).isEqualTo(10 * r.sessions());
            // every click links to the exposure it came from (same tick, user, item, position)
            assertThat(count(c, "SELECT COUNT(*) FROM events e JOIN exposures x ON x.id = e.exposure_id"
                    + " WHERE x.tick = e.tick AND x.user_id = e.user_id AND x.item_id = e.item_id"
                    + " AND x.position = e.position")).isEqualTo(r.clicks());
            // the loop closes: the model version in the exposures rises with each refit (ticks 3, 7)
            // and the switch at tick 8 installs a freshly fitted most-popular
            assertThat(count(c, "SELECT MAX(model_version) FROM exposures WHERE tick <= 3")).isEqualTo(0);
            assertThat(count(c, "SELECT MIN(model_version) FROM exposures WHERE tick BETWEEN 4 AND 7")).isEqualTo(1);
            assertThat(count(c, "SELECT MIN(model_version) FROM exposures WHERE tick = 8")).isEqualTo(2);
            assertThat(string(c, "SELECT type FROM interventions WHERE tick = 8")).isEqualTo("switch-recommender");
            assertThat(count(c, "SELECT COUNT(DISTINCT name) FROM metrics")).isEqualTo(15);
            assertThat(count(c, "SELECT COUNT(*) FROM metrics")).isEqualTo(15 * 12);
        }
        List<String> csv = Files.readAllLines(r.runDir().resolve("metrics.csv"));
        assertThat(csv).hasSize(13);
        assertThat(csv.get(0)).isEqualTo("tick,sessions,exposures,events,clicks,ctr,coverage,coverage_cumulative,"
                + "gini_exposure,homogenization,true_utility,utility_per_session,ctr_gap_share,utility_gap_share,"
                + "ctr_gap_share_run,utility_gap_share_run,ctr_random_ref,ctr_ideal_ref,utility_random_ref,utility_ideal_ref");
        assertThat(Files.readString(r.runDir().resolve("scenario.yaml"))).isEqualTo(yaml);
    }

    @Test
    void aFailingRunIsRecordedAsFailed() throws Exception {
        // an item id outside the catalog makes the log write fail deep inside the run
        String yaml = TestScenarios.small("fails", 200, 50, 5, "random", 0);
        ResolvedScenario rs = new ScenarioLoader().parse(yaml, "fails.yaml");
        RunResult[] holder = new RunResult[1];
        Throwable thrown = null;
        try {
            holder[0] = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, 1, out), List.of(t -> {
                if (t.tick() == 2) {
                    throw new IllegalStateException("listener exploded at tick 2");
                }
            }));
        } catch (IllegalStateException e) {
            thrown = e;
        }
        assertThat(thrown).hasMessageContaining("exploded");
        Path runDir;
        try (var dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        try (Connection c = TestScenarios.open(runDir)) {
            assertThat(string(c, "SELECT status FROM runs")).isEqualTo("failed");
            assertThat(string(c, "SELECT error FROM runs")).contains("listener exploded at tick 2");
            // listeners hear of a tick once it is committed: tick 2 was, and maybe later ones
            assertThat(count(c, "SELECT MAX(tick) FROM ticks")).isBetween(2L, 4L);
        }
    }
}
