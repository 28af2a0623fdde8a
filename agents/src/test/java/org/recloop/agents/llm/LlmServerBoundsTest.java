package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.ModelCallStats;

/**
 * The LLM path against servers that misbehave, through the real LangChain4j client and the
 * scripted server: an answer trickled forever, an answer of a gigabyte, an answer that echoes the
 * API key, a server that is not there.
 */
class LlmServerBoundsTest {

    private static final int USERS = 20;
    private static final int ITEMS = 200;
    private static final int K = 5;
    private static final long SEED = 7;
    private static final String KEY = "sk-test-SECRET-4242";
    private static ListAppender<ILoggingEvent> logs;
    private FakeLlmServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void logging() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void detach() {
        LogCapture.detach(logs);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String json(String url, String provider, String extra) {
        return "{\"agents\": {\"users\": [0]}, \"provider\": {\"baseUrl\": \"" + url + "\", \"model\": \"test-model\","
                + " \"maxRetries\": 1, \"backoffMs\": 5" + provider + "}, \"memory\": {\"embeddings\": false}" + extra
                + "}";
    }

    private static Map<String, Long> outcomes(List<ModelCall> calls) {
        return calls.stream().collect(Collectors.groupingBy(ModelCall::outcome, TreeMap::new, Collectors.counting()));
    }

    private static List<String> warnings(int from) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : logs.list.subList(from, logs.list.size())) {
            if (e.getLevel() == Level.WARN) {
                out.add(e.getFormattedMessage());
            }
        }
        return out;
    }

    @Test
    void anAnswerTrickledForeverEndsAtTheTimeoutAsAFailedCall() throws Exception {
        server = new FakeLlmServer(r -> FakeLlmServer.Reply.trickle());
        int before = logs.list.size();
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json(server.openAiUrl(), ", \"timeoutMs\": 1000",
                ""), Map.of()));
        // the old client waited for the whole body: ten minutes per attempt
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rig.tick(0));
        assertThat(outcomes(rig.calls)).containsEntry("timeout", 2L).containsEntry("fallback", 1L).hasSize(2);
        assertThat(warnings(before)).anySatisfy(w -> assertThat(w).contains("timeout",
                server.openAiUrl() + "/chat/completions", "no complete answer within 1000 ms"));
        ModelCallStats stats = (ModelCallStats) rig.model;
        assertThat(stats.modelCalls()).isEqualTo(2);
        assertThat(stats.failedModelCalls()).isEqualTo(2);
        assertThat(stats.degraded()).isTrue();
    }

    @Test
    void aHugeAnswerIsCutOffAtTheLimitAsAFailedCall() throws Exception {
        server = new FakeLlmServer(r -> FakeLlmServer.Reply.huge());
        int before = logs.list.size();
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json(server.openAiUrl(),
                ", \"timeoutMs\": 30000, \"maxResponseBytes\": 65536", ""), Map.of()));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rig.tick(0));
        assertThat(outcomes(rig.calls)).containsEntry("too_large", 2L).containsEntry("fallback", 1L).hasSize(2);
        assertThat(warnings(before)).anySatisfy(w -> assertThat(w).contains("too_large", "the answer of "
                + server.openAiUrl() + "/chat/completions is larger than the limit of 65536 bytes",
                "provider.maxResponseBytes"));
        // the client hung up long before the gigabyte
        assertThat(server.hugeWritten()).isLessThan(FakeLlmServer.HUGE / 4);
        assertThatThrownBy(() -> LlmRig.params("{\"provider\": {\"maxResponseBytes\": 0}}"))
                .hasMessageContaining("maxResponseBytes");
        assertThat(LlmRig.params("{}").provider().maxResponseBytes()).isEqualTo(1L << 20);
    }

    @Test
    void anAnswerEchoingTheKeyIsStoredRedacted() throws Exception {
        String answer = "{\"choice\": 0, \"reason\": \"my key is " + KEY + "\", \"rating\": 4, \"like\": false,"
                + " \"share\": false, \"comment\": \"see " + KEY + "\", \"follow\": false, \"leave\": false,"
                + " \"post\": \"posting " + KEY + " for all\", \"message\": null, \"search\": null}";
        server = new FakeLlmServer(r -> FakeLlmServer.Reply.ok(answer));
        int before = logs.list.size();
        Path db = tmp.resolve("cache/llm");
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json(server.openAiUrl(), "",
                ", \"cache\": {\"path\": \"" + db + "\"}"), Map.of(Environment.API_KEY, KEY)));
        rig.tick(0);
        ((LlmUserModel) rig.model).close();
        assertThat(outcomes(rig.calls)).containsEntry("ok", 1L);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.auth()).isEqualTo("Bearer " + KEY));
        // the texts table's rows: reason, comment and post, each with the marker instead of the key
        assertThat(rig.texts).extracting(AgentText::kind).containsExactlyInAnyOrder("reason", "comment", "post");
        assertThat(rig.texts).allSatisfy(t -> assertThat(t.text()).doesNotContain(KEY).contains("[REDACTED]"));
        // the post's title in the catalog (what other agents' feeds show)
        int post = rig.texts.stream().filter(t -> t.kind().equals("post")).findFirst().orElseThrow().item();
        assertThat(rig.world.catalog().title(post).orElseThrow()).doesNotContain(KEY).contains("[REDACTED]");
        // the response cache
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT response FROM llm_cache")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain(KEY).contains("[REDACTED]");
        }
        for (ILoggingEvent e : logs.list.subList(before, logs.list.size())) {
            assertThat(e.getFormattedMessage()).doesNotContain(KEY);
        }
    }

    @Test
    void aServerThatIsNotThereMakesEveryCallAFailureWithUnknownTokens() throws Exception {
        String url = "http://127.0.0.1:1/v1"; // nobody listens on port 1: every call is refused
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json(url, "", ""), Map.of()));
        rig.tick(0);
        rig.tick(1);
        ModelCallStats stats = (ModelCallStats) rig.model;
        assertThat(stats.modelCalls()).isEqualTo(4); // two decisions, two attempts each
        assertThat(stats.failedModelCalls()).isEqualTo(4);
        assertThat(stats.failureShare()).isEqualTo(1.0);
        assertThat(stats.maxFailureShare()).isEqualTo(0.5);
        assertThat(stats.degraded()).isTrue();
        assertThat(rig.calls).filteredOn(m -> m.outcome().equals("unreachable"))
                .allSatisfy(m -> assertThat(m.tokensIn()).isEqualTo(-1));
        // a scenario that tolerates every failure is never degraded
        LlmRig lenient = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json(url, "", ", \"maxFailureShare\": 1.0"),
                Map.of()));
        lenient.tick(0);
        assertThat(((ModelCallStats) lenient.model).degraded()).isFalse();
        assertThatThrownBy(() -> LlmRig.params("{\"maxFailureShare\": 1.5}")).hasMessageContaining("maxFailureShare");
    }
}
