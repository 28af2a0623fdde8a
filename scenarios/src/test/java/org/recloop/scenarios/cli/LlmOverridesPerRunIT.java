package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * {@code --llm-model} belongs to its own command: two {@code recloop run}s in one JVM, overlapping
 * in time, each reach the test server with their own model name. The overlap is forced: run B
 * starts while run A waits for its first answer, B is held just before its language models are
 * built (at its first flush of standard output, when the world is loaded) until A has finished and
 * let go of its flags, and only then builds them. A process-wide override would give B the
 * scenario's model (A cleared the flags) or A's.
 */
class LlmOverridesPerRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ChatTestServer server;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final CountDownLatch aAsked = new CountDownLatch(1);
    private final CountDownLatch bHeld = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = ChatTestServer.start("llm-overrides-it", 64, this::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Opens nothing; run A's first question waits until run B is under way. */
    private ChatTestServer.Reply answer(JsonNode req) {
        String model = req.path("model").asText();
        models.add(model);
        if (model.equals("model-a")) {
            aAsked.countDown();
            await(bHeld);
        }
        return ChatTestServer.Reply.ok(JSON.createObjectNode().put("choice", -1).put("reason", "scripted")
                .put("like", false).put("share", false).put("leave", false).toString());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other run never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path scenario() throws IOException {
        Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
        root.put("ticks", 2);
        ((ObjectNode) root.path("world").path("population")).put("users", 100);
        ((ObjectNode) root.path("world").path("catalog")).put("items", 200);
        ObjectNode users = (ObjectNode) root.path("users");
        users.putObject("agents").put("fraction", 0.1);
        ((ObjectNode) users.path("provider")).put("baseUrl", "http://192.0.2.1:9/v1").put("model", "from-scenario")
                .put("timeoutMs", 30_000).put("backoffMs", 5);
        users.remove("cache");
        users.remove("reflection");
        Path scenario = dir.resolve("pointed.yaml");
        Files.writeString(scenario, yaml.writeValueAsString(root));
        return scenario;
    }

    private int run(Path scenario, String name, String model, Writer out, StringWriter err) {
        return RecLoopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("run",
                scenario.toString(), "--out", dir.resolve("runs-" + name).toString(), "--no-progress", "--threads", "1",
                "--llm-base-url", server.baseUrl(), "--llm-model", model);
    }

    @Test
    void twoRunsInOneJvmEachUseTheirOwnModelFlag() throws Exception {
        Path scenario = scenario();
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            StringWriter aOut = new StringWriter();
            StringWriter aErr = new StringWriter();
            Future<Integer> a = runs.submit(() -> run(scenario, "a", "model-a", aOut, aErr));
            await(aAsked);
            StringWriter bOut = new StringWriter();
            StringWriter bErr = new StringWriter();
            Writer heldOut = new Writer() { // B's first flush comes once its world is loaded
                private boolean held;

                @Override
                public void write(char[] cbuf, int off, int len) {
                    bOut.write(cbuf, off, len);
                }

                @Override
                public void flush() {
                    if (!held) {
                        held = true;
                        bHeld.countDown();
                        try {
                            a.get(120, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }

                @Override
                public void close() {}
            };
            Future<Integer> b = runs.submit(() -> run(scenario, "b", "model-b", heldOut, bErr));
            assertThat(a.get(120, TimeUnit.SECONDS)).as(aOut + "\n" + aErr).isZero();
            assertThat(b.get(120, TimeUnit.SECONDS)).as(bOut + "\n" + bErr).isZero();
        } finally {
            runs.shutdownNow();
        }
        assertThat(models).containsExactlyInAnyOrder("model-a", "model-b");
        for (Map.Entry<String, String> e : Map.of("a", "model-a", "b", "model-b").entrySet()) {
            try (var list = Files.list(dir.resolve("runs-" + e.getKey()))) {
                Path run = list.filter(Files::isDirectory).findFirst().orElseThrow();
                try (Connection c = TestScenarios.open(run)) {
                    assertThat(TestScenarios.string(c, "SELECT MIN(model) || '|' || MAX(model) FROM llm_calls"))
                            .isEqualTo(e.getValue() + "|" + e.getValue());
                }
            }
        }
    }
}
