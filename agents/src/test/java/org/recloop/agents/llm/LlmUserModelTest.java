package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * The LLM user model against a scripted local OpenAI-compatible server, through the real
 * LangChain4j client: valid answers, malformed answers, timeouts, HTTP errors, cache replay,
 * budget, environment overrides, secrets, Ollama, selection, ordering, memory and reflection.
 */
class LlmUserModelTest {

    private static final int USERS = 20;
    private static final int ITEMS = 200;
    private static final int K = 5;
    private static final long SEED = 7;
    /** Rule model with every reaction certain: fallbacks are easy to recognise. */
    private static final String RULE = "{\"actions\": {\"rate\": 1.0, \"like\": 1.0}}";

    private static ListAppender<ILoggingEvent> logs;
    private static final List<FakeLlmServer> servers = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void logging() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void stop() {
        servers.forEach(FakeLlmServer::close);
    }

    private static FakeLlmServer server(FakeLlmServer.Script script) throws Exception {
        FakeLlmServer s = new FakeLlmServer(script);
        servers.add(s);
        return s;
    }

    private static String json(String url, String extra) {
        return "{\"agents\": {\"users\": %s}, \"rule\": " + RULE + ", \"provider\": {\"baseUrl\": \"" + url
                + "\", \"model\": \"test-model\", \"timeoutMs\": 2000, \"maxRetries\": 2, \"backoffMs\": 5},"
                + " \"memory\": {\"embeddings\": false}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String users(int... ids) {
        return java.util.Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static LlmRig rig(String json) {
        return new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json, Map.of()));
    }

    private static LlmRig ruleTwin() {
        return LlmRig.ruleTwin(USERS, ITEMS, K, SEED, LlmRig.params("{\"rule\": " + RULE + "}").rule());
    }

    private static Map<String, Long> outcomes(List<ModelCall> calls) {
        return calls.stream().collect(Collectors.groupingBy(ModelCall::outcome, TreeMap::new, Collectors.counting()));
    }

    private static int slateOf(SlateBatch b, int user) {
        for (int s = 0; s < b.size(); s++) {
            if (b.user(s) == user) {
                return s;
            }
        }
        throw new AssertionError("no slate for user " + user);
    }

    // ---------------------------------------------------------------- valid answers

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

    // ---------------------------------------------------------------- malformed answers

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

    // ---------------------------------------------------------------- timeouts and HTTP errors

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

    // ---------------------------------------------------------------- cache and replay

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
        FakeLlmServer srv = server(LlmUserModelTest::scripted);
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
        FakeLlmServer srv = server(LlmUserModelTest::scripted);
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

    // ---------------------------------------------------------------- budget

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

    // ---------------------------------------------------------------- environment and secrets

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

    // ---------------------------------------------------------------- ollama

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

    // ---------------------------------------------------------------- selection and validation

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

    // ---------------------------------------------------------------- ordering and concurrency

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

    // ---------------------------------------------------------------- memory and reflection

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
