package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.ModelCall;

/**
 * The LLM response cache: a replay gives the live run's events without any server call, a second
 * readwrite run asks only for recorded failures, and a miss or a missing cache fails clearly.
 */
class LlmUserModelCacheTest extends LlmUserModelFixture {

    @TempDir
    Path tmp;

    /** Deterministic answers: valid for most, malformed first for some, failing for user 3. */
    private static FakeLlmServer.Reply scripted(FakeLlmServer.Request r) {
        int u = r.user();
        if (u == 3) {
            return FakeLlmServer.Reply.status(500);
        }
        if (u == 2 && !r.isRetry()) {
            return FakeLlmServer.Reply.ok("not json");
        }
        int h = Math.floorMod(r.prompt().hashCode(), 97);
        int choice = h % (r.feedLength() + 1) - 1;
        return new FakeLlmServer.Reply(200, FakeLlmServer.action(choice, choice < 0 ? null : 1 + h % 5, h % 2 == 0,
                h % 3 == 0, false), 0, 90 + h, 10);
    }

    @Test
    void replayFromTheCacheGivesIdenticalEventsWithoutAnyServerCall() throws Exception {
        FakeLlmServer srv = server(LlmUserModelCacheTest::scripted);
        Path db = tmp.resolve("cache/llm");
        String live = json(srv.openAiUrl(), "\"cache\": {\"path\": \"" + db + "\"}").formatted(users(0, 1, 2, 3, 4, 5, 6));
        LlmRig a = rig(live);
        List<List<String>> liveEvents = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            liveEvents.add(LlmRig.rows(a.tick(t)));
        }
        ((LlmUserModel) a.model).close();
        int liveRequests = srv.received();
        assertThat(liveRequests).isGreaterThan(0);
        assertThat(Files.exists(tmp.resolve("cache/llm.mv.db"))).isTrue();
        // later prompts carry memories of earlier answers
        assertThat(srv.requests()).anySatisfy(r -> assertThat(r.prompt()).contains("[day 1] Opened"));

        String replay = json("http://127.0.0.1:1/v1", "\"cache\": {\"path\": \"" + db + "\", \"mode\": \"replay\"}")
                .formatted(users(0, 1, 2, 3, 4, 5, 6));
        LlmRig b = rig(replay);
        for (int t = 0; t < 3; t++) {
            assertThat(LlmRig.rows(b.tick(t))).as("tick %d", t).isEqualTo(liveEvents.get(t));
        }
        assertThat(srv.received()).isEqualTo(liveRequests); // zero calls during the replay
        Map<String, Long> o = outcomes(b.calls);
        assertThat(o.keySet()).containsExactlyInAnyOrder("cached", "cached_failure", "fallback");
        // as many decisions and fallbacks as live
        assertThat(b.calls.stream().filter(m -> m.outcome().equals("fallback")).count())
                .isEqualTo(a.calls.stream().filter(m -> m.outcome().equals("fallback")).count());
        assertThat(o.get("cached_failure")).isEqualTo(3L); // user 3, three ticks
        // the same prompt hashes
        assertThat(b.calls.stream().map(ModelCall::promptHash).collect(Collectors.toSet()))
                .isEqualTo(a.calls.stream().map(ModelCall::promptHash).collect(Collectors.toSet()));

        // a second readwrite run asks the server only for the recorded failures
        LlmRig c = rig(live);
        for (int t = 0; t < 3; t++) {
            assertThat(LlmRig.rows(c.tick(t))).isEqualTo(liveEvents.get(t));
        }
        assertThat(srv.received() - liveRequests).isEqualTo(3 * 3); // user 3: 3 attempts per tick
    }

    @Test
    void replayFailsClearlyOnAMissAndWithoutACache() throws Exception {
        FakeLlmServer srv = server(LlmUserModelCacheTest::scripted);
        Path db = tmp.resolve("llm-cache");
        LlmRig a = rig(json(srv.openAiUrl(), "\"cache\": {\"path\": \"" + db + "\"}").formatted(users(0, 1)));
        a.tick(0);
        ((LlmUserModel) a.model).close();
        // another user set: a prompt that was never recorded
        LlmRig b = rig(json("http://127.0.0.1:1/v1", "\"cache\": {\"path\": \"" + db + "\", \"mode\": \"replay\"}")
                .formatted(users(0, 1, 4)));
        assertThatThrownBy(() -> b.tick(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cache miss in replay mode").hasMessageContaining("user 4")
                .hasMessageMatching("(?s).*prompt sha256 [0-9a-f]{64}.*");
        assertThatThrownBy(() -> rig(json("http://127.0.0.1:1/v1", "\"cache\": {\"path\": \"" + tmp.resolve("none")
                + "\", \"mode\": \"replay\"}").formatted(users(0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> LlmRig.params("{\"cache\": {\"mode\": \"replay\"}}"))
                .hasRootCauseInstanceOf(InvalidParameterException.class).rootCause().hasMessageContaining("path");
    }
}
