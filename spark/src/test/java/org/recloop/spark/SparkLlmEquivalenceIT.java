package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventType;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.runner.RunResult;

/**
 * The Spark engine in local mode gives the log the local engine gives for LLM-driven users
 * replayed from the response cache (scenarios/llm-hybrid.yaml, shrunk): the cache is recorded by a
 * live local run against a scripted OpenAI-compatible test server, then both engines replay it
 * with no server. The agents' memories (with embedding retrieval and reflections), profiles,
 * satisfaction, this tick's LLM decisions, and posts queued in React for afterTick must all cross
 * from the executors' copies to the driver's and back, or prompts (hence cache hits), posts or
 * the rule model's afterTick differ. Besides the log, the driver's users' state after the run must
 * equal the local engine's: in local mode the one executor copy reacts for every partition, so
 * state the rows dropped would not show in the log.
 */
class SparkLlmEquivalenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final AtomicInteger received = new AtomicInteger();

    /**
     * A deterministic stand-in for a model, answering from the prompt alone: opens the position
     * given by a hash of the prompt (or nothing), now and then posts or searches; users whose ids
     * are multiples of 13 get HTTP 500 (retried, then the rule model decides); reflections get an
     * insight.
     */
    private ChatTestServer.Reply answer(JsonNode req) {
        String system = ChatTestServer.system(req);
        String prompt = ChatTestServer.prompt(req);
        received.incrementAndGet();
        int user = ChatTestServer.user(prompt);
        if (user % 13 == 0) {
            return new ChatTestServer.Reply(500, "{\"error\": \"overloaded\"}", 0, 0);
        }
        if (system.contains("\"insight\"")) {
            return new ChatTestServer.Reply(200, "{\"insight\": \"I like topic " + Math.floorMod(prompt.hashCode(), 20)
                    + " most.\"}", prompt.length() / 4, 12);
        }
        int len = ChatTestServer.feedLength(prompt);
        int h = Math.floorMod(prompt.hashCode(), 1013);
        ObjectNode a = JSON.createObjectNode().put("choice", h % (len + 1) - 1).put("reason", "scripted " + h)
                .put("rating", 1 + h % 5).put("like", h % 2 == 0).put("share", h % 5 == 0).put("leave", false);
        if (h % 4 == 1) {
            a.put("post", "Thoughts on topic " + h % 20 + ", take " + h);
        }
        if (h % 6 == 2) {
            a.put("search", "something like topic " + h % 20);
        }
        return new ChatTestServer.Reply(200, a.toString(), prompt.length() / 4, 30);
    }

    private Path scenario(String name, String baseUrl, Path cache, String mode) throws Exception {
        return SparkRuns.shrunk("llm-hybrid.yaml", out.resolve(name), root -> {
            root.put("ticks", 8);
            ((ObjectNode) root.path("world").path("population")).put("users", 300);
            ((ObjectNode) root.path("world").path("catalog")).put("items", 400);
            ObjectNode users = (ObjectNode) root.path("users");
            users.putObject("agents").put("fraction", 0.2);
            ((ObjectNode) users.path("provider")).put("baseUrl", baseUrl).put("model", "spark-test")
                    .put("timeoutMs", 10000).put("backoffMs", 5);
            users.putObject("reflection").put("every", 2).put("window", 6);
            // executors load the scenario from this file: the cache path must not depend on their folder
            users.putObject("cache").put("path", cache.toAbsolutePath().toString()).put("mode", mode);
            ((ObjectNode) root.path("learn")).put("retrainEvery", 3);
        });
    }

    @Test
    void llmHybridReplayedFromTheCacheOnSparkLogsWhatTheLocalEngineLogs() throws Exception {
        Path cache = out.resolve("cache/llm");
        RunResult live;
        try (ChatTestServer server = ChatTestServer.start("spark-llm-it", 256, this::answer)) {
            live = SparkRuns.local(scenario("record", server.baseUrl(), cache, "readwrite"), out.resolve("live"), 2);
        }
        int calls = received.get();
        assertThat(calls).isPositive();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing answers there
        }
        Path replay = scenario("replay", "http://127.0.0.1:" + port + "/v1", cache, "replay");
        byte[][] rows = new byte[2][];
        RunResult local = SparkRuns.local(replay, out.resolve("local"), 2, sim -> rows[0] = sim.userStateRows());
        // three partitions on two cores: the agents are spread over all of them
        RunResult spark = SparkRuns.spark(replay, out.resolve("spark"), 2, "local[2]", 3,
                sim -> rows[1] = sim.userStateRows());
        assertThat(received.get()).isEqualTo(calls);
        // in local mode one executor copy reacts for every partition, so a state row it failed to
        // send would still be right there; the driver's copy holds only what the rows brought it
        // (an agent's memory, embeddings included, shows in no table but steers the next prompt)
        assertThat(digest(rows[1])).as("the driver's users' state after the run").isEqualTo(digest(rows[0]));
        try (Connection l = TestScenarios.open(live.runDir()); Connection a = TestScenarios.open(local.runDir());
                Connection b = TestScenarios.open(spark.runDir())) {
            // the LLM decided, and every path whose state crosses copies was taken
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'cached'")).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'fallback'")).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events e WHERE EXISTS (SELECT 1 FROM llm_calls c"
                    + " WHERE c.user_id = e.user_id AND c.tick = e.tick AND c.outcome = 'cached')")).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM texts WHERE kind = 'post'")).isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM events WHERE type = " + EventType.SEARCH.code()))
                    .isPositive();
            assertThat(TestScenarios.count(a, "SELECT COUNT(DISTINCT model_version) FROM exposures")).isGreaterThan(1);
            // the replay is the live run, on either engine
            assertThat(TestScenarios.checksum(a, SparkRuns.EVENTS)).isEqualTo(TestScenarios.checksum(l, SparkRuns.EVENTS));
            assertThat(TestScenarios.count(b, "SELECT COUNT(*) FROM events"))
                    .isEqualTo(TestScenarios.count(a, "SELECT COUNT(*) FROM events"));
            assertThat(TestScenarios.checksum(b, SparkRuns.EVENTS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EVENTS));
            assertThat(TestScenarios.checksum(b, SparkRuns.EXPOSURES)).isEqualTo(TestScenarios.checksum(a, SparkRuns.EXPOSURES));
            assertThat(TestScenarios.checksum(b, SparkRuns.METRICS)).isEqualTo(TestScenarios.checksum(a, SparkRuns.METRICS));
            assertThat(TestScenarios.checksum(b, LLM_CALLS)).isEqualTo(TestScenarios.checksum(a, LLM_CALLS));
            assertThat(TestScenarios.checksum(b, TEXTS)).isEqualTo(TestScenarios.checksum(a, TEXTS));
        }
    }

    /** Length and SHA-256 of state rows: a readable failure message. */
    private static String digest(byte[] rows) throws Exception {
        return rows.length + " bytes, " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rows));
    }

    private static final String LLM_CALLS = "SELECT tick, user_id, prompt_hash, model, tokens_in, tokens_out, outcome,"
            + " attempt, component FROM llm_calls ORDER BY tick, user_id, attempt";
    /** The text as a string: a CLOB's toString names the lob's id, which depends on the connection's history. */
    private static final String TEXTS = "SELECT tick, user_id, type, item_id, target_user, kind,"
            + " CAST(text AS VARCHAR) FROM texts ORDER BY tick, user_id, type, item_id, kind, text";
}
