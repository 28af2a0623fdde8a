package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;

/**
 * Configuring the LLM user model: environment overrides of base URL and model, the API key (only
 * from the environment, never logged), the Ollama provider, choosing the LLM agents, and parameter
 * validation and defaults.
 */
class LlmUserModelConfigTest extends LlmUserModelFixture {

    @Test
    void theEnvironmentOverridesBaseUrlAndModel() throws Exception {
        FakeLlmServer srv = server(r -> FakeLlmServer.Reply.ok(FakeLlmServer.action(-1, null, false, false, false)));
        String j = json("http://127.0.0.1:1/v1", "").formatted(users(0, 1));
        LlmUserModel m = LlmRig.model(j, Map.of(Environment.BASE_URL, srv.openAiUrl(), Environment.MODEL, "env-model"));
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, m);
        rig.tick(0);
        assertThat(m.baseUrl()).isEqualTo(srv.openAiUrl());
        assertThat(m.modelName()).isEqualTo("env-model");
        assertThat(srv.received()).isEqualTo(2);
        assertThat(srv.requests()).allSatisfy(r -> {
            assertThat(r.model()).isEqualTo("env-model");
            assertThat(r.auth()).isNull(); // no key configured: no Authorization header
        });
        assertThat(rig.calls).extracting(ModelCall::model).containsOnly("env-model");
        // blank values do not override
        LlmUserModel blank = LlmRig.model(j, Map.of(Environment.BASE_URL, " ", Environment.MODEL, ""));
        assertThat(blank.baseUrl()).isEqualTo("http://127.0.0.1:1/v1");
        assertThat(blank.modelName()).isEqualTo("test-model");
    }

    @Test
    void theApiKeyComesOnlyFromTheEnvironmentAndNeverLeaks() throws Exception {
        String key = "sk-test-SECRET-4242";
        FakeLlmServer srv = server(r -> switch (r.user()) {
            // error bodies that echo the credentials back
            case 0 -> new FakeLlmServer.Reply(500, "{\"error\": \"boom for " + r.auth() + "\"}", 0, 0, 0);
            case 1 -> new FakeLlmServer.Reply(401, "{\"error\": \"bad key " + key + "\"}", 0, 0, 0);
            default -> FakeLlmServer.Reply.ok(FakeLlmServer.action(0, 3, true, false, false));
        });
        int before = logs.list.size();
        String j = json(srv.openAiUrl(), "").formatted(users(0, 1, 2));
        LlmUserModel m = LlmRig.model(j, Map.of(Environment.API_KEY, key));
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, m);
        rig.tick(0);
        assertThat(srv.requests()).allSatisfy(r -> assertThat(r.auth()).isEqualTo("Bearer " + key));
        assertThat(outcomes(rig.calls)).containsEntry("http_500", 3L).containsEntry("http_401", 1L)
                .containsEntry("fallback", 2L).containsEntry("ok", 1L);
        assertThat(rig.calls.toString()).doesNotContain(key).doesNotContain("SECRET");
        for (ILoggingEvent e : logs.list.subList(before, logs.list.size())) {
            assertThat(e.getFormattedMessage()).doesNotContain(key);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(key);
            }
        }
        assertThat(logs.list.subList(before, logs.list.size()))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("http_500", "[REDACTED]"));
        // the client's exceptions carry redacted messages
        LangChainLlmClient c = LangChainLlmClient.create(m.params().provider(), srv.openAiUrl(), "x", key);
        assertThatThrownBy(() -> c.chat(Prompts.SYSTEM, "You are user 1 of the platform."))
                .isInstanceOf(LlmClient.LlmCallException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).contains("[REDACTED]").contains("HTTP 401"));
        // a key in the scenario is not even a parameter
        assertThatThrownBy(() -> LlmRig.params("{\"provider\": {\"apiKey\": \"" + key + "\"}}"))
                .hasCauseInstanceOf(UnrecognizedPropertyException.class);
        assertThat(m.params().toString()).doesNotContain(key);
    }

    @Test
    void theOllamaProviderUsesTheNativeChatApi() throws Exception {
        FakeLlmServer srv = server(r -> new FakeLlmServer.Reply(200, FakeLlmServer.action(2, 5, false, true, false),
                0, 77, 11));
        String j = "{\"agents\": {\"users\": [0, 1]}, \"provider\": {\"type\": \"ollama\", \"baseUrl\": \""
                + srv.ollamaUrl() + "\", \"model\": \"qwen2.5:0.5b\"}, \"memory\": {\"embeddings\": false}}";
        LlmRig rig = rig(j);
        EventBuffer ev = rig.tick(0);
        assertThat(srv.requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.ollama()).isTrue();
            assertThat(r.model()).isEqualTo("qwen2.5:0.5b");
            assertThat(r.body()).contains("\"format\"");
        });
        assertThat(rig.calls).allSatisfy(m -> {
            assertThat(m.outcome()).isEqualTo("ok");
            assertThat(m.tokensIn()).isEqualTo(77);
            assertThat(m.tokensOut()).isEqualTo(11);
        });
        assertThat(LlmRig.rows(ev, u -> u == 0)).anySatisfy(row -> assertThat(row).contains(",SHARE,"));
        assertThat(LlmRig.params("{\"provider\": {\"type\": \"ollama\"}}").provider().baseUrl())
                .isEqualTo("http://localhost:11434");
    }

    @Test
    void agentsAreChosenByFractionArchetypeOrIds() {
        LlmUserModel f = LlmRig.model("{\"agents\": {\"fraction\": 0.25}}", Map.of());
        new LlmRig(USERS, ITEMS, K, SEED, f);
        assertThat(f.llmAgentCount()).isEqualTo(5);
        LlmUserModel f2 = LlmRig.model("{\"agents\": {\"fraction\": 0.25}}", Map.of());
        new LlmRig(USERS, ITEMS, K, SEED, f2);
        for (int u = 0; u < USERS; u++) {
            assertThat(f2.isLlmAgent(u)).isEqualTo(f.isLlmAgent(u)); // seeded
        }
        assertThat(LlmRig.params("{}").agents().fraction()).isEqualTo(0.1);

        String arch = "{\"agents\": {\"archetype\": \"%s\"}, \"rule\": {\"archetypes\": [{\"name\": \"casual\","
                + " \"share\": 0.5}, {\"name\": \"explorer\", \"share\": 0.5}]}}";
        for (String id : List.of("explorer", "1")) {
            LlmUserModel a = LlmRig.model(arch.formatted(id), Map.of());
            LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, a);
            int n = 0;
            for (int u = 0; u < USERS; u++) {
                assertThat(a.isLlmAgent(u)).isEqualTo(rig.world.population().archetype(u) == 1);
                n += a.isLlmAgent(u) ? 1 : 0;
            }
            assertThat(n).isBetween(1, USERS - 1);
        }
        LlmUserModel ids = LlmRig.model("{\"agents\": {\"users\": [3, 17]}}", Map.of());
        new LlmRig(USERS, ITEMS, K, SEED, ids);
        assertThat(ids.llmAgentCount()).isEqualTo(2);
        assertThat(ids.isLlmAgent(3) && ids.isLlmAgent(17) && !ids.isLlmAgent(4)).isTrue();
        LlmUserModel outside = LlmRig.model("{\"agents\": {\"users\": [3, 99]}}", Map.of());
        assertThatThrownBy(() -> new LlmRig(USERS, ITEMS, K, SEED, outside)).hasMessageContaining("user 99");
    }

    @Test
    void invalidParametersAreRejected() {
        Map<String, String> bad = Map.of(
                "{\"agents\": {\"fraction\": 0.1, \"users\": [1]}}", "only one of",
                "{\"agents\": {\"fraction\": 1.5}}", "fraction",
                "{\"agents\": {\"archetype\": \"nobody\"}}", "unknown archetype 'nobody'",
                "{\"provider\": {\"type\": \"gpt\"}}", "'openai' or 'ollama'",
                "{\"provider\": {\"maxConcurrent\": 0}}", "maxConcurrent",
                "{\"provider\": {\"baseUrl\": \"localhost:8000\"}}", "http://",
                "{\"cache\": {\"path\": \"x\", \"mode\": \"write\"}}", "'readwrite' or 'replay'",
                "{\"budget\": {\"maxTokens\": -1}}", "maxTokens",
                "{\"rule\": {\"driftRate\": 2}}", "driftRate");
        bad.forEach((j, msg) -> assertThatThrownBy(() -> LlmRig.params(j)).as(j).rootCause().hasMessageContaining(msg));
        LlmUserModel.Params d = LlmUserModel.Params.defaults();
        assertThat(d.provider().maxConcurrent()).isEqualTo(64);
        assertThat(d.provider().requestsPerSecond()).isZero();
        assertThat(d.provider().baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(d.memory().embeddings()).isTrue();
        assertThat(d.reflection().every()).isZero();
        assertThat(d.cache().path()).isNull();
        assertThat(d.cache().mode()).isEqualTo("readwrite");
        assertThat(d.budget().maxTokens()).isZero();
    }
}
