package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Throughput of {@code llm-rerank} (not a unit test, and no timed assertion): slates served per
 * second over whole runs of scenarios/llm-recommender.yaml with 4,000 users at meanActivity 0.5
 * over 3 ticks, most-popular candidates, 64 requests in flight, against the local
 * OpenAI-compatible test server answering every request after 50 ms through the real LangChain4j
 * client. One warm-up run (JIT), then three measured runs; the median goes to
 * {@code target/llm-rerank-throughput.txt} with the ceiling 64 / 50 ms = 1,280 slates/s. The
 * runs must not fall back: a figure made of fallbacks would measure nothing. A retried attempt
 * (on a shared machine the JDK's test server now and then resets a kept-alive connection, which
 * the production client retries as it would against vLLM) is allowed up to one per hundred
 * slates and counted in the figure's line; every slate must still be served by an answer.
 */
class LlmRerankThroughputIT {

    private static final int LATENCY_MS = 50;
    private static final int IN_FLIGHT = 64;

    @TempDir
    Path out;

    private static String scenario(String baseUrl) throws Exception {
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(Path.of("llm-recommender.yaml").toAbsolutePath()));
        root.put("ticks", 3);
        ObjectNode population = (ObjectNode) root.path("world").path("population");
        population.put("users", 4000);
        population.put("meanActivity", 0.5);
        ObjectNode rec = (ObjectNode) root.path("recommender");
        rec.putObject("candidates").put("type", "most-popular");
        rec.put("probeShare", 0.0);
        ((ObjectNode) rec.path("model")).put("baseUrl", baseUrl).put("maxConcurrent", IN_FLIGHT).put("timeoutMs", 10_000)
                .put("backoffMs", 20);
        return yaml.writeValueAsString(root);
    }

    @Test
    void slatesPerSecondAgainstAFiftyMillisecondServer() throws Exception {
        double[] rates = new double[3];
        long slates = 0;
        List<String> retried = new ArrayList<>();
        for (int run = -1; run < rates.length; run++) {
            // a server per run: one server kept across runs holds the earlier runs' idle
            // connections and starts closing kept-alive ones, which the client then retries
            try (ChatTestServer server = ChatTestServer.start("llm-rerank-bench", 256, LlmRerankThroughputIT::answer)) {
                RunResult r = new ScenarioRunner().run(
                        new ScenarioLoader().parse(scenario(server.baseUrl()), "llm-recommender.yaml"),
                        new ScenarioRunner.Options(null, 2, out.resolve("run" + (run + 1))), List.of());
                assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
                try (Connection c = TestScenarios.open(r.runDir())) {
                    // every served slate is one answered call: nothing fell back; retries are rare
                    assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'fallback'"))
                            .isZero();
                    assertThat(TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome = 'ok'"))
                            .isEqualTo(r.sessions());
                    long failed = TestScenarios.count(c, "SELECT COUNT(*) FROM llm_calls WHERE outcome <> 'ok'");
                    String outcomes = TestScenarios.string(c,
                            "SELECT LISTAGG(outcome, ',') FROM llm_calls WHERE outcome <> 'ok'");
                    assertThat(failed).as("retried attempts (%s) in run %d", outcomes, run + 1)
                            .isLessThanOrEqualTo(r.sessions() / 100);
                    if (failed > 0) {
                        retried.add("run " + (run + 1) + ": " + outcomes);
                    }
                }
                if (run >= 0) {
                    rates[run] = r.sessions() / r.wallSeconds();
                    slates = r.sessions();
                }
            }
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        String line = String.format(Locale.ROOT, "llm-rerank: %,d slates per run, %.0f slates/s (median of 3 runs;"
                + " runs %.0f, %.0f, %.0f), ceiling %d in flight / %d ms = %.0f slates/s%n", slates, sorted[1],
                rates[0], rates[1], rates[2], IN_FLIGHT, LATENCY_MS, IN_FLIGHT * 1000.0 / LATENCY_MS)
                + (retried.isEmpty() ? "" : "retried attempts: " + String.join("; ", retried) + "\n");
        System.out.print(line);
        Files.writeString(Path.of("target", "llm-rerank-throughput.txt"), line);
    }

    /** After 50 ms, the candidates in reverse order. */
    private static ChatTestServer.Reply answer(JsonNode req) {
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Integer> ids = new ArrayList<>(LlmRerankIT.candidates(LlmRerankIT.userMessage(req)));
        Collections.reverse(ids);
        return ChatTestServer.Reply.ok(LlmRerankIT.ranking(ids));
    }
}
