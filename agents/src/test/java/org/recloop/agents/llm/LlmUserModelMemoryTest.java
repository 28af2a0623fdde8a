package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ModelCall;

/**
 * Memory of LLM agents: earlier sessions and periodic reflections appear in later prompts, and
 * reflections are calls of their own.
 */
class LlmUserModelMemoryTest extends LlmUserModelFixture {

    @Test
    void memoriesAndReflectionsAppearInLaterPrompts() throws Exception {
        FakeLlmServer srv = server(r -> {
            if (r.isReflection()) {
                return FakeLlmServer.Reply.ok("{\"insight\": \"I keep coming back to topic " + r.user() + ".\"}");
            }
            return FakeLlmServer.Reply.ok(FakeLlmServer.action(r.day() % 2 == 0 ? 1 : -1, 4, true, false, false));
        });
        String j = "{\"agents\": {\"users\": [0, 1]}, \"provider\": {\"baseUrl\": \"" + srv.openAiUrl() + "\"},"
                + " \"memory\": {\"embeddings\": false, \"shortTerm\": 2, \"retrieve\": 1},"
                + " \"reflection\": {\"every\": 2, \"window\": 4}}";
        LlmRig rig = rig(j);
        for (int t = 0; t < 5; t++) {
            rig.tick(t);
        }
        // reflections after sessions 2 and 4, as an extra call following the decision
        assertThat(rig.calls.stream().filter(m -> m.outcome().equals("reflection")).map(ModelCall::tick).toList())
                .containsExactly(1, 1, 3, 3);
        assertThat(rig.calls.stream().filter(m -> m.user() == 0 && m.tick() == 1).map(ModelCall::attempt).toList())
                .containsExactly(1, 2);
        List<FakeLlmServer.Request> user0 = srv.requests().stream()
                .filter(r -> r.user() == 0 && !r.isReflection()).sorted(java.util.Comparator.comparingInt(
                        FakeLlmServer.Request::day)).toList();
        assertThat(user0).hasSize(5);
        String day4 = user0.get(4).prompt();
        // short-term: the last two sessions; older: the best-scored memory (the fresh reflection)
        assertThat(day4).contains("[day 2] Opened", "liked it", "rated it 4/5", "[day 3] Opened nothing from a feed about topics");
        assertThat(day4).contains("Older memories that come to mind:\n- [day 3] Reflection: I keep coming back to topic 0.");
        assertThat(day4).doesNotContain("[day 0]");
        String reflection = srv.requests().stream().filter(r -> r.user() == 0 && r.isReflection()).toList().get(1).prompt();
        assertThat(reflection).contains("[day 1] Reflection: I keep coming back to topic 0.", "[day 3] Opened nothing")
                .contains("high-level insights").doesNotContain("[day 0]");
    }
}
