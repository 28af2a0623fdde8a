package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateSource;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;

/**
 * The Spark engine in local mode gives the log the local engine gives: same events, slates and
 * metrics, tick by tick, for the social-feed scenario (rule users with drift, satiation, churn and
 * returns, posts and reposts read by the social feed and herd effects across partitions, follows
 * and unfollows, ALS refitted on the driver and shipped to the executors).
 */
class SparkEquivalenceIT {

    @TempDir
    Path out;

    @Test
    void socialFeedOnSparkLogsWhatTheLocalEngineLogs() throws Exception {
        Path file = SparkRuns.shrunk("social-feed.yaml", out.resolve("scenario"), root -> {
            root.put("ticks", 12);
            ((ObjectNode) root.path("world").path("population")).put("users", 3000);
            ((ObjectNode) root.path("world").path("catalog")).put("items", 800);
            ((ObjectNode) root.path("world").path("graph")).put("follows", 6);
            // metrics and ground truth that read the users' state on the driver, which only the
            // state rows the executors send back keep equal to the local engine's
            root.putArray("metrics").add("ctr").add("true-utility").add("homogenization");
            ((ObjectNode) root.path("log")).put("groundTruthEvery", 3);
        });
        RunResult local = SparkRuns.local(file, out.resolve("local"), 2);
        // three partitions on two cores: partition bounds fall inside the follow graph's communities
        RunResult spark = SparkRuns.spark(file, out.resolve("spark"), 2, "local[2]", 3);
        try (Connection a = TestScenarios.open(local.runDir()); Connection b = TestScenarios.open(spark.runDir())) {
            long events = TestScenarios.count(a, "SELECT COUNT(*) FROM events");
            // the world must exercise what crosses partitions, or the comparison proves little
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events WHERE type IN ("
                    + EventType.POST.code() + ", " + EventType.SHARE.code() + ")")).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events WHERE type = " + EventType.FOLLOW.code())).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM exposures WHERE source = "
                    + SlateSource.SOCIAL.code())).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(DISTINCT model_version) FROM exposures")).isGreaterThan(1);
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events WHERE type = " + EventType.LEAVE.code())).isPositive();
            assertThat(TestScenarios.count(b, "SELECT COUNT(*) FROM events")).isEqualTo(events);
            assertThat(TestScenarios.checksum(b, SparkRuns.EVENTS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EVENTS));
            assertThat(TestScenarios.checksum(b, SparkRuns.EXPOSURES)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EXPOSURES));
            assertThat(TestScenarios.checksum(b, SparkRuns.METRICS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.METRICS));
            String states = "SELECT tick, user_id, archetype, status, activity, CAST(preference AS VARCHAR)"
                    + " FROM user_states ORDER BY tick, user_id";
            assertThat(TestScenarios.count(a, "SELECT COUNT(DISTINCT tick) FROM user_states")).isEqualTo(4);
            assertThat(TestScenarios.checksum(b, states)).isEqualTo(TestScenarios.checksum(a, states));
        }
    }
}
