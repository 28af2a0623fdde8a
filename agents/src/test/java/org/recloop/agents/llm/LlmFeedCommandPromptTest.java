package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code feedCommands} off (the default) the LLM user's prompts are byte for byte those from
 * before the switch existed, so every recorded response cache and golden log stays valid: the
 * SHA-256 of the system message and of the tick's decision prompts were recorded on the code
 * without the switch. An answer's {@code command} field is ignored then, like any unknown field.
 */
class LlmFeedCommandPromptTest {

    /** SHA-256 of {@link Prompts#SYSTEM}, recorded before the command action existed. */
    static final String SYSTEM_SHA = "5e02b55d6fe6f93b223be6f921981282680b74b131dea1b2dd14ea6a7c4fc051";
    /** SHA-256 of the decision prompts of the rig below (3 ticks, agents 0..3), joined by a newline. */
    static final String PROMPTS_SHA = "15ac05c67de9fe6e2d10e8e6d387d2fe4d236d51587baa48bebb01c4283e806a";

    private FakeLlmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String json(String url, String extra) {
        return "{\"agents\": {\"users\": [0, 1, 2, 3]}, \"provider\": {\"baseUrl\": \"" + url
                + "\", \"model\": \"test-model\", \"timeoutMs\": 5000, \"maxRetries\": 0, \"backoffMs\": 5},"
                + " \"memory\": {\"embeddings\": false}" + extra + "}";
    }

    @Test
    void withTheSwitchOffThePromptsAreThoseOfBeforeAndACommandFieldIsIgnored() throws Exception {
        server = new FakeLlmServer(req -> FakeLlmServer.Reply.ok("{\"choice\": " + (req.user() % 2 == 0 ? 0 : -1)
                + ", \"reason\": \"fits\", \"command\": \"less of topic 1\"}"));
        LlmRig rig = new LlmRig(12, 120, 5, 7, LlmRig.model(json(server.openAiUrl(), ""), Map.of()));
        for (int t = 0; t < 3; t++) {
            rig.tick(t);
        }
        List<FakeLlmServer.Request> reqs = server.requests().stream()
                .sorted(java.util.Comparator.comparingInt(FakeLlmServer.Request::day)
                        .thenComparingInt(FakeLlmServer.Request::user))
                .toList();
        assertThat(reqs).hasSize(12);
        assertThat(reqs).allSatisfy(r -> assertThat(PromptHash.of("", r.system())).isEqualTo(SYSTEM_SHA));
        String prompts = reqs.stream().map(FakeLlmServer.Request::prompt).collect(Collectors.joining("\n"));
        assertThat(PromptHash.of("", prompts)).isEqualTo(PROMPTS_SHA);
        assertThat(rig.model.drainFeedCommands()).isEmpty();
        assertThat(rig.calls).extracting(org.recloop.core.log.ModelCall::outcome).containsOnly("ok");
    }
}
