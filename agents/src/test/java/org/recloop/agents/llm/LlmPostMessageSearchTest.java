package org.recloop.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Topics;

/**
 * LLM agents' posts, chat messages and free-text searches, through the real LangChain4j client
 * against the scripted server, in a catalog whose titles give each topic a theme (cooking,
 * football, astronomy, money, gardening) so that the item a text should find is known.
 */
class LlmPostMessageSearchTest {

    private static final int USERS = 20;
    private static final int ITEMS = 200;
    private static final int K = 5;
    private static final long SEED = 7;
    private static final int GARDENING = 4;
    private static final String[][] THEMES = {
        {"Easy pasta recipes for weeknight dinners", "Baking sourdough bread at home", "A home cook's guide to Thai curry",
            "Chocolate cake and other desserts", "Roasting vegetables in the oven"},
        {"Champions League match highlights", "Training drills for young strikers", "The greatest goalkeepers in football",
            "Tactics of the modern football midfield", "Penalty shootouts that decided finals"},
        {"Watching the rings of Saturn through a telescope", "How black holes form", "The planets of the solar system",
            "Galaxies and the expanding universe", "Spotting meteor showers at night"},
        {"Index funds for beginners", "Saving money for retirement", "How interest rates affect your mortgage",
            "Budgeting your monthly salary", "Paying off credit card debt"},
        {"Pruning roses in early spring", "Growing herbs on a windowsill", "Composting kitchen scraps for your garden",
            "Choosing flower bulbs for autumn planting", "Keeping slugs away from lettuce beds"},
    };

    private static final List<FakeLlmServer> servers = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() {
        servers.forEach(FakeLlmServer::close);
    }

    private static FakeLlmServer server(FakeLlmServer.Script script) throws Exception {
        FakeLlmServer s = new FakeLlmServer(script);
        servers.add(s);
        return s;
    }

    private static String json(String url, String users, String extra) {
        return "{\"agents\": {\"users\": " + users + "}, \"rule\": {\"actions\": {\"rate\": 1.0, \"post\": 1.0}},"
                + " \"provider\": {\"baseUrl\": \"" + url + "\", \"model\": \"test-model\", \"timeoutMs\": 5000,"
                + " \"maxRetries\": 1, \"backoffMs\": 5}, \"memory\": {\"embeddings\": false}"
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** A rig whose items carry themed titles (theme by topic); set before the first tick, as a real catalog's. */
    private static LlmRig rig(String json) {
        LlmRig rig = new LlmRig(USERS, ITEMS, K, SEED, LlmRig.model(json, Map.of()));
        Catalog c = rig.world.catalog();
        assertThat(Topics.count(c)).isEqualTo(THEMES.length);
        for (int i = 0; i < c.size(); i++) {
            String[] theme = THEMES[c.topic(i)];
            c.setTitle(i, theme[i % theme.length] + ", part " + i);
        }
        return rig;
    }

    private static List<String> rowsOf(EventBuffer ev, int user) {
        return LlmRig.rows(ev, u -> u == user);
    }

    private static List<AgentText> textsOf(LlmRig rig, int user) {
        return rig.texts.stream().filter(t -> t.user() == user).toList();
    }

    private static int slateOf(SlateBatch b, int user) {
        for (int s = 0; s < b.size(); s++) {
            if (b.user(s) == user) {
                return s;
            }
        }
        throw new AssertionError("no slate for user " + user);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- post

    @Test
    void aPostBecomesACatalogItemPlacedByItsTextAndAPostEventWithItsText() throws Exception {
        String post = "My spring routine: pruning the roses and planting tulip bulbs in the flower beds";
        FakeLlmServer srv = server(r -> FakeLlmServer.Reply.ok(r.user() == 0
                ? "{\"choice\": -1, \"reason\": \"nothing for me today\", \"post\": \"" + post + "\"}"
                : "not json")); // user 1: two invalid answers, the rule model decides
        LlmRig rig = rig(json(srv.openAiUrl(), "[0, 1]", ""));
        Catalog c = rig.world.catalog();
        int before = c.size();
        SlateBatch slates = rig.slates(0);
        EventBuffer ev = rig.tick(0, slates, 512);

        // every user with a session posts under the rule model (post: 1.0) except the LLM-decided agent 0,
        // which posts exactly what its answer says, after the rule posts
        assertThat(c.size()).isEqualTo(before + slates.size());
        List<String> u0 = rowsOf(ev, 0);
        int item = c.size() - 1;
        assertThat(u0).containsExactly("0,-1,SKIP," + slateOf(slates, 0) + ",-1,0.0,-1", "0," + item + ",POST,-1,-1,1.0,-1");
        assertThat(ev.user(ev.size() - 1)).isZero(); // the LLM post is the tick's last event
        assertThat(c.creator(item)).isZero();
        assertThat(c.createdTick(item)).isZero();
        assertThat(c.title(item)).contains(post);
        assertThat(c.quality(item)).isBetween(0f, 1f);
        // placed by its text: near the gardening titles, so in the gardening topic, with unit features
        assertThat(c.topic(item)).isEqualTo(GARDENING);
        double norm = 0;
        for (int f = 0; f < c.dim(); f++) {
            norm += c.feature(item, f) * c.feature(item, f);
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        // the fallback agent got the rule model's post (no title), no text
        assertThat(rowsOf(ev, 1)).filteredOn(r -> r.contains(",POST,")).hasSize(1)
                .allSatisfy(r -> assertThat(c.title(Integer.parseInt(r.split(",")[1]))).isEmpty());
        assertThat(textsOf(rig, 1)).isEmpty();
        assertThat(rig.calls.stream().filter(m -> m.user() == 1).map(ModelCall::outcome).toList())
                .containsExactly("invalid", "invalid", "fallback");
        // texts: the reason on the SKIP, then the post on the POST with the new item
        assertThat(textsOf(rig, 0)).containsExactly(
                new AgentText(0, 0, EventType.SKIP, -1, -1, "reason", "nothing for me today"),
                new AgentText(0, 0, EventType.POST, item, -1, "post", post));
        // the post is remembered, and feeds show its text to others
        rig.tick(1);
        FakeLlmServer.Request next = srv.requests().stream().filter(r -> r.user() == 0 && r.day() == 1).findFirst()
                .orElseThrow();
        assertThat(next.prompt()).contains("Wrote a post: \"My spring routine: pruning the roses");
        assertThat(Prompts.describe(c, item)).startsWith("\"" + post + "\" (topic " + GARDENING);
    }

    // ---------------------------------------------------------------- message

    @Test
    void aMessageToAFolloweeIsAMessageEventAndAnyOtherAddresseeIsRetriedThenFallsBack() throws Exception {
        FakeLlmServer srv = server(r -> FakeLlmServer.Reply.ok(switch (r.user()) {
            case 0 -> "{\"choice\": 1, \"rating\": 4, \"comment\": \"lovely\", \"message\": {\"to\": 7, \"text\": \"You"
                    + " have to read this one!\"}}";
            case 1 -> "{\"choice\": -1, \"message\": {\"to\": 9, \"text\": \"hi\"}}"; // follows only user 2
            default -> "{\"choice\": -1, \"message\": {\"to\": 5, \"text\": \"hi\"}}"; // follows nobody
        }));
        LlmRig rig = rig(json(srv.openAiUrl(), "[0, 1, 2]", ""));
        rig.world.graph().follow(0, 7);
        rig.world.graph().follow(0, 3);
        rig.world.graph().follow(1, 2);
        SlateBatch slates = rig.slates(0);
        int s0 = slateOf(slates, 0);
        int opened = slates.item(s0, 1);
        EventBuffer ev = rig.tick(0, slates, 512);

        // the prompt lists the followees
        FakeLlmServer.Request first0 = srv.requests().stream().filter(r -> r.user() == 0).findFirst().orElseThrow();
        assertThat(first0.prompt()).contains("People you follow (user ids you may message): 3, 7.");
        // user 0: the slate events, then the MESSAGE to 7 (val 0: no sentiment; no item)
        List<String> u0 = rowsOf(ev, 0);
        assertThat(u0.get(0)).startsWith("0," + opened + ",CLICK," + s0 + ",1,");
        assertThat(u0).contains("0," + opened + ",COMMENT," + s0 + ",1,0.5,-1");
        assertThat(u0).last().isEqualTo("0,-1,MESSAGE,-1,-1,0.0,7");
        assertThat(textsOf(rig, 0)).containsExactly(
                new AgentText(0, 0, EventType.COMMENT, opened, -1, "comment", "lovely"),
                new AgentText(0, 0, EventType.MESSAGE, -1, 7, "message", "You have to read this one!"));
        assertThat(srv.requests().stream().filter(r -> r.user() == 0)).hasSize(1);

        // users 1 and 2: retried once with the precise error, then the rule model: no MESSAGE, no texts
        for (int u = 1; u <= 2; u++) {
            int user = u;
            assertThat(rig.calls.stream().filter(m -> m.user() == user).map(ModelCall::outcome).toList())
                    .as("user %d", u).containsExactly("invalid", "invalid", "fallback");
            assertThat(rowsOf(ev, u)).noneSatisfy(r -> assertThat(r).contains("MESSAGE"));
            assertThat(textsOf(rig, u)).isEmpty();
        }
        List<FakeLlmServer.Request> retries = srv.requests().stream().filter(FakeLlmServer.Request::isRetry).toList();
        assertThat(retries).filteredOn(r -> r.user() == 1).singleElement().satisfies(r -> assertThat(r.prompt())
                .contains("People you follow (user ids you may message): 2.")
                .contains("It was invalid: field 'message.to' must be one of the users you follow (2), was 9"));
        assertThat(retries).filteredOn(r -> r.user() == 2).singleElement().satisfies(r -> assertThat(r.prompt())
                .contains("You follow nobody yet")
                .contains("field 'message.to' is invalid: you follow nobody, so 'message' must be null, was 5"));
        assertThat(ev.count(EventType.MESSAGE)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- search

    @Test
    void aSearchOpensTheSemanticallyClosestItemBeforeTheSlateChoice() throws Exception {
        String query = "how do I grow tomatoes on my balcony";
        FakeLlmServer srv = server(r -> FakeLlmServer.Reply.ok(
                "{\"choice\": -1, \"reason\": \"I went looking for tomato tips\", \"search\": \"" + query + "\"}"));
        LlmRig rig = rig(json(srv.openAiUrl(), "[0]", ""));
        Catalog c = rig.world.catalog();
        SlateBatch slates = rig.slates(0);
        // the one item about tomatoes on a balcony, in the gardening topic and not in user 0's slate
        int expected = -1;
        for (int i = c.size() - 1; i >= 0 && expected < 0; i--) {
            int item = i;
            boolean inSlate = java.util.stream.IntStream.range(0, K).anyMatch(r -> slates.item(slateOf(slates, 0), r) == item);
            if (c.topic(i) == GARDENING && !inSlate) {
                expected = i;
            }
        }
        c.setTitle(expected, "Growing cherry tomatoes in pots on a small balcony");
        // it is indeed the closest title by the embedding model (checked independently of the index)
        TextEmbedder emb = new TextEmbedder();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            titles.add(c.title(i).orElseThrow());
        }
        float[][] e = emb.embed(titles, 64);
        float[] q = emb.embed(List.of(query), 1)[0];
        int best = 0;
        for (int i = 1; i < e.length; i++) {
            best = dot(e[i], q) > dot(e[best], q) ? i : best;
        }
        assertThat(best).isEqualTo(expected);
        float util = c.dot(expected, rig.world.population().preferences(), 0);

        EventBuffer ev = rig.tick(0, slates, 512);

        List<String> u0 = rowsOf(ev, 0);
        assertThat(u0).hasSize(4);
        assertThat(u0.get(0)).isEqualTo("0,-1,SEARCH,-1,-1," + (float) GARDENING + ",-1");
        assertThat(u0.get(1)).isEqualTo("0," + expected + ",CLICK,-1,-1," + util + ",-1");
        assertThat(u0.get(2)).startsWith("0," + expected + ",CONSUME,-1,-1,");
        assertThat(u0.get(3)).isEqualTo("0,-1,SKIP," + slateOf(slates, 0) + ",-1,0.0,-1");
        assertThat(rig.world.history().contains(0, expected)).isTrue();
        assertThat(textsOf(rig, 0)).containsExactly(
                new AgentText(0, 0, EventType.SEARCH, -1, -1, "query", query),
                new AgentText(0, 0, EventType.SKIP, -1, -1, "reason", "I went looking for tomato tips"));
        // the same search the next day opens the next closest item: consumed items are not found again
        EventBuffer ev1 = rig.tick(1);
        List<String> next = rowsOf(ev1, 0);
        assertThat(next.get(1)).contains(",CLICK,-1,-1,").doesNotStartWith("0," + expected + ",");
        int second = Integer.parseInt(next.get(1).split(",")[1]);
        assertThat(c.topic(second)).isEqualTo(GARDENING);
        FakeLlmServer.Request day1 = srv.requests().stream().filter(r -> r.day() == 1).findFirst().orElseThrow();
        assertThat(day1.prompt()).contains("Searched for \"" + query + "\"", "Opened \"Growing cherry tomatoes");
    }

    // ---------------------------------------------------------------- replay

    /** Posts, messages and searches on different days; a pure function of the prompt. */
    private static FakeLlmServer.Reply scripted(FakeLlmServer.Request r) {
        int u = r.user();
        int day = r.day();
        int h = Math.floorMod(r.prompt().hashCode(), 97);
        int choice = h % (r.feedLength() + 1) - 1;
        String base = "\"choice\": " + choice + ", \"reason\": \"day " + day + " of user " + u + "\", \"comment\": \"ok\"";
        String extra = switch ((u + day) % 3) {
            case 0 -> ", \"post\": \"Notes on " + THEMES[(u + day) % THEMES.length][0].toLowerCase() + "\"";
            case 1 -> ", \"message\": {\"to\": " + (u + 10) + ", \"text\": \"hello from " + u + " on day " + day + "\"}";
            default -> ", \"search\": \"" + THEMES[(u + 2 * day) % THEMES.length][1] + "\"";
        };
        return FakeLlmServer.Reply.ok("{" + base + extra + "}");
    }

    @Test
    void aReplayFromTheCacheReproducesEventsTextsAndPosts() throws Exception {
        FakeLlmServer srv = server(LlmPostMessageSearchTest::scripted);
        Path db = tmp.resolve("cache/llm");
        List<List<String>> liveEvents = new ArrayList<>();
        LlmRig a = rig(json(srv.openAiUrl(), "[0, 1, 2]", "\"cache\": {\"path\": \"" + db + "\"}"));
        for (int u = 0; u <= 2; u++) {
            a.world.graph().follow(u, u + 10);
        }
        for (int t = 0; t < 3; t++) {
            liveEvents.add(LlmRig.rows(a.tick(t)));
        }
        ((LlmUserModel) a.model).close();
        int liveRequests = srv.received();
        // every kind of text was written
        assertThat(a.texts.stream().map(AgentText::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("reason", "post", "message", "query", "comment");
        assertThat(a.texts).isSortedAccordingTo(java.util.Comparator.comparingInt(AgentText::tick)
                .thenComparingInt(AgentText::user));
        assertThat(a.calls).extracting(ModelCall::outcome).containsOnly("ok");

        LlmRig b = rig(json("http://127.0.0.1:1/v1", "[0, 1, 2]", "\"cache\": {\"path\": \"" + db
                + "\", \"mode\": \"replay\"}"));
        for (int u = 0; u <= 2; u++) {
            b.world.graph().follow(u, u + 10);
        }
        for (int t = 0; t < 3; t++) {
            assertThat(LlmRig.rows(b.tick(t))).as("tick %d", t).isEqualTo(liveEvents.get(t));
        }
        assertThat(srv.received()).isEqualTo(liveRequests);
        assertThat(b.calls).extracting(ModelCall::outcome).containsOnly("cached");
        assertThat(b.texts).isEqualTo(a.texts);
        Catalog ca = a.world.catalog();
        Catalog cb = b.world.catalog();
        assertThat(cb.size()).isEqualTo(ca.size()).isGreaterThan(ITEMS);
        for (int i = ITEMS; i < ca.size(); i++) {
            assertThat(cb.title(i)).isEqualTo(ca.title(i));
            assertThat(cb.topic(i)).isEqualTo(ca.topic(i));
            assertThat(cb.quality(i)).isEqualTo(ca.quality(i));
            for (int f = 0; f < ca.dim(); f++) {
                assertThat(cb.feature(i, f)).isEqualTo(ca.feature(i, f));
            }
        }
    }
}
