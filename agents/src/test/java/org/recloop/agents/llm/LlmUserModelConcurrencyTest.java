package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ModelCall;

/**
 * Concurrent LLM calls: events follow slate order whatever order the answers arrive in, and
 * requestsPerSecond limits the call rate.
 */
class LlmUserModelConcurrencyTest extends LlmUserModelFixture {

    @Test
    void eventsFollowSlateOrderWhateverTheOrderOfAnswers() throws Exception {
        int[] all = java.util.stream.IntStream.range(0, USERS).toArray();
        List<List<String>> runs = new ArrayList<>();
        for (boolean reverse : new boolean[] {false, true}) {
            FakeLlmServer srv = server(r -> {
                int h = Math.floorMod(r.prompt().hashCode(), 31);
                int choice = h % (r.feedLength() + 1) - 1;
                int delay = 5 + 4 * (reverse ? USERS - r.user() : r.user()); // answers arrive in opposite orders
                return FakeLlmServer.Reply.ok(FakeLlmServer.action(choice, choice < 0 ? null : 3, h % 2 == 0, false,
                        false)).delayed(delay);
            });
            String j = "{\"agents\": {\"users\": " + users(all) + "}, \"provider\": {\"baseUrl\": \"" + srv.openAiUrl()
                    + "\", \"maxConcurrent\": 8}, \"memory\": {\"embeddings\": false}}";
            LlmRig rig = rig(j);
            List<String> rows = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                rows.addAll(LlmRig.rows(rig.tick(t, rig.slates(t), 7))); // three chunks in parallel
            }
            runs.add(rows);
            assertThat(rig.calls).extracting(ModelCall::outcome).containsOnly("ok");
            List<ModelCall> sorted = new ArrayList<>(rig.calls);
            sorted.sort(java.util.Comparator.comparingInt(ModelCall::tick).thenComparingInt(ModelCall::user));
            assertThat(rig.calls).isEqualTo(sorted);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void requestsPerSecondLimitsTheCallRate() throws Exception {
        FakeLlmServer srv = server(r -> FakeLlmServer.Reply.ok(FakeLlmServer.action(-1, null, false, false, false)));
        String j = "{\"agents\": {\"users\": [0, 1, 2, 3, 4, 5]}, \"provider\": {\"baseUrl\": \"" + srv.openAiUrl()
                + "\", \"requestsPerSecond\": 20}, \"memory\": {\"embeddings\": false}}";
        LlmRig rig = rig(j);
        long t0 = System.nanoTime();
        rig.tick(0);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(srv.received()).isEqualTo(6);
        assertThat(secs).isGreaterThanOrEqualTo(5 / 20.0 * 0.9); // 6 calls at 20/s: >= 0.25 s
    }
}
