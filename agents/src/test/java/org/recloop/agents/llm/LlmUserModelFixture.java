package org.recloop.agents.llm;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.recloop.core.log.ModelCall;
import org.recloop.core.serve.SlateBatch;

/**
 * What the LlmUserModel*Test classes share: the LLM user model against scripted local
 * OpenAI-compatible servers ({@link FakeLlmServer}), through the real LangChain4j client, on a small
 * {@link LlmRig} world whose other users follow a rule model with every reaction certain.
 *
 * <p>Servers started with {@link #server} are closed after each test class, and log lines are
 * captured ({@link #logs}) from before its first test.
 */
abstract class LlmUserModelFixture {

    static final int USERS = 20;
    static final int ITEMS = 200;
    static final int K = 5;
    static final long SEED = 7;
    /** Rule model with every reaction certain: fallbacks are easy to recognise. */
    static final String RULE = "{\"actions\": {\"rate\": 1.0, \"like\": 1.0}}";

    static ListAppender<ILoggingEvent> logs;
    private static final List<FakeLlmServer> servers = new ArrayList<>();

    @BeforeAll
    static void logging() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void stop() {
        servers.forEach(FakeLlmServer::close);
        servers.clear();
        LogCapture.detach(logs);
    }

    static FakeLlmServer server(FakeLlmServer.Script script) throws Exception {
        FakeLlmServer s = new FakeLlmServer(script);
        servers.add(s);
        return s;
    }

    static String json(String url, String extra) {
        return "{\"agents\": {\"users\": %s}, \"rule\": " + RULE + ", \"provider\": {\"baseUrl\": \"" + url
                + "\", \"model\": \"test-model\", \"timeoutMs\": 2000, \"maxRetries\": 2, \"backoffMs\": 5},"
                + " \"memory\": {\"embeddings\": false}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    static String users(int... ids) {
        return java.util.Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    static LlmRig rig(String json) {
        return new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json, Map.of()));
    }

    static LlmRig ruleTwin() {
        return LlmRig.ruleTwin(USERS, ITEMS, K, SEED, LlmRig.params("{\"rule\": " + RULE + "}").rule());
    }

    static Map<String, Long> outcomes(List<ModelCall> calls) {
        return calls.stream().collect(Collectors.groupingBy(ModelCall::outcome, TreeMap::new, Collectors.counting()));
    }

    static int slateOf(SlateBatch b, int user) {
        for (int s = 0; s < b.size(); s++) {
            if (b.user(s) == user) {
                return s;
            }
        }
        throw new AssertionError("no slate for user " + user);
    }
}
