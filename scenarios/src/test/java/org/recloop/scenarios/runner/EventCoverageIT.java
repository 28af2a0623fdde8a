package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventType;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * The social scenarios, at reduced scale, produce every event type, serve social items, add
 * posted items to the catalog and snapshot ground truth.
 */
class EventCoverageIT {

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"social-feed.yaml", "goodbooks.yaml"})
    void logContainsEveryEventType(String name) throws Exception {
        Path file = Path.of("").toAbsolutePath().resolve(name);
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", 20);
        ((ObjectNode) root.path("world").path("population")).put("users", 8000);
        String text = yaml.writeValueAsString(root);
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(text, file.toString()),
                new ScenarioRunner.Options(null, 2, out), List.of());
        try (Connection c = TestScenarios.open(r.runDir()); Statement st = c.createStatement()) {
            Set<EventType> seen = EnumSet.noneOf(EventType.class);
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT type FROM events")) {
                while (rs.next()) {
                    seen.add(EventType.ofCode(rs.getInt(1)));
                }
            }
            // every type the rule model writes; MESSAGE (chat) is written by LLM agents only and
            // is covered by LlmPostMessageSearchTest
            Set<EventType> ruleTypes = EnumSet.complementOf(EnumSet.of(EventType.MESSAGE));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ruleTypes);
            // posts joined the catalog and the items table
            long posts = TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE type = 10");
            long catalogItems = TestScenarios.count(c, "SELECT COUNT(*) FROM items WHERE created_tick > 0 OR id >= "
                    + "(SELECT MIN(item_id) FROM events WHERE type = 10)");
            assertThat(catalogItems).isGreaterThanOrEqualTo(posts);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM items i JOIN events e ON e.item_id = i.id"
                    + " WHERE e.type = 10 AND i.creator = e.user_id")).isEqualTo(posts);
            // the social feed served items from followed users
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposures WHERE source = 1")).isPositive();
            // follow events name the followed user
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE type = 8 AND target_user IS NULL"))
                    .isZero();
            // ground truth snapshots every 10 ticks: ticks 9 and 19, every user
            assertThat(TestScenarios.count(c, "SELECT COUNT(DISTINCT tick) FROM user_states")).isEqualTo(2);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM user_states WHERE tick = 19")).isEqualTo(8000);
        }
    }
}
