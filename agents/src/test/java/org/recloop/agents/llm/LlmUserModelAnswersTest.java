package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * What becomes of each answer of the LLM: valid answers become events, malformed ones are retried
 * once with the error then fall back to the rule model, as do timeouts, HTTP errors, an unreachable
 * server and decisions after the token budget is spent.
 */
class LlmUserModelAnswersTest extends LlmUserModelFixture {

    @Test
    void validAnswersBecomeEventsAndOtherUsersFollowTheRuleModel() throws Exception {
        FakeLlmServer srv = server(r -> {
            int u = r.user();
            int choice = u % 6 - 1; // -1..4
            String a = u == 4 ? "{\"choice\": 3, \"rating\": 5, \"like\": true, \"share\": true, \"comment\": \"great\","
                    + " \"follow\": true, \"reason\": \"fits\"}"
                    : FakeLlmServer.action(choice, choice < 0 ? null : 1 + u % 5, u % 2 == 0, u % 3 == 0, u == 5);
            return new FakeLlmServer.Reply(200, a, 0, 100 + u, 10 + u);
        });
        LlmRig rig = rig(json(srv.openAiUrl(), "").formatted(users(0, 1, 2, 3, 4, 5)));
        SlateBatch slates = rig.slates(0);
        Population pop = rig.world.population();
        Catalog cat = rig.world.catalog();
        // expected utilities from the ground truth before the tick (drift changes it afterwards)
        Map<Integer, Float> util = new HashMap<>();
        for (int u = 0; u < 6; u++) {
            int s = slateOf(slates, u);
            int r = u % 6 - 1;
            if (u == 4) {
                r = 3;
            }
            if (r >= 0) {
                util.put(u, cat.dot(slates.item(s, r), pop.preferences(), u * pop.dim()));
            }
        }
        EventBuffer ev = rig.tick(0, slates, 512);

        // user 0: choice -1 -> SKIP only
        assertThat(LlmRig.rows(ev, u -> u == 0)).containsExactly("0,-1,SKIP," + slateOf(slates, 0) + ",-1,0.0,-1");
        // user 1: choice 0, rating 2, no like/share
        int s1 = slateOf(slates, 1);
        int i1 = slates.item(s1, 0);
        List<String> u1 = LlmRig.rows(ev, u -> u == 1);
        assertThat(u1).hasSize(3);
        assertThat(u1.get(0)).isEqualTo("1," + i1 + ",CLICK," + s1 + ",0," + util.get(1) + ",-1");
        assertThat(u1.get(1)).startsWith("1," + i1 + ",CONSUME," + s1 + ",0,");
        assertThat(u1.get(2)).isEqualTo("1," + i1 + ",RATE," + s1 + ",0,2.0,-1");
        // user 4: everything, including a comment (sentiment from the rating) and a follow of the creator
        int s4 = slateOf(slates, 4);
        int i4 = slates.item(s4, 3);
        List<EventType> types4 = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.user(i) == 4) {
                types4.add(EventType.ofCode(ev.typeCode(i)));
                assertThat(ev.item(i)).isEqualTo(i4);
                assertThat(ev.position(i)).isEqualTo(3);
                if (ev.is(i, EventType.COMMENT)) {
                    assertThat(ev.value(i)).isEqualTo(1f);
                }
                if (ev.is(i, EventType.FOLLOW)) {
                    assertThat(ev.target(i)).isEqualTo(cat.creator(i4));
                }
                if (ev.is(i, EventType.CLICK)) {
                    assertThat(ev.value(i)).isEqualTo(util.get(4));
                }
            }
        }
        List<EventType> expected4 = new ArrayList<>(List.of(EventType.CLICK, EventType.CONSUME, EventType.RATE,
                EventType.LIKE, EventType.SHARE, EventType.COMMENT));
        if (cat.creator(i4) != 4) {
            expected4.add(EventType.FOLLOW);
        }
        assertThat(types4).containsExactlyElementsOf(expected4);
        // user 5: leaves after its click
        assertThat(LlmRig.rows(ev, u -> u == 5)).last().asString().contains("LEAVE");
        assertThat(pop.status(5)).isEqualTo(Population.CHURNED);
        // events are in slate order
        for (int i = 1; i < ev.size(); i++) {
            assertThat(ev.user(i)).isGreaterThanOrEqualTo(ev.user(i - 1));
        }
        // rule users get exactly the events of a pure rule model
        LlmRig twin = ruleTwin();
        EventBuffer ref = twin.tick(0, twin.slates(0), 512);
        assertThat(LlmRig.rows(ev, u -> u >= 6)).isNotEmpty().isEqualTo(LlmRig.rows(ref, u -> u >= 6));
        // one call per agent, all ok, with the server's token counts, sorted by user
        assertThat(srv.received()).isEqualTo(6);
        assertThat(rig.calls).extracting(ModelCall::user).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(rig.calls).allSatisfy(m -> {
            assertThat(m.outcome()).isEqualTo("ok");
            assertThat(m.attempt()).isEqualTo(1);
            assertThat(m.tick()).isZero();
            assertThat(m.model()).isEqualTo("test-model");
            assertThat(m.tokensIn()).isEqualTo(100 + m.user());
            assertThat(m.tokensOut()).isEqualTo(10 + m.user());
            assertThat(m.promptHash()).hasSize(64);
        });
        // the prompt: profile, memories, the feed as numbered lines
        FakeLlmServer.Request req = srv.requests().get(0);
        assertThat(req.model()).isEqualTo("test-model");
        assertThat(req.prompt()).contains("You are user ", "care most about topic", "Your recent experiences:",
                "(none yet)", "It is now day 0.", "0. item ", "4. item ", "[from someone you follow]");
        assertThat(req.feedLength()).isEqualTo(K);
        assertThat(req.body()).contains("json_object");
        assertThat(LlmUserModel.sha256(Prompts.SYSTEM, req.prompt())).as("hash of the prompt %s", req.prompt()).isIn(
                rig.calls.stream().map(ModelCall::promptHash).toList());
    }

    @Test
    void malformedAnswersAreRetriedOnceWithTheErrorThenFallBackToTheRuleModel() throws Exception {
        FakeLlmServer srv = server(r -> {
            int u = r.user();
            if (u <= 2) { // wrong first, right on the retry
                if (r.isRetry()) {
                    return FakeLlmServer.Reply.ok(FakeLlmServer.action(1, 4, false, false, false));
                }
                return FakeLlmServer.Reply.ok(u == 0 ? "Sure! I would open the second one."
                        : u == 1 ? "{\"choice\": 42}" : "{\"choice\": \"two\", \"like\": \"yes\"}");
            }
            return FakeLlmServer.Reply.ok("{choice: 1}"); // never valid JSON
        });
        LlmRig rig = rig(json(srv.openAiUrl(), "").formatted(users(0, 1, 2, 3, 4, 5)));
        SlateBatch slates = rig.slates(0);
        EventBuffer ev = rig.tick(0, slates, 512);

        assertThat(srv.received()).isEqualTo(12); // 6 agents x (first try + one retry)
        assertThat(outcomes(rig.calls)).containsExactlyInAnyOrderEntriesOf(Map.of("invalid", 9L, "ok", 3L,
                "fallback", 3L));
        // per user: invalid, ok | invalid, invalid, fallback
        for (int u = 0; u < 6; u++) {
            int user = u;
            List<String> seq = rig.calls.stream().filter(m -> m.user() == user).map(ModelCall::outcome).toList();
            assertThat(seq).as("user %d", u).containsExactlyElementsOf(u <= 2 ? List.of("invalid", "ok")
                    : List.of("invalid", "invalid", "fallback"));
            assertThat(rig.calls.stream().filter(m -> m.user() == user).map(ModelCall::attempt).toList())
                    .isSortedAccordingTo(Integer::compare);
        }
        // the retry carries the validation error
        List<FakeLlmServer.Request> retries = srv.requests().stream().filter(FakeLlmServer.Request::isRetry).toList();
        assertThat(retries).hasSize(6);
        assertThat(retries).anySatisfy(r -> assertThat(r.prompt()).contains("no JSON object"));
        assertThat(retries).anySatisfy(r -> assertThat(r.prompt()).contains("'choice' is out of range: must be -1 or 0..4, was 42"));
        assertThat(retries).anySatisfy(r -> assertThat(r.prompt()).contains("'choice' must be an integer"));
        assertThat(retries).anySatisfy(r -> assertThat(r.prompt()).contains("not valid JSON"));
        // users 0-2 opened position 1 with rating 4; users 3-5 did what the rule model does
        for (int u = 0; u <= 2; u++) {
            int s = slateOf(slates, u);
            int user = u;
            assertThat(LlmRig.rows(ev, x -> x == user)).anySatisfy(row -> assertThat(row)
                    .isEqualTo(user + "," + slates.item(s, 1) + ",RATE," + s + ",1,4.0,-1"));
        }
        LlmRig twin = ruleTwin();
        EventBuffer ref = twin.tick(0, twin.slates(0), 512);
        assertThat(LlmRig.rows(ev, u -> u >= 3)).isEqualTo(LlmRig.rows(ref, u -> u >= 3));
    }

    @Test
    void slowAnswersBeyondTheTimeoutAreRetriedThenFallBack() throws Exception {
        // user 0 answers at once, users 1 and 2 only after a minute: a deadline of 1.5 s is far
        // from both, so a loaded machine cannot make the fast answer time out or the slow one arrive
        FakeLlmServer srv = server(r -> r.user() == 0
                ? FakeLlmServer.Reply.ok(FakeLlmServer.action(0, null, false, false, false))
                : FakeLlmServer.Reply.ok(FakeLlmServer.action(0, null, false, false, false)).delayed(60_000));
        String j = "{\"agents\": {\"users\": [0, 1, 2]}, \"rule\": " + RULE + ", \"provider\": {\"baseUrl\": \""
                + srv.openAiUrl() + "\", \"timeoutMs\": 1500, \"maxRetries\": 1, \"backoffMs\": 5},"
                + " \"memory\": {\"embeddings\": false}}";
        LlmRig rig = rig(j);
        long t0 = System.nanoTime();
        EventBuffer ev = rig.tick(0);
        double secs = (System.nanoTime() - t0) / 1e9;

        assertThat(srv.received()).isEqualTo(1 + 2 * 2);
        assertThat(outcomes(rig.calls)).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 1L, "timeout", 4L,
                "fallback", 2L));
        assertThat(rig.calls.stream().filter(m -> m.outcome().equals("timeout")))
                .allSatisfy(m -> assertThat(m.latencyMs()).isGreaterThanOrEqualTo(1_400.0));
        assertThat(secs).isLessThan(30.0); // did not wait for the slow answers (60 s each)
        assertThat(LlmRig.rows(ev, u -> u == 0).get(0)).contains("CLICK");
    }

    @Test
    void http429And500AreRetriedWithBackOffAndCountedPerOutcome() throws Exception {
        FakeLlmServer srv = server(r -> {
            String ok = FakeLlmServer.action(0, null, false, false, false);
            return switch (r.user()) {
                case 0 -> r.perUser() == 1 ? FakeLlmServer.Reply.status(429) : FakeLlmServer.Reply.ok(ok);
                case 1 -> r.perUser() <= 2 ? FakeLlmServer.Reply.status(500) : FakeLlmServer.Reply.ok(ok);
                case 2 -> FakeLlmServer.Reply.status(r.perUser() == 1 ? 429 : 503);
                case 3 -> FakeLlmServer.Reply.status(400); // not retried
                default -> FakeLlmServer.Reply.ok(ok);
            };
        });
        LlmRig rig = rig(json(srv.openAiUrl(), "").formatted(users(0, 1, 2, 3)));
        rig.tick(0);

        assertThat(srv.received()).isEqualTo(2 + 3 + 3 + 1);
        Map<String, Long> o = outcomes(rig.calls);
        // every response the server sent is one call row with the matching outcome
        srv.sentByStatus().forEach((status, n) -> assertThat(o.get(status == 200 ? "ok" : "http_" + status))
                .as("status %d", status).isEqualTo((long) n));
        assertThat(o).containsExactlyInAnyOrderEntriesOf(Map.of("http_429", 2L, "http_500", 2L, "http_503", 2L,
                "http_400", 1L, "ok", 2L, "fallback", 2L));
        assertThat(rig.calls.stream().filter(m -> m.user() == 1).map(ModelCall::outcome).toList())
                .containsExactly("http_500", "http_500", "ok");
        assertThat(rig.calls.stream().filter(m -> m.user() == 1).map(ModelCall::attempt).toList())
                .containsExactly(1, 2, 3);
        assertThat(rig.calls.stream().filter(m -> m.user() == 3).map(ModelCall::outcome).toList())
                .containsExactly("http_400", "fallback");
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("http_500"));
    }

    @Test
    void anUnreachableServerFallsBackFast() throws Exception {
        // port 1: nothing listens there (a port picked and released could be taken by then)
        String j = "{\"agents\": {\"users\": [0, 1]}, \"provider\": {\"baseUrl\": \"http://127.0.0.1:1"
                + "/v1\", \"timeoutMs\": 500, \"maxRetries\": 1, \"backoffMs\": 1}, \"memory\": {\"embeddings\": false}}";
        LlmRig rig = rig(j);
        EventBuffer ev = rig.tick(0);
        assertThat(outcomes(rig.calls)).containsExactlyInAnyOrderEntriesOf(Map.of("unreachable", 4L, "fallback", 2L));
        assertThat(ev.size()).isPositive();
    }

    @Test
    void theTokenBudgetSwitchesDecisionsToTheRuleModelWithOneWarning() throws Exception {
        FakeLlmServer srv = server(r -> new FakeLlmServer.Reply(200, FakeLlmServer.action(-1, null, false, false, false),
                0, 100, 20));
        LlmRig rig = rig(json(srv.openAiUrl(), "\"budget\": {\"maxTokens\": 700}").formatted(users(0, 1, 2, 3, 4)));
        int before = logs.list.size();
        rig.tick(0); // 600 tokens
        rig.tick(1); // 1200 >= 700: exhausted after this tick
        assertThat(((LlmUserModel) rig.model).budgetExhausted()).isTrue();
        int served = srv.received();
        EventBuffer t2 = rig.tick(2);
        rig.tick(3);

        assertThat(served).isEqualTo(10);
        assertThat(srv.received()).isEqualTo(10);
        assertThat(rig.calls.stream().filter(m -> m.tick() >= 2)).hasSize(10)
                .allSatisfy(m -> assertThat(m.outcome()).isEqualTo("budget"));
        assertThat(rig.calls.stream().filter(m -> m.tick() < 2)).allSatisfy(m -> assertThat(m.outcome()).isEqualTo("ok"));
        assertThat(((LlmUserModel) rig.model).usedTokens()).isEqualTo(1200);
        List<ILoggingEvent> warns = logs.list.subList(before, logs.list.size()).stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("budget")).toList();
        assertThat(warns).hasSize(1);
        assertThat(warns.get(0).getFormattedMessage()).contains("1200 of 700 tokens", "from tick 2");
        // budget decisions are the rule model's (certain rate/like on opened items)
        for (int i = 0; i < t2.size(); i++) {
            if (t2.user(i) < 5 && t2.is(i, EventType.CLICK) && t2.slate(i) >= 0) {
                assertThat(t2.is(i + 1, EventType.CONSUME)).isTrue();
                assertThat(t2.is(i + 2, EventType.RATE)).isTrue();
            }
        }
    }
}
