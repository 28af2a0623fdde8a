package org.recloop.scenarios.act;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Accounts added next to an LLM population, and an added group that is itself LLM-driven: the
 * LLM user model answers for its group only. A local OpenAI-compatible server (the real
 * LangChain4j client) answers every decision with "open position 0" and records who asked.
 */
class LlmGroupsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("You are user (\\d+) ");

    @TempDir
    Path out;

    private ChatTestServer server;
    private final Set<Integer> asked = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = ChatTestServer.start("llm-groups-it", 64, this::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatTestServer.Reply answer(JsonNode req) {
        String prompt = req.path("messages").get(req.path("messages").size() - 1).path("content").asText();
        Matcher m = USER.matcher(prompt);
        if (m.find()) {
            asked.add(Integer.parseInt(m.group(1)));
        }
        return ChatTestServer.Reply.ok(prompt.contains("\"insight\"") ? "{\"insight\": \"fine\"}"
                : "{\"choice\": 0, \"reason\": \"first\"}");
    }

    private String llm(String agents) {
        return "{type: llm, agents: " + agents + ", memory: {embeddings: false},"
                + " provider: {baseUrl: \"" + server.baseUrl() + "\", model: m,"
                + " maxRetries: 0}}";
    }

    @Test
    void accountsJoinAnLlmPopulationAndAnAddedGroupCanBeLlmDriven() throws Exception {
        String yaml = """
                name: llm-groups
                seed: 3
                ticks: 6
                slateSize: 5
                world:
                  catalog: {type: synthetic, items: 200, dimensions: 8, topics: 4}
                  population: {type: synthetic, users: 60, meanActivity: 2.0}
                users: %s
                recommender: random
                interventions:
                  - {type: add-users, at: 1, count: 20, meanActivity: 2.0, model: mnl}
                  - {type: add-users, at: 2, count: 20, meanActivity: 2.0, model: %s}
                """.formatted(llm("{users: [0, 1, 2]}"), llm("{users: [85, 90]}"));
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(yaml, "llm-groups.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        // the base group's agents and the added LLM group's agents asked; nobody else did
        assertThat(asked).containsExactlyInAnyOrder(0, 1, 2, 85, 90);
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM users")).isEqualTo(100);
            // every group acted after it joined: mnl accounts 60..79 from tick 2, llm accounts 80..99 from tick 3
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE user_id BETWEEN 60 AND 79 AND tick >= 2"))
                    .isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE user_id BETWEEN 80 AND 99 AND tick >= 3"))
                    .isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events WHERE user_id >= 60 AND tick < 2")).isZero();
        }
    }
}
