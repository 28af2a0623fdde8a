package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * scenarios/conversational.yaml, shortened, through the runner and the real LangChain4j client
 * against a local OpenAI-compatible test server: the agent calls the recommend tool and the user
 * accepts an offered item, which is logged (conversations rows, the conversation's slate, a
 * click); bad tool calls are rejected, retried once with the error and fall back, counted in
 * llm_calls; a conversation that never accepts ends as timeout; a replay from the response cache
 * gives identical events, slates and conversations.
 */
class ConversationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ITEM = Pattern.compile("item (\\d+)");

    @TempDir
    Path out;

    private ChatTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String scenario(Function<ObjectNode, ObjectNode> edit) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("conversational.yaml").toAbsolutePath()));
        root.put("ticks", 6);
        ((ObjectNode) root.path("world").path("population")).put("users", 200);
        ObjectNode users = (ObjectNode) root.path("users");
        users.put("share", 0.3);
        ((ObjectNode) users.path("model")).put("baseUrl", server == null ? "http://127.0.0.1:9/v1" : server.baseUrl())
                .put("model", "agent-model").put("timeoutMs", 5000).put("backoffMs", 5);
        return yaml.writeValueAsString(edit.apply(root));
    }

    private RunResult run(String text) throws Exception {
        return new ScenarioRunner().run(new ScenarioLoader().parse(text, "conversational.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
    }

    /** The scripted agent: after the user speaks, recommend; after a tool result, offer its items. */
    private static ChatTestServer.Reply agent(JsonNode req, AtomicInteger chars) {
        String prompt = LlmRerankIT.userMessage(req);
        chars.addAndGet(prompt.length() + req.path("messages").path(0).path("content").asText().length());
        String[] lines = prompt.split("\n");
        String last = "";
        for (String l : lines) {
            if (l.startsWith("User: ") || l.startsWith("Tool ") || l.startsWith("Assistant: ")) {
                last = l;
            }
        }
        ObjectNode a = JSON.createObjectNode();
        if (last.startsWith("Tool recommend")) {
            List<Integer> ids = new ArrayList<>();
            Matcher m = ITEM.matcher(last.substring(last.indexOf(':')));
            while (m.find()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
            a.put("tool", "answer").putObject("args").put("text", "How about these?").set("items",
                    JSON.valueToTree(ids));
        } else {
            a.put("tool", "recommend").putObject("args").put("k", 3);
        }
        return new ChatTestServer.Reply(200, a.toString(), (prompt.length() + 700) / 4, a.toString().length() / 4);
    }

    @Test
    void theAgentCallsTheRecommenderAndTheAcceptedItemIsLoggedAndReplays() throws Exception {
        AtomicInteger chars = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        server = ChatTestServer.start("conversation-it", 16, req -> {
            calls.incrementAndGet();
            return agent(req, chars);
        });
        Path cache = out.resolve("cache").resolve("conv");
        Function<String, Function<ObjectNode, ObjectNode>> mode = m -> root -> {
            ((ObjectNode) root.path("users")).put("acceptTop", 100000).putObject("cache").put("path", cache.toString())
                    .put("mode", m);
            return root;
        };
        RunResult r = run(scenario(mode.apply("readwrite")));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        String events;
        String exposures;
        String conversations;
        try (Connection c = TestScenarios.open(r.runDir())) {
            long n = TestScenarios.count(c, "SELECT COUNT(DISTINCT id) FROM conversations");
            assertThat(n).isGreaterThan(20);
            // every conversation: the user asked, the agent called recommend, offered, the user accepted
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE role = 'tool'"
                    + " AND tool = 'recommend' AND items IS NOT NULL")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE role = 'user'"
                    + " AND outcome = 'accept' AND turn = 1 AND seq = 4")).isEqualTo(n);
            // the accepted item is a click on the conversation's slate (source 3), at the tick
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations v JOIN events e ON e.tick = v.tick"
                    + " AND e.user_id = v.user_id AND e.type = 1 AND v.items = CAST(e.item_id AS VARCHAR)"
                    + " JOIN exposures x ON x.id = e.exposure_id AND x.source = 3"
                    + " WHERE v.outcome = 'accept'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposures WHERE source = 3")).isEqualTo(3 * n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'conversation'"
                    + " AND outcome IN ('ok', 'cached')")).isEqualTo(2 * n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'conv_acceptance'"
                    + " AND val = 1")).isEqualTo(6);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'conv_recall_at_k'"
                    + " AND val > 0")).isPositive();
            events = TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id");
            exposures = TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id");
            conversations = TestScenarios.checksum(c, "SELECT * FROM conversations ORDER BY id, seq");
            System.out.printf("conversational agent cost: %d calls, %.0f prompt tokens per call (4 chars a token)%n",
                    calls.get(), chars.get() / 4.0 / calls.get());
        }
        server.close();
        server = null;
        RunResult replay = run(scenario(mode.apply("replay")));
        assertThat(replay.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(replay.runDir())) {
            assertThat(TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id")).isEqualTo(events);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id")).isEqualTo(exposures);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM conversations ORDER BY id, seq"))
                    .isEqualTo(conversations);
        }
    }

    @Test
    void aBadToolCallIsRetriedOnceWithTheErrorThenFallsBackAndIsCounted() throws Exception {
        AtomicInteger retries = new AtomicInteger();
        server = ChatTestServer.start("conversation-bad-it", 16, req -> {
            String prompt = LlmRerankIT.userMessage(req);
            if (prompt.contains("Your previous answer was invalid: unknown tool \"fly\"")) {
                retries.incrementAndGet();
                return ChatTestServer.Reply.ok("{\"tool\": \"details\", \"args\": {\"item\": \"twelve\"}}");
            }
            return ChatTestServer.Reply.ok("{\"tool\": \"fly\", \"args\": {}}");
        });
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users")).put("acceptTop", 100000);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            long n = TestScenarios.count(c, "SELECT COUNT(DISTINCT id) FROM conversations");
            assertThat(n).isPositive();
            assertThat(retries.get()).isEqualTo((int) n);
            String rows = "SELECT COUNT(*) FROM llm_calls WHERE component = 'conversation' AND outcome ";
            assertThat(TestScenarios.count(c, rows + "= 'invalid'")).isEqualTo(2 * n);
            assertThat(TestScenarios.count(c, rows + "= 'fallback'")).isEqualTo(n);
            // the fallback offered the recommender's top item, which the user accepted
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE role = 'recommender'"
                    + " AND outcome = 'fallback'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE outcome = 'accept'"))
                    .isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events e JOIN exposures x ON x.id = e.exposure_id"
                    + " WHERE e.type = 1 AND x.source = 3")).isEqualTo(n);
        }
    }

    @Test
    void aConversationThatNeverAcceptsEndsAsTimeoutAfterMaxTurns() throws Exception {
        AtomicInteger chars = new AtomicInteger();
        server = ChatTestServer.start("conversation-timeout-it", 16, req -> agent(req, chars));
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users")).put("acceptTop", 1).put("maxTurns", 2).put("offer", 1);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            long timeouts = TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE outcome = 'timeout'");
            assertThat(timeouts).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE outcome = 'timeout'"
                    + " AND (turn <> 2 OR role <> 'user')")).isZero();
            // no click on a conversation that timed out
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations v JOIN events e ON e.tick = v.tick"
                    + " AND e.user_id = v.user_id AND e.type = 1 WHERE v.outcome = 'timeout'")).isZero();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposures x JOIN conversations v ON v.tick = x.tick"
                    + " AND v.user_id = x.user_id WHERE v.outcome = 'timeout' AND x.source = 3")).isEqualTo(2 * timeouts);
        }
    }

    @Test
    void anLlmUserRejectsThenAcceptsAndRatesAfterAnInvalidAnswerIsRetried() throws Exception {
        AtomicInteger chars = new AtomicInteger();
        AtomicInteger userRetries = new AtomicInteger();
        server = ChatTestServer.start("conversation-llm-user-it", 16, req -> {
            String system = req.path("messages").path(0).path("content").asText();
            if (!system.startsWith("You play a user")) {
                return agent(req, chars);
            }
            String prompt = LlmRerankIT.userMessage(req);
            if (prompt.contains("Your previous answer was invalid: rating must be a number from 1 to 5")) {
                userRetries.incrementAndGet();
            }
            Matcher offered = Pattern.compile("Offered now: items (\\d+)").matcher(prompt);
            assertThat(offered.find()).as(prompt).isTrue();
            int assistantLines = prompt.split("\nAssistant: ", -1).length - 1;
            if (assistantLines < 2) {
                return ChatTestServer.Reply.ok("{\"decision\": \"reject\", \"text\": \"Something older, please.\"}");
            }
            boolean retry = prompt.contains("Your previous answer was invalid");
            return ChatTestServer.Reply.ok("{\"decision\": \"accept\", \"item\": " + offered.group(1)
                    + ", \"rating\": " + (retry ? 4 : 9) + "}");
        });
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users")).put("userAgent", "llm");
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            long n = TestScenarios.count(c, "SELECT COUNT(DISTINCT id) FROM conversations");
            assertThat(n).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE role = 'user' AND turn = 1"
                    + " AND text = 'Something older, please.'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE outcome = 'accept'"
                    + " AND turn = 2")).isEqualTo(n);
            assertThat(userRetries.get()).isEqualTo((int) n);
            String rows = "SELECT COUNT(*) FROM llm_calls WHERE component = 'user_agent' AND outcome ";
            assertThat(TestScenarios.count(c, rows + "= 'invalid'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, rows + "= 'ok'")).isEqualTo(2 * n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'conv_rating' AND val <> 4"
                    + " AND val = val")).isZero();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'conv_turns_to_success'"
                    + " AND val = 2")).isPositive();
        }
    }

    /** The agent searches the catalog (MiniLM) for the user's topic, looks at an item, and offers the results. */
    private static ChatTestServer.Reply searcher(JsonNode req) {
        String prompt = LlmRerankIT.userMessage(req);
        String last = "";
        String search = "";
        String asked = "";
        for (String l : prompt.split("\n")) {
            if (l.startsWith("User: ") || l.startsWith("Tool ") || l.startsWith("Assistant: ")) {
                last = l;
            }
            if (l.startsWith("Tool search")) {
                search = l;
            }
            if (l.startsWith("User: ")) {
                asked = l;
            }
        }
        ObjectNode a = JSON.createObjectNode();
        if (last.startsWith("User: ")) {
            Matcher t = Pattern.compile("topic (\\d+)").matcher(asked);
            assertThat(t.find()).as(asked).isTrue();
            a.put("tool", "search").putObject("args").put("query", "topic " + t.group(1));
        } else {
            List<Integer> ids = new ArrayList<>();
            Matcher m = ITEM.matcher(search.substring(search.indexOf(':')));
            while (m.find()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
            if (last.startsWith("Tool search")) {
                a.put("tool", "details").putObject("args").put("item", ids.get(0));
            } else {
                a.put("tool", "answer").putObject("args").put("text", "Found these.").set("items", JSON.valueToTree(ids));
            }
        }
        return ChatTestServer.Reply.ok(a.toString());
    }

    @Test
    void theAgentSearchesTheCatalogWithTheMiniLmIndexAndOffersItemsOfTheAskedTopic() throws Exception {
        server = ChatTestServer.start("conversation-search-it", 16, ConversationIT::searcher);
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users")).put("acceptTop", 100000).put("search", "minilm");
            root.put("ticks", 2);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            long n = TestScenarios.count(c, "SELECT COUNT(DISTINCT id) FROM conversations");
            assertThat(n).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE tool = 'search'"
                    + " AND items IS NOT NULL")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE tool = 'details'"
                    + " AND text LIKE 'item %topic%creator%'")).isEqualTo(n);
            // the accepted item is of the topic the user asked for
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations a JOIN conversations q"
                    + " ON q.id = a.id AND q.seq = 1 JOIN items i ON CAST(i.id AS VARCHAR) = a.items"
                    + " WHERE a.outcome = 'accept' AND q.text = CONCAT('I''d like something about topic ', i.topic, '.')"))
                    .isEqualTo(n);
        }
    }

    @Test
    void withoutAServerEveryTurnFallsBackAfterOneFailedRequestPerConversation() throws Exception {
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users")).put("acceptTop", 1).put("maxTurns", 3);
            ((ObjectNode) root.path("users").path("model")).put("maxRetries", 0);
            root.put("ticks", 3);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            long n = TestScenarios.count(c, "SELECT COUNT(DISTINCT id) FROM conversations");
            assertThat(n).isPositive();
            String rows = "SELECT COUNT(*) FROM llm_calls WHERE component = 'conversation' AND outcome ";
            assertThat(TestScenarios.count(c, rows + "= 'unreachable'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, rows + "= 'fallback'")).isEqualTo(n);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE role = 'recommender'"
                    + " AND outcome <> 'fallback'")).isZero();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM conversations WHERE outcome = 'timeout'"))
                    .isPositive();
        }
    }

    @Test
    void aConversationsSlateHasNoClickProbabilityTruthOfTheSlateItReplaced() throws Exception {
        RunResult r = run(scenario(root -> {
            ((ObjectNode) root.path("users").path("model")).put("maxRetries", 0);
            root.put("ticks", 2);
            root.putObject("feed").putObject("serving").put("policy", "plackett-luce").put("temperature", 1.0);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposures WHERE source = 3")).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposure_truth t JOIN exposures x"
                    + " ON x.id = t.exposure_id WHERE x.source = 3")).isZero();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM exposure_truth t JOIN exposures x"
                    + " ON x.id = t.exposure_id WHERE x.source = 0")).isPositive();
        }
    }
}
