package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Interventions on the Spark engine: every type in one run (newcomers with their own model, two
 * attacks' fake accounts, one imitating real users' histories as they stand after a forget in
 * the same tick, new and retired items, another model for a group, a recommender
 * switch, users, interactions and an item forgotten), on {@code local[2]} with 3 partitions, give
 * the local engine's log. The driver applies them in its Act phase and each executor's copy
 * repeats their users' side after closing the tick, so accounts added mid-run are partitioned and
 * served like the others.
 */
class SparkInterventionsIT {

    @TempDir
    Path out;

    private static final String INTERVENTIONS = """
            - {type: add-users, at: 3, count: 60, tasteSpread: 0.3, meanActivity: 1.0, activitySpread: 0.5,
               model: {type: mnl, beta: 10.0, noClickUtility: 0.6, driftRate: 0.05}}
            - {type: attack, at: 3, accounts: 40, strategy: average, goal: push, targets: [11, 22, 33],
               actionsPerTick: 3, camouflage: 0.5}
            - {type: attack, at: 4, accounts: 20, strategy: imitation, goal: nuke, targets: [50, 60],
               actionsPerTick: 2}
            - {type: forget, at: 4, scope: interactions, count: 40, reason: same tick as the imitation}
            - {type: add-items, at: 4, count: 20, topic: 2}
            - {type: retire-items, at: 5, items: [5, 6, 7]}
            - {type: set-group, at: 6, group: 1, model: {type: rule}, activityScale: 2.0}
            - {type: switch-recommender, at: 7, recommender: {type: item-knn}}
            - {type: forget, at: 9, scope: users, count: 30, reason: deletion requests}
            - {type: forget, at: 11, scope: interactions, count: 50, reason: history edits}
            - {type: forget, at: 12, scope: items, ids: [40], reason: takedown}
            """;

    @Test
    void everyInterventionTypeOnSparkLogsWhatTheLocalEngineLogs() throws Exception {
        Path file = SparkRuns.shrunk("poisoning.yaml", out.resolve("scenario"), root -> {
            root.put("ticks", 14);
            ((ObjectNode) root.path("world").path("population")).put("users", 1200);
            ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
            ((ObjectNode) root.path("learn")).put("retrainEvery", 3);
            root.putArray("metrics").add("ctr").add("true-utility");
            try {
                root.set("interventions", (ArrayNode) ScenarioLoader.newMapper().readTree(INTERVENTIONS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RunResult local = SparkRuns.local(file, out.resolve("local"), 2);
        RunResult spark = SparkRuns.spark(file, out.resolve("spark"), 2, "local[2]", 3);
        try (Connection a = TestScenarios.open(local.runDir()); Connection b = TestScenarios.open(spark.runDir())) {
            // the interventions did what they say on the local engine, or the comparison proves little
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM interventions")).isEqualTo(11);
            assertThat(TestScenarios.count(a, "SELECT COUNT(DISTINCT user_id) FROM events WHERE user_id >= 1200"
                    + " AND user_id < 1260 AND tick > 6")).as("newcomers under their second model").isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events WHERE user_id >= 1260 AND item_id IN (11, 22, 33)"))
                    .as("fake accounts' target clicks").isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM exposures WHERE item_id >= 300"))
                    .as("new items served").isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM exposures WHERE item_id IN (5, 6, 7) AND tick > 5"))
                    .as("retired items served").isZero();
            assertThat(TestScenarios.count(a, "SELECT COUNT(DISTINCT user_id) FROM forgotten WHERE scope = 'USERS'"))
                    .isEqualTo(30);
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM exposures WHERE tick > 9 AND user_id IN"
                    + " (SELECT user_id FROM forgotten WHERE scope = 'USERS')")).as("forgotten users served").isZero();
            assertThat(TestScenarios.count(b, "SELECT COUNT(*) FROM events"))
                    .isEqualTo(TestScenarios.count(a, "SELECT COUNT(*) FROM events"));
            assertThat(TestScenarios.checksum(b, SparkRuns.EVENTS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EVENTS));
            assertThat(TestScenarios.checksum(b, SparkRuns.EXPOSURES)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EXPOSURES));
            assertThat(TestScenarios.checksum(b, SparkRuns.METRICS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.METRICS));
            String interventions = "SELECT tick, type, description FROM interventions ORDER BY tick, type, description";
            assertThat(TestScenarios.checksum(b, interventions)).isEqualTo(TestScenarios.checksum(a, interventions));
        }
    }
}
