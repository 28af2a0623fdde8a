package org.recloop.scenarios.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.ChatTestServer;
import org.recloop.scenarios.TestScenarios;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * scenarios/llm-hybrid.yaml with its users' model on three local servers named in a servers file,
 * one of which answers every call with HTTP 500: the run finishes with every LLM decision
 * answered, the failing server is taken out after a few calls, the other two share the rest, and
 * llm_calls.server says which server answered each attempt.
 */
class LlmServersIT {

    @TempDir
    Path out;

    private static Function<JsonNode, ChatTestServer.Reply> answering(AtomicInteger received) {
        return req -> {
            received.incrementAndGet();
            return ChatTestServer.Reply.ok("{\"choice\": 0, \"reason\": \"scripted\", \"rating\": 4, \"like\": false,"
                    + " \"share\": false, \"leave\": false}");
        };
    }

    @Test
    void callsSpreadOverTheHealthyServersAndTheRowsNameTheServer() throws Exception {
        AtomicInteger toA = new AtomicInteger();
        AtomicInteger toB = new AtomicInteger();
        AtomicInteger toC = new AtomicInteger();
        try (ChatTestServer a = ChatTestServer.start("servers-a", 64, answering(toA));
                ChatTestServer b = ChatTestServer.start("servers-b", 64, req -> {
                    toB.incrementAndGet();
                    return new ChatTestServer.Reply(500, "{\"error\": \"broken GPU\"}", 0, 0);
                });
                ChatTestServer c = ChatTestServer.start("servers-c", 64, answering(toC))) {
            Path file = Path.of("llm-hybrid.yaml").toAbsolutePath();
            ObjectMapper yaml = ScenarioLoader.newMapper();
            ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(file));
            root.put("ticks", 5);
            ((ObjectNode) root.path("world").path("population")).put("users", 300);
            ((ObjectNode) root.path("world").path("catalog")).put("items", 400);
            ObjectNode users = (ObjectNode) root.path("users");
            users.putObject("agents").put("fraction", 0.2);
            ObjectNode provider = (ObjectNode) users.path("provider");
            provider.remove("baseUrl");
            provider.put("baseUrlsFile", "servers.txt").put("model", "servers-test").put("backoffMs", 5)
                    .put("maxConcurrent", 4);
            users.remove("cache");
            users.remove("reflection");
            // relative to the scenario's folder, as every file a scenario names
            Files.writeString(out.resolve("servers.txt"), "# three replicas of one model\n" + a.baseUrl() + "\n"
                    + b.baseUrl() + "\n" + c.baseUrl() + "\n");
            Path scenario = out.resolve("servers.yaml");
            Files.writeString(scenario, yaml.writeValueAsString(root));
            RunResult r = new ScenarioRunner().run(new ScenarioLoader().load(scenario),
                    new ScenarioRunner.Options(null, 2, out.resolve("runs")), List.of());
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            Map<String, Long> rows = new TreeMap<>();
            try (Connection db = TestScenarios.open(r.runDir()); Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT server || ' ' || outcome, COUNT(*) FROM llm_calls"
                            + " GROUP BY server, outcome")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
            long okA = rows.getOrDefault(a.baseUrl() + " ok", 0L);
            long okC = rows.getOrDefault(c.baseUrl() + " ok", 0L);
            long failedB = rows.getOrDefault(b.baseUrl() + " http_500", 0L);
            // every decision answered: no fallback, and only these three kinds of row
            assertThat(rows.keySet()).containsExactlyInAnyOrder(a.baseUrl() + " ok", c.baseUrl() + " ok",
                    b.baseUrl() + " http_500");
            assertThat(okA).isEqualTo(toA.get());
            assertThat(okC).isEqualTo(toC.get());
            assertThat(failedB).isEqualTo(toB.get());
            // three failures take it out, with at most three more already in flight (4 per server);
            // then one half-open trial after each cool-down of 1, 2, 4, 8 s ...: by wall time W at most
            // log2(W + 1) trials, so a slow machine's longer run allows more
            long trials = (long) (Math.log(r.wallSeconds() + 1) / Math.log(2));
            assertThat(failedB).isBetween(3L, 7L + trials);
            long ok = okA + okC;
            assertThat(ok).isGreaterThan(60);
            assertThat(okA).isGreaterThan(ok / 3);
            assertThat(okC).isGreaterThan(ok / 3);
        }
    }
}
