package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * scenarios/llm-recommender.yaml at small scale through the runner, against a local
 * OpenAI-compatible test server (the real LangChain4j client): slates follow the model's ranking;
 * an invented item is rejected, retried once with the error, counted and, if invented again,
 * replaced by the candidate order; a replay from the response cache with no server gives the same
 * events; and llm_calls tells the users' calls from the recommender's, each with its own model.
 */
class LlmRerankIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CANDIDATE = Pattern.compile("(?m)^\\[(\\d+)\\] ");

    @TempDir
    Path out;

    private ChatTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The candidate ids of a ranking prompt, in the order shown. */
    static List<Integer> candidates(String prompt) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(prompt.substring(prompt.indexOf("Candidates:")));
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    static String userMessage(JsonNode req) {
        JsonNode msgs = req.path("messages");
        return msgs.path(msgs.size() - 1).path("content").asText();
    }

    static String ranking(List<Integer> ids) {
        return JSON.createObjectNode().set("ranking", JSON.valueToTree(ids)).toString();
    }

    /** The scenario, shortened, with the recommender's model pointed at {@code baseUrl}. */
    private String scenario(String baseUrl, Path cache, String mode, Function<ObjectNode, ObjectNode> edit)
            throws IOException {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("llm-recommender.yaml").toAbsolutePath()));
        root.put("ticks", 4);
        ((ObjectNode) root.path("world").path("population")).put("users", 120);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
        ObjectNode rec = (ObjectNode) root.path("recommender");
        rec.put("probeShare", 0.25);
        ObjectNode model = (ObjectNode) rec.path("model");
        model.put("baseUrl", baseUrl).put("model", "rec-model").put("timeoutMs", 5000).put("backoffMs", 5)
                .put("maxConcurrent", 16);
        if (cache != null) {
            model.putObject("cache").put("path", cache.toString()).put("mode", mode);
        }
        return yaml.writeValueAsString(edit.apply(root));
    }

    private RunResult run(String text) throws Exception {
        return new ScenarioRunner().run(new ScenarioLoader().parse(text, "llm-recommender.yaml"),
                new ScenarioRunner.Options(null, 2, out), List.of());
    }

    /** Each slate of the log, as "tick:user" to its items in position order. */
    private static java.util.Map<String, List<Integer>> slates(Connection c) throws Exception {
        java.util.Map<String, List<Integer>> m = new java.util.TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT tick, user_id, item_id FROM exposures ORDER BY tick, user_id, position")) {
            while (rs.next()) {
                m.computeIfAbsent(rs.getInt(1) + ":" + rs.getInt(2), k -> new ArrayList<>()).add(rs.getInt(3));
            }
        }
        return m;
    }

    @Test
    void slatesFollowTheScriptedRankingAndReplayFromTheCacheGivesTheSameEvents() throws Exception {
        // the model's ranking: the candidates reversed, so it differs from the candidate order
        Set<List<Integer>> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger promptTokens = new AtomicInteger();
        server = ChatTestServer.start("llm-rerank-it", 64, req -> {
            received.incrementAndGet();
            String prompt = userMessage(req);
            promptTokens.addAndGet(prompt.length() / 4);
            List<Integer> ids = new ArrayList<>(candidates(prompt));
            java.util.Collections.reverse(ids);
            answered.add(ids.subList(0, Math.min(10, ids.size())));
            String answer = ranking(ids);
            return new ChatTestServer.Reply(200, answer, (prompt.length() + 400) / 4, answer.length() / 3);
        });
        Path cache = out.resolve("cache").resolve("rerank");
        RunResult r = run(scenario(server.baseUrl(), cache, "readwrite", root -> root));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        String events;
        String exposures;
        try (Connection c = TestScenarios.open(r.runDir())) {
            java.util.Map<String, List<Integer>> shown = slates(c);
            assertThat(shown).isNotEmpty();
            // every slate is the top 10 of a ranking the model gave (probes answered too, but are not served)
            assertThat(answered).containsAll(shown.values());
            long ok = TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'ok'");
            long probes = TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'probe'");
            assertThat(ok).isEqualTo(shown.size());
            assertThat(probes).isPositive();
            assertThat(ok + probes).isEqualTo(received.get());
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component <> 'recommender'"))
                    .isZero();
            // reversing 20 candidates moves an item by 10 on average; the probe sees the shift
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'llm_position_shift'"
                    + " AND val > 5")).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'llm_fallback_share'"
                    + " AND val = 0")).isEqualTo(4);
            events = TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id");
            exposures = TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id");
            System.out.printf("llm-rerank cost: %d calls, %.0f prompt and %.0f completion tokens per call%n", ok + probes,
                    (double) TestScenarios.count(c, "SELECT SUM(tokens_in) FROM llm_calls") / (ok + probes),
                    (double) TestScenarios.count(c, "SELECT SUM(tokens_out) FROM llm_calls") / (ok + probes));
        }
        int port = Integer.parseInt(server.baseUrl().replaceAll(".*:(\\d+)/v1", "$1"));
        server.close();
        server = null;
        RunResult replay = run(scenario("http://127.0.0.1:" + port + "/v1", cache, "replay", root -> root));
        assertThat(replay.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(replay.runDir())) {
            assertThat(TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id")).isEqualTo(events);
            assertThat(TestScenarios.checksum(c, "SELECT * FROM exposures ORDER BY id")).isEqualTo(exposures);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome NOT IN ('cached')"))
                    .isZero();
        }
    }

    @Test
    void anInventedItemIsRejectedRetriedOnceCountedAndThenTheCandidateOrderServed() throws Exception {
        // prompts whose first candidate is even: an invented item, then a valid ranking on the retry;
        // odd: an invented item every time, so the slate keeps the candidate order
        AtomicInteger invented = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        Set<List<Integer>> candidateOrders = ConcurrentHashMap.newKeySet();
        Set<List<Integer>> reversed = ConcurrentHashMap.newKeySet();
        AtomicInteger alwaysInvalid = new AtomicInteger();
        server = ChatTestServer.start("llm-rerank-invalid-it", 64, req -> {
            String prompt = userMessage(req);
            List<Integer> ids = new ArrayList<>(candidates(prompt));
            boolean retry = prompt.contains("Your previous answer was not a valid ranking: item 999999 is not one of");
            if (retry) {
                retries.incrementAndGet();
            }
            boolean even = ids.get(0) % 2 == 0;
            if (retry && even) {
                List<Integer> rev = new ArrayList<>(ids);
                java.util.Collections.reverse(rev);
                reversed.add(rev.subList(0, Math.min(10, rev.size())));
                return ChatTestServer.Reply.ok(ranking(rev));
            }
            if (retry) {
                alwaysInvalid.incrementAndGet();
                candidateOrders.add(ids.subList(0, Math.min(10, ids.size())));
            }
            invented.incrementAndGet();
            List<Integer> bad = new ArrayList<>(ids);
            bad.set(1, 999999);
            return ChatTestServer.Reply.ok(ranking(bad));
        });
        RunResult r = run(scenario(server.baseUrl(), null, null, root -> {
            ((ObjectNode) root.path("recommender")).put("probeShare", 0.0);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        try (Connection c = TestScenarios.open(r.runDir())) {
            java.util.Map<String, List<Integer>> shown = slates(c);
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'invalid'"))
                    .isEqualTo(invented.get());
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'fallback'"))
                    .isEqualTo(alwaysInvalid.get()).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'ok'"))
                    .isEqualTo(retries.get() - alwaysInvalid.get()).isPositive();
            // one retry per slate, never two: first answers are one per slate
            assertThat(retries.get()).isEqualTo(shown.size());
            assertThat(TestScenarios.count(c, "SELECT MAX(attempt) FROM llm_calls")).isEqualTo(3); // invalid, invalid, fallback
            Set<List<Integer>> either = new java.util.HashSet<>(candidateOrders);
            either.addAll(reversed);
            assertThat(either).containsAll(shown.values());
            assertThat(shown.values().stream().filter(candidateOrders::contains).count())
                    .isEqualTo(alwaysInvalid.get());
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM metrics WHERE name = 'llm_fallback_share'"
                    + " AND val > 0 AND val < 1")).isEqualTo(4);
        }
    }

    @Test
    void theComponentColumnTellsTheUsersCallsFromTheRecommendersEachWithItsOwnModel() throws Exception {
        Set<String> pairs = ConcurrentHashMap.newKeySet();
        server = ChatTestServer.start("llm-rerank-sides-it", 64, req -> {
            String system = req.path("messages").path(0).path("content").asText();
            String prompt = userMessage(req);
            if (prompt.contains("Candidates:")) {
                pairs.add("recommender " + req.path("model").asText());
                return ChatTestServer.Reply.ok(ranking(candidates(prompt)));
            }
            pairs.add("user_agent " + req.path("model").asText());
            return ChatTestServer.Reply.ok(system.contains("\"insight\"") ? "{\"insight\": \"fine\"}"
                    : "{\"choice\": 0, \"reason\": \"scripted\", \"rating\": 4, \"like\": false, \"share\": false,"
                            + " \"leave\": false}");
        });
        String url = server.baseUrl();
        RunResult r = run(scenario(url, null, null, root -> {
            ((ObjectNode) root.path("recommender")).put("probeShare", 0.0);
            ObjectNode users = root.putObject("users");
            users.put("type", "llm");
            users.putObject("agents").put("fraction", 0.2);
            users.putObject("memory").put("embeddings", false);
            users.putObject("provider").put("baseUrl", url).put("model", "user-model").put("timeoutMs", 5000);
            return root;
        }));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(pairs).containsExactlyInAnyOrder("recommender rec-model", "user_agent user-model");
        try (Connection c = TestScenarios.open(r.runDir())) {
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'user_agent'"
                    + " AND model = 'user-model'")).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'recommender'"
                    + " AND model = 'rec-model'")).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE component = 'user_agent'"
                    + " AND model <> 'user-model' OR component = 'recommender' AND model <> 'rec-model'"
                    + " OR component IS NULL")).isZero();
        }
    }
}
