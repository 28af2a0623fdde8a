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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Resume of an LLM-hybrid run replayed from its response cache: a run stopped after a few ticks,
 * or SIGKILLed at a seeded random tick, and resumed logs what the uninterrupted replay logs, the
 * LLM agents' memories (reflections) included, with no server answering.
 */
class LlmResumeIT {

    private static final int TICKS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    private final AtomicInteger received = new AtomicInteger();

    /** A deterministic stand-in for a model: an insight for reflections, else a choice by a hash of the prompt. */
    private ChatTestServer.Reply answer(JsonNode req) {
        String system = ChatTestServer.system(req);
        String prompt = ChatTestServer.prompt(req);
        received.incrementAndGet();
        int h = Math.floorMod(prompt.hashCode(), 1013);
        String content = system.contains("\"insight\"") ? "{\"insight\": \"I mostly enjoy a few topics.\"}"
                : JSON.createObjectNode().put("choice", h % 4 - 1).put("reason", "scripted").put("rating", 1 + h % 5)
                        .put("like", h % 2 == 0).put("share", false).put("leave", false).toString();
        return new ChatTestServer.Reply(200, content, prompt.length() / 4, 25);
    }

    private String scenario(String baseUrl, Path cache, String mode) throws Exception {
        return scenario(baseUrl, cache, mode, TICKS);
    }

    private String scenario(String baseUrl, Path cache, String mode, int ticks) throws Exception {
        Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", ticks);
        ((ObjectNode) root.path("world").path("population")).put("users", 300);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 400);
        root.putObject("log").put("checkpointEvery", 2);
        ObjectNode users = (ObjectNode) root.path("users");
        users.putObject("agents").put("fraction", 0.2);
        ((ObjectNode) users.path("provider")).put("baseUrl", baseUrl).put("model", "hybrid-test").put("timeoutMs", 5000)
                .put("backoffMs", 5).put("maxRetries", 0);
        users.putObject("reflection").put("every", 2);
        users.putObject("cache").put("path", cache.toString()).put("mode", mode);
        return yaml.writeValueAsString(root);
    }

    @Test
    void aStoppedHybridRunResumedFromTheCacheLogsWhatTheUninterruptedReplayLogs() throws Exception {
        Path cache = out.resolve("cache/llm");
        try (ChatTestServer server = ChatTestServer.start("llm-resume-it", 256, this::answer)) {
            Path live = out.resolve("live.yaml");
            Files.writeString(live, scenario(server.baseUrl(), cache, "readwrite"));
            assertThat(new ScenarioRunner().run(new ScenarioLoader().load(live), new ScenarioRunner.Options(null, 2,
                    out.resolve("live")), List.of()).status()).isEqualTo(RunStatus.FINISHED);
        }
        int calls = received.get();
        assertThat(calls).isPositive();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // no server: every call must come from the cache
        }
        Path replay = out.resolve("replay.yaml");
        Files.writeString(replay, scenario("http://127.0.0.1:" + port + "/v1", cache, "replay"));
        RunResult whole = new ScenarioRunner().run(new ScenarioLoader().load(replay),
                new ScenarioRunner.Options(null, 2, out.resolve("whole")), List.of());
        RunResult stopped = new ScenarioRunner().run(new ScenarioLoader().load(replay),
                new ScenarioRunner.Options(null, 1, out.resolve("stopped")), List.of(), new ScenarioRunner.Observer() {},
                sim -> {
                    sim.addListener(t -> {
                        if (t.tick() >= 2) {
                            sim.requestStop();
                        }
                    });
                    sim.runToEnd();
                });
        assertThat(stopped.status()).isEqualTo(RunStatus.INTERRUPTED);
        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(stopped.runDir(), 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(received.get()).isEqualTo(calls);
        assertThat(ResumeIT.checksums(stopped.runDir(), TICKS)).isEqualTo(ResumeIT.checksums(whole.runDir(), TICKS));
        try (Connection a = TestScenarios.open(stopped.runDir()); Connection b = TestScenarios.open(whole.runDir())) {
            String calls0 = "SELECT tick, user_id, prompt_hash, outcome FROM llm_calls ORDER BY tick, user_id, prompt_hash,"
                    + " outcome";
            assertThat(TestScenarios.checksum(a, calls0)).isEqualTo(TestScenarios.checksum(b, calls0));
            assertThat(TestScenarios.count(a, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'reflection'")
                    + TestScenarios.count(a, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'cached'")).isPositive();
        }
    }

    @Test
    void aHybridRunKilledAtARandomTickAndResumedFromTheCacheLogsWhatTheUninterruptedReplayLogs() throws Exception {
        int ticks = 16;
        Path cache = out.resolve("cache/llm");
        try (ChatTestServer server = ChatTestServer.start("llm-kill-it", 256, this::answer)) {
            Path live = out.resolve("live.yaml");
            Files.writeString(live, scenario(server.baseUrl(), cache, "readwrite", ticks));
            assertThat(new ScenarioRunner().run(new ScenarioLoader().load(live), new ScenarioRunner.Options(null, 2,
                    out.resolve("live")), List.of()).status()).isEqualTo(RunStatus.FINISHED);
        }
        int calls = received.get();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // no server: every call must come from the cache
        }
        Path replay = out.resolve("replay.yaml");
        Files.writeString(replay, scenario("http://127.0.0.1:" + port + "/v1", cache, "replay", ticks));
        RunResult whole = new ScenarioRunner().run(new ScenarioLoader().load(replay),
                new ScenarioRunner.Options(null, 2, out.resolve("whole")), List.of());
        assertThat(whole.status()).isEqualTo(RunStatus.FINISHED);

        int killAt = KilledRun.killTick("llm-hybrid", 20260515L, 2, 10);
        Path killed = KilledRun.killAfter(replay, out.resolve("killed"), killAt, out.resolve("child.log"));
        try (Connection c = TestScenarios.open(killed)) {
            assertThat(TestScenarios.string(c, "SELECT status FROM runs")).isEqualTo("running");
            long last = TestScenarios.count(c, "SELECT last_committed_tick FROM runs");
            System.out.printf("llm-hybrid: the killed run's log ends with tick %d%n", last);
            assertThat(last).isBetween(0L, ticks - 2L);
        }
        RunResult resumed = new ContinuedRuns(new ScenarioRunner()).resume(killed, 2, List.of(),
                new ScenarioRunner.Observer() {});
        assertThat(resumed.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(resumed.ticks()).isEqualTo(ticks);
        assertThat(received.get()).isEqualTo(calls);
        assertThat(ResumeIT.checksums(killed, ticks)).isEqualTo(ResumeIT.checksums(whole.runDir(), ticks));
        assertThat(Files.readString(killed.resolve("metrics.csv")))
                .isEqualTo(Files.readString(whole.runDir().resolve("metrics.csv")));
        try (Connection a = TestScenarios.open(killed); Connection b = TestScenarios.open(whole.runDir())) {
            String calls0 = "SELECT tick, user_id, prompt_hash, outcome FROM llm_calls ORDER BY tick, user_id, prompt_hash,"
                    + " outcome";
            assertThat(TestScenarios.checksum(a, calls0)).isEqualTo(TestScenarios.checksum(b, calls0));
            assertThat(TestScenarios.string(a, "SELECT status FROM runs")).isEqualTo("finished");
        }
    }
}
