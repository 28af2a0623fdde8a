package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * scenarios/feed-commands.yaml, shortened, through the runner: rule users' feed commands are
 * honoured from the next tick by ALS, EASE, a bandit and the LLM recommender (against a local
 * OpenAI-compatible test server); the LLM parser, through the real LangChain4j client, obeys a
 * valid answer, rejects an invented topic, retries once, falls back to the rules and counts it all
 * in llm_calls; and a replay from its response cache gives identical commands, slates and events.
 */
class FeedCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAYS = Pattern.compile("The user says: \"([^\"]*)\"");
    private static final Pattern TOPIC = Pattern.compile("less of topic (\\d+)");

    @TempDir
    Path out;

    private ChatTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String scenario(Function<ObjectNode, ObjectNode> edit) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("feed-commands.yaml").toAbsolutePath()));
        root.put("ticks", 10);
        ((ObjectNode) root.path("world").path("population")).put("users", 300);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
        ObjectNode users = (ObjectNode) root.path("users");
        users.put("probability", 0.5).put("followProbability", 0.1).put("duration", 4).put("quiet", 5);
        return yaml.writeValueAsString(edit.apply(root));
    }

    private RunResult run(String text) throws Exception {
        return new ScenarioRunner().run(new ScenarioLoader().parse(text, "feed-commands.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
    }

    /**
     * Every exclusion of a topic held on every later slate of its user until it expired, and was
     * not vacuous: the user was served in that window, and the slate they complained about had
     * items of the topic. Every boost was honoured too (the metric, from the slates as served).
     */
    private static void assertHonoured(Connection c) throws Exception {
        String window = "FROM feed_commands f JOIN exposures e ON e.user_id = f.user_id AND e.tick >= f.from_tick"
                + " AND e.tick < f.until_tick JOIN items i ON i.id = e.item_id WHERE f.kind = 'exclude'"
                + " AND f.target = 'topic'";
        assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE kind = 'exclude'")).isPositive();
        assertThat(TestScenarios.count(c, "SELECT COUNT(*) " + window + " AND i.topic = f.val")).isZero();
        assertThat(TestScenarios.count(c, "SELECT COUNT(*) " + window)).isGreaterThan(100);
        assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands f JOIN exposures e"
                + " ON e.user_id = f.user_id AND e.tick = f.tick JOIN items i ON i.id = e.item_id"
                + " WHERE f.kind = 'exclude' AND i.topic = f.val")).isPositive();
        // after it expired the topic may come back (for users served then): the window is the one that holds
        assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE kind = 'boost'")).isPositive();
        for (String m : new String[] {"feed_exclude_compliance", "feed_boost_compliance"}) {
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = '" + m + "' AND val = 1"))
                    .as(m).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = '" + m + "' AND val < 1"))
                    .as(m).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"als", "ease", "epsilon-greedy"})
    void everyRecommenderHonoursTheCommandsFromTheNextTick(String type) throws Exception {
        RunResult r = run(scenario(root -> {
            ObjectNode rec = root.putObject("recommender").put("type", type);
            if (type.equals("als")) {
                rec.put("factors", 8).put("iterations", 4);
            }
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertHonoured(c);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE parser <> 'rules'"
                    + " OR outcome <> 'ok'")).isZero();
        }
    }

    @Test
    void theLlmRecommenderHonoursTheCommandsFromTheNextTick() throws Exception {
        server = ChatTestServer.start("feed-llm-rerank-it", 64, req -> {
            String prompt = LlmRerankIT.userMessage(req);
            List<Integer> ids = new java.util.ArrayList<>(LlmRerankIT.candidates(prompt));
            java.util.Collections.reverse(ids);
            return ChatTestServer.Reply.ok(LlmRerankIT.ranking(ids));
        });
        RunResult r = run(scenario(root -> {
            ObjectNode rec = root.putObject("recommender").put("type", "llm-rerank").put("candidateCount", 20);
            rec.putObject("candidates").put("type", "als").put("factors", 8).put("iterations", 4);
            rec.putObject("model").put("baseUrl", server.baseUrl()).put("model", "rec-model").put("timeoutMs", 5000)
                    .put("backoffMs", 5);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertHonoured(c);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'recommender'"
                    + " AND outcome = 'ok'")).isPositive();
        }
    }

    /** The parser's answer: even topics read right, odd ones an invented topic 99 (also on the retry). */
    private static ChatTestServer.Reply parse(JsonNode req, AtomicInteger retries, AtomicInteger chars) {
        String prompt = LlmRerankIT.userMessage(req);
        chars.addAndGet(prompt.length() + req.path("messages").path(0).path("content").asText().length());
        if (prompt.contains("Your previous answer was invalid: topic 99 does not exist")) {
            retries.incrementAndGet();
        }
        Matcher said = SAYS.matcher(prompt);
        assertThat(said.find()).as(prompt).isTrue();
        Matcher topic = TOPIC.matcher(said.group(1));
        ObjectNode a = JSON.createObjectNode();
        if (topic.matches()) {
            int t = Integer.parseInt(topic.group(1));
            a.put("kind", "exclude").put("target", "topic").put("value", t % 2 == 0 ? t : 99);
        } else {
            a.put("kind", "boost").put("target", "followed").putNull("value");
        }
        return new ChatTestServer.Reply(200, a.toString(), (prompt.length() + 600) / 4, a.toString().length() / 4);
    }

    @Test
    void theLlmParserIsObeyedRejectsAnInventedTopicRetriesOnceFallsBackAndReplaysFromItsCache() throws Exception {
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger chars = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        server = ChatTestServer.start("feed-parser-it", 16, req -> {
            calls.incrementAndGet();
            return parse(req, retries, chars);
        });
        Path cache = out.resolve("cache").resolve("feed");
        Function<String, Function<ObjectNode, ObjectNode>> llm = (mode) -> root -> {
            ObjectNode users = (ObjectNode) root.path("users");
            users.put("parser", "llm");
            ((ObjectNode) users.path("model")).put("baseUrl", server == null ? "http://127.0.0.1:9/v1" : server.baseUrl())
                    .put("model", "parser-model").put("timeoutMs", 5000).put("backoffMs", 5);
            users.putObject("cache").put("path", cache.toString()).put("mode", mode);
            return root;
        };
        RunResult r = run(scenario(llm.apply("readwrite")));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        String events;
        String exposures;
        String commands;
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertHonoured(c);
            long even = TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE target = 'topic'"
                    + " AND MOD(val, 2) = 0");
            long odd = TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE target = 'topic'"
                    + " AND MOD(val, 2) = 1");
            long followed = TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE target = 'followed'");
            assertThat(even).isPositive();
            assertThat(odd).isPositive();
            // the model's reading obeyed; the invented topic rejected, asked again once, then the rules read it
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE parser = 'llm' AND"
                    + " outcome = 'ok'")).isEqualTo(even + followed);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM feed_commands WHERE parser = 'llm' AND"
                    + " outcome = 'fallback' AND MOD(val, 2) = 1")).isEqualTo(odd);
            // equal texts make equal prompts: the response cache answers all but the first
            long oddTexts = TestScenarios.count(c, "SELECT COUNT(DISTINCT text) FROM feed_commands"
                    + " WHERE target = 'topic' AND MOD(val, 2) = 1");
            long otherTexts = TestScenarios.count(c, "SELECT COUNT(DISTINCT text) FROM feed_commands"
                    + " WHERE target <> 'topic' OR MOD(val, 2) = 0");
            assertThat(retries.get()).isEqualTo(oddTexts);
            assertThat(calls.get()).isEqualTo(otherTexts + 2 * oddTexts);
            String rows = "SELECT COUNT(*) FROM llm_calls WHERE component = 'command_parser' AND outcome ";
            assertThat(TestScenarios.count(c, rows + "IN ('ok', 'cached')")).isEqualTo(even + followed);
            assertThat(TestScenarios.count(c, rows + "= 'invalid'")).isEqualTo(2 * odd);
            assertThat(TestScenarios.count(c, rows + "= 'fallback'")).isEqualTo(odd);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component <> 'command_parser'"))
                    .isZero();
            events = TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id");
            exposures = TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id");
            commands = TestScenarios.checksum(c, "SELECT * FROM feed_commands ORDER BY tick, user_id");
            System.out.printf("feed-commands parser cost: %d calls, %.0f prompt tokens per call (4 chars a token)%n",
                    calls.get(), chars.get() / 4.0 / calls.get());
        }
        server.close();
        server = null;
        RunResult replay = run(scenario(llm.apply("replay")));
        assertThat(replay.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(replay.runDir())) {
            assertThat(TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id")).isEqualTo(events);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id")).isEqualTo(exposures);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM feed_commands ORDER BY tick, user_id"))
                    .isEqualTo(commands);
        }
    }
}
