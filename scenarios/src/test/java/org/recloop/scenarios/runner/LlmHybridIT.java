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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * scenarios/llm-hybrid.yaml at small scale through the runner, against a local OpenAI-compatible
 * test server (the real LangChain4j client): the llm_calls table matches what the server sent,
 * every LLM decision has its events, and a replay from the response cache, with no server,
 * reproduces the events table exactly.
 */
class LlmHybridIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private ChatTestServer server;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Integer, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final AtomicInteger malformed = new AtomicInteger();
    private final java.util.Set<String> models = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = ChatTestServer.start("llm-hybrid-it", 256, this::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A deterministic stand-in for a model: opens the position given by a hash of the prompt (or
     * nothing); every 7th user answers prose first (then valid JSON on the retry); user ids that
     * are multiples of 11 get HTTP 500 (retried, then fallback); reflections get an insight.
     */
    private ChatTestServer.Reply answer(JsonNode req) {
        String system = ChatTestServer.system(req);
        String prompt = ChatTestServer.prompt(req);
        received.incrementAndGet();
        models.add(req.path("model").asText());
        int user = ChatTestServer.user(prompt);
        int status = 200;
        String content;
        if (user % 11 == 0) {
            status = 500;
            content = "{\"error\": \"overloaded\"}";
        } else if (system.contains("\"insight\"")) {
            content = "{\"insight\": \"I mostly enjoy a few topics.\"}";
        } else if (user % 7 == 0 && !prompt.contains("It was invalid:")) {
            malformed.incrementAndGet();
            content = "I think I would open the first one.";
        } else {
            int len = ChatTestServer.feedLength(prompt);
            int h = Math.floorMod(prompt.hashCode(), 1013);
            int choice = h % (len + 1) - 1;
            content = JSON.createObjectNode().put("choice", choice).put("reason", "scripted")
                    .put("rating", 1 + h % 5).put("like", h % 2 == 0).put("share", h % 5 == 0)
                    .put("leave", false).toString();
        }
        sent.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        return new ChatTestServer.Reply(status, content, prompt.length() / 4, 25);
    }

    private RunResult run(String baseUrl, Path cache, String mode, int threads) throws Exception {
        Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", 6);
        ((ObjectNode) root.path("world").path("population")).put("users", 300);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 400);
        ObjectNode users = (ObjectNode) root.path("users");
        users.putObject("agents").put("fraction", 0.2);
        ObjectNode provider = (ObjectNode) users.path("provider");
        provider.put("baseUrl", baseUrl).put("model", "hybrid-test").put("timeoutMs", 5000).put("backoffMs", 5);
        users.putObject("reflection").put("every", 2);
        users.putObject("cache").put("path", cache.toString()).put("mode", mode);
        String text = yaml.writeValueAsString(root);
        RunResult r = new ScenarioRunner().run(new ScenarioLoader().parse(text, file.toString()),
                new ScenarioRunner.Options(null, threads, out), List.of());
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.ticks()).isEqualTo(6);
        return r;
    }

    private static Map<String, Long> outcomes(Connection c) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT outcome, COUNT(*) FROM llm_calls GROUP BY outcome")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    @Test
    void hybridRunLogsItsCallsAndReplaysIdenticallyFromTheCache() throws Exception {
        Path cache = out.resolve("cache/llm");
        RunResult live = run(server.baseUrl(), cache, "readwrite", 2);
        int calls = received.get();
        assertThat(calls).isPositive();
        String events;
        try (Connection c = TestScenarios.open(live.runDir())) {
            Map<String, Long> o = outcomes(c);
            // every response the server sent is one llm_calls row with the matching outcome
            long ok = sent.getOrDefault(200, new AtomicInteger()).get();
            assertThat(o.getOrDefault("ok", 0L) + o.getOrDefault("reflection", 0L) + o.getOrDefault("invalid", 0L))
                    .isEqualTo(ok);
            assertThat(o.getOrDefault("invalid", 0L)).isEqualTo(malformed.get()).isPositive();
            assertThat(o.get("http_500")).isEqualTo(sent.get(500).get());
            assertThat(o.get("reflection")).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome <> 'fallback'"))
                    .isEqualTo(calls);
            // fallbacks: exactly the decisions of users whose calls fail (multiples of 11: 3 attempts each)
            long failing = TestScenarios.count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT tick, user_id FROM llm_calls"
                    + " WHERE MOD(user_id, 11) = 0)");
            assertThat(o.get("fallback")).isEqualTo(failing).isPositive();
            assertThat(o.get("http_500")).isGreaterThanOrEqualTo(3 * failing); // reflections of those users fail too
            assertThat(o).doesNotContainKeys("budget", "timeout", "unreachable");
            // model name and hashes
            assertThat(TestScenarios.string(c, "SELECT MIN(model) || '|' || MAX(model) FROM llm_calls"))
                    .isEqualTo("hybrid-test|hybrid-test");
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE LENGTH(prompt_hash) <> 64"))
                    .isZero();
            // every LLM decision (tick, user) has a session's events: a click or a skip from its slate
            long decisions = TestScenarios.count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT tick, user_id FROM llm_calls"
                    + " WHERE outcome <> 'reflection')");
            long answered = TestScenarios.count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT l.tick, l.user_id"
                    + " FROM llm_calls l JOIN events e ON e.tick = l.tick AND e.user_id = l.user_id"
                    + " WHERE (e.type = 1 AND e.exposure_id IS NOT NULL) OR e.type = 5)");
            assertThat(answered).isEqualTo(decisions).isPositive();
            // about 20% of the users are LLM agents
            long agents = TestScenarios.count(c, "SELECT COUNT(DISTINCT user_id) FROM llm_calls");
            assertThat(agents).isBetween(20L, 60L);
            // LLM agents clicked, rated, liked and skipped; clicks carry the true utility (finite)
            for (int type : new int[] {1, 2, 3, 4, 5}) {
                assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM events e WHERE e.type = " + type
                        + " AND EXISTS (SELECT 1 FROM llm_calls l WHERE l.user_id = e.user_id AND l.tick = e.tick"
                        + " AND l.outcome = 'ok')")).as("event type %d", type).isPositive();
            }
            events = TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id");
        }
        assertThat(Files.exists(out.resolve("cache/llm.mv.db"))).isTrue();

        // replay: no server at all (a closed port), same seed, one thread instead of two: the same
        // events, every call answered from the cache
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RunResult replay = run("http://127.0.0.1:" + port + "/v1", cache, "replay", 1); // and another thread count
        assertThat(received.get()).isEqualTo(calls);
        try (Connection c = TestScenarios.open(replay.runDir())) {
            assertThat(TestScenarios.checksum(c, "SELECT * FROM events ORDER BY id")).isEqualTo(events);
            Map<String, Long> o = outcomes(c);
            assertThat(o.keySet()).containsExactlyInAnyOrder("cached", "cached_failure", "fallback");
            Map<String, Long> live2 = new HashMap<>();
            try (Connection l = TestScenarios.open(live.runDir())) {
                live2.putAll(outcomes(l));
            }
            assertThat(o.get("fallback")).isEqualTo(live2.get("fallback"));
            assertThat(o.get("cached")).isEqualTo(live2.get("ok") + live2.get("invalid") + live2.get("reflection"));
        }
    }

    @Test
    void aRunWhoseEveryCallFailsEndsDegradedWithExitCode4() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: every call is refused
        }
        Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", 2);
        ((ObjectNode) root.path("world").path("population")).put("users", 200);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
        ObjectNode users = (ObjectNode) root.path("users");
        users.putObject("agents").put("fraction", 0.1);
        ((ObjectNode) users.path("provider")).put("baseUrl", "http://127.0.0.1:" + port + "/v1").put("maxRetries", 1)
                .put("backoffMs", 5);
        users.remove("cache");
        Path scenario = out.resolve("refused.yaml");
        Files.writeString(scenario, yaml.writeValueAsString(root));
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        int code = org.recloop.scenarios.cli.RecLoopCli.commandLine(new java.io.PrintWriter(o, true),
                new java.io.PrintWriter(e, true)).execute("run", scenario.toString(), "--out", out.resolve("runs")
                        .toString(), "--no-progress", "--threads", "2");
        assertThat(code).as(o + "\n" + e).isEqualTo(4);
        Path run;
        try (var runs = Files.list(out.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        long calls;
        try (Connection c = TestScenarios.open(run)) {
            calls = TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'unreachable'");
            assertThat(calls).isPositive();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome NOT IN"
                    + " ('unreachable', 'fallback')")).isZero();
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("degraded");
            assertThat(TestScenarios.string(c, "SELECT error FROM runs")).isEqualTo(calls + " of " + calls
                    + " LLM calls failed (100.0%), more than the scenario's users.maxFailureShare of 50.0%;"
                    + " the fallback model made those decisions");
            // unknown token counts are NULL, not -1: sums stay sums
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE tokens_in < 0 OR tokens_out < 0"))
                    .isZero();
            assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE tokens_in IS NULL"))
                    .isEqualTo(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls"));
            assertThat(TestScenarios.count(c, "SELECT COALESCE(SUM(tokens_in), 0) FROM llm_calls")).isZero();
        }
        assertThat(o.toString()).contains(" degraded: 2 ticks").containsPattern(
                "llm calls +" + calls + ", failed " + calls + " \\(100\\.0%\\)");
    }

    @Test
    void commandLineFlagsPointTheScenarioAtAnotherServerAndModel() throws Exception {
        // the scenario names a server that does not exist and another model
        Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", 2);
        ((ObjectNode) root.path("world").path("population")).put("users", 200);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 300);
        ObjectNode users = (ObjectNode) root.path("users");
        users.putObject("agents").put("fraction", 0.1);
        ((ObjectNode) users.path("provider")).put("baseUrl", "http://192.0.2.1:9/v1").put("model", "from-scenario")
                .put("timeoutMs", 5000).put("backoffMs", 5);
        users.remove("cache");
        users.put("maxFailureShare", 1.0); // 20 agents: the scripted HTTP 500s of user 0 may be most calls
        Path scenario = out.resolve("pointed.yaml");
        Files.writeString(scenario, yaml.writeValueAsString(root));
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        String url = server.baseUrl();
        int code = org.recloop.scenarios.cli.RecLoopCli.commandLine(new java.io.PrintWriter(o, true),
                new java.io.PrintWriter(e, true)).execute("run", scenario.toString(), "--out", out.resolve("runs")
                        .toString(), "--no-progress", "--threads", "2", "--llm-base-url", url, "--llm-model", "from-cli");
        assertThat(code).as(o + "\n" + e).isZero();
        assertThat(received.get()).isPositive();
        assertThat(models).containsExactly("from-cli");
        try (var runs = Files.list(out.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            try (Connection c = TestScenarios.open(run)) {
                assertThat(TestScenarios.string(c, "SELECT MIN(model) || '|' || MAX(model) FROM llm_calls"))
                        .isEqualTo("from-cli|from-cli");
                assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'unreachable'"))
                        .isZero();
            }
        }
        // the flags lasted for the command only
        assertThat(org.recloop.agents.llm.Environment.system().raw(org.recloop.agents.llm.Environment.MODEL))
                .isEqualTo(System.getenv(org.recloop.agents.llm.Environment.MODEL));
        // a bad URL is refused before anything runs
        java.io.StringWriter e2 = new java.io.StringWriter();
        int bad = org.recloop.scenarios.cli.RecLoopCli.commandLine(new java.io.PrintWriter(new java.io.StringWriter(),
                true), new java.io.PrintWriter(e2, true)).execute("run", scenario.toString(), "--llm-base-url",
                "localhost:8000");
        assertThat(bad).isEqualTo(2);
        assertThat(e2.toString()).contains("--llm-base-url must be an http(s) URL");
    }
}
