package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.ModelCall;

/**
 * The {@code command} action of LLM users ({@code feedCommands: true}), against a scripted local
 * OpenAI-compatible server through the real LangChain4j client: its prompt, its validation (an
 * empty or wordless command is an invalid answer, retried once with the error, then the rule
 * model's fallback, all in llm_calls), the texts handed to the wrapper, and the refusal to start
 * without a wrapper that reads them.
 */
class LlmCommandActionTest {

    private FakeLlmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCommandFieldIsReadOnlyWithTheSwitchAndMustHoldWords() throws Exception {
        String a = "{\"choice\": 1, \"command\": \"  no more from creator 4 \"}";
        assertThat(LlmAction.parse(a, 3, new int[0], true).command()).isEqualTo("no more from creator 4");
        assertThat(LlmAction.parse(a, 3, new int[0], false).command()).isNull();
        assertThat(LlmAction.parse("{\"choice\": -1, \"command\": null}", 3, new int[0], true).command()).isNull();
        assertThat(LlmAction.parse("{\"choice\": -1, \"command\": \"less sport\"}", 3, new int[0], true).command())
                .isEqualTo("less sport");
        String[][] bad = {
            {"{\"choice\": 0, \"command\": \"\"}", "field 'command' is empty"},
            {"{\"choice\": 0, \"command\": \"   \"}", "field 'command' is empty"},
            {"{\"choice\": 0, \"command\": \"?? 42 !!\"}", "field 'command' has no words"},
            {"{\"choice\": 0, \"command\": 7}", "field 'command' must be a string or null"},
            {"{\"choice\": 0, \"command\": \"" + "a".repeat(301) + "\"}", "field 'command' is too long"},
        };
        for (String[] c : bad) {
            assertThatThrownBy(() -> LlmAction.parse(c[0], 3, new int[0], true)).as(c[0])
                    .isInstanceOf(LlmAction.InvalidAnswer.class).hasMessageContaining(c[1]);
            assertThat(LlmAction.parse(c[0], 3, new int[0], false).command()).isNull();
        }
    }

    @Test
    void theSwitchAddsTheCommandFieldToTheSystemPromptAndTheCreatorToFeedLines() {
        assertThat(Prompts.system(false)).isSameAs(Prompts.SYSTEM);
        assertThat(Prompts.system(true)).startsWith(Prompts.SYSTEM.substring(0, Prompts.SYSTEM.length() - 1))
                .contains("\"command\": \"<tell the platform what you want more or less of").endsWith("or null>\"}");
    }

    @Test
    void withoutAReaderTheSwitchIsRefusedAtInit() throws Exception {
        server = new FakeLlmServer(req -> FakeLlmServer.Reply.ok("{\"choice\": 0}"));
        LlmUserModel m = LlmRig.model(LlmFeedCommandPromptTest.json(server.openAiUrl(), ", \"feedCommands\": true"),
                Map.of());
        assertThatThrownBy(() -> new LlmRig(12, 120, 5, 7, m)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("feedCommands").hasMessageContaining("type: feed-commands");
    }

    @Test
    void aCommandAccompaniesTheChoiceAndAWordlessOneIsRetriedThenFallsBack() throws Exception {
        // user 0 opens position 1 and asks for no more of a creator; user 1 says nothing twice in a row
        server = new FakeLlmServer(req -> switch (req.user()) {
            case 0 -> FakeLlmServer.Reply.ok("{\"choice\": 1, \"command\": \"no more from creator 3\"}");
            case 1 -> FakeLlmServer.Reply.ok("{\"choice\": 0, \"command\": \"...\"}");
            default -> FakeLlmServer.Reply.ok("{\"choice\": -1, \"command\": null}");
        });
        LlmUserModel m = LlmRig.model(LlmFeedCommandPromptTest.json(server.openAiUrl(), ", \"feedCommands\": true"),
                Map.of());
        m.acceptReader();
        LlmRig rig = new LlmRig(12, 120, 5, 7, m);
        var ev = rig.tick(0);
        assertThat(m.drainSaidCommands()).containsExactly(new FeedCommandSpeaker.Said(0, 0, "no more from creator 3"));
        assertThat(m.drainSaidCommands()).isEmpty();
        // the command accompanied the click
        assertThat(LlmRig.rows(ev, u -> u == 0)).first().asString().contains(",CLICK,");
        // every request carried the command field; the feed lines name creators
        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.system()).isEqualTo(Prompts.SYSTEM_WITH_COMMAND);
            assertThat(r.prompt()).contains(" by creator ");
        });
        // user 1: invalid, asked again with the error, invalid again, the rule model decided
        List<FakeLlmServer.Request> one = server.requests().stream().filter(r -> r.user() == 1).toList();
        assertThat(one).hasSize(2);
        assertThat(one.get(1).prompt()).contains("It was invalid: field 'command' has no words");
        assertThat(rig.calls.stream().filter(c -> c.user() == 1).map(ModelCall::outcome).toList())
                .containsExactly("invalid", "invalid", "fallback");
        assertThat(rig.calls.stream().filter(c -> c.user() != 1).map(ModelCall::outcome).toList()).containsOnly("ok");
        // the agent remembers what it asked for
        assertThat(m.memory(0)).anyMatch(s -> s.contains("Told the platform: \"no more from creator 3\""));
        assertThat(m.speaksForItself(0)).isTrue();
        assertThat(m.speaksForItself(5)).isFalse();
        assertThat(ev.size()).isPositive();
    }
}
