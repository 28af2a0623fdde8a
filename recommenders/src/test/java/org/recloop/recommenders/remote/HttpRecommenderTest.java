package org.recloop.recommenders.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/** The adapter against a real local HTTP server playing the external model (and misbehaving). */
class HttpRecommenderTest {

    /** Deadline for calls that must be answered: far above a loaded machine's cold first call. */
    private static final int ANSWERS_MS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final AtomicReference<String> mode = new AtomicReference<>("ok");
    private final AtomicInteger fitCalls = new AtomicInteger();
    private final AtomicInteger recommendCalls = new AtomicInteger();
    private volatile JsonNode lastFit;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/model/fit", ex -> {
            lastFit = JSON.readTree(ex.getRequestBody());
            fitCalls.incrementAndGet();
            respond(ex, 200, "{}");
        });
        server.createContext("/model/recommend", ex -> {
            recommendCalls.incrementAndGet();
            JsonNode req = JSON.readTree(ex.getRequestBody());
            String m = mode.get();
            if (m.equals("500")) {
                respond(ex, 500, "model crashed");
                return;
            }
            if (m.equals("slow")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (m.equals("garbage")) {
                respond(ex, 200, "{\"slates\": [");
                return;
            }
            // the model: items in descending id order, skipping excluded ones
            StringBuilder sb = new StringBuilder("{\"slates\":[");
            int k = req.get("k").asInt();
            int n = req.get("numItems").asInt();
            for (int r = 0; r < req.get("requests").size(); r++) {
                JsonNode q = req.get("requests").get(r);
                java.util.Set<Integer> ex2 = new java.util.HashSet<>();
                q.get("exclude").forEach(x -> ex2.add(x.asInt()));
                sb.append(r == 0 ? "" : ",").append("{\"user\":").append(q.get("user").asInt()).append(",\"items\":[");
                int c = 0;
                for (int i = n - 1 + (m.equals("outside") ? 5 : 0); i >= 0 && c < k; i--) {
                    if (!ex2.contains(i)) {
                        sb.append(c == 0 ? "" : ",").append(i);
                        c++;
                    }
                }
                sb.append("],\"scores\":[]}");
            }
            respond(ex, 200, sb.append("]}").toString());
        });
        server.createContext("/model/trickle/recommend", ex -> {
            // headers at once, then one byte every 100 ms, for as long as the client listens
            ex.sendResponseHeaders(200, 0);
            try (OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < 6000; i++) {
                    o.write(' ');
                    o.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException gone) {
                // the client hung up: what it should do
            }
        });
        server.createContext("/model/huge/recommend", ex -> streamHuge(ex, 0));
        server.createContext("/model/announced/recommend", ex -> streamHuge(ex, HUGE));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int code, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static final long HUGE = 1L << 30;
    private final java.util.concurrent.atomic.AtomicLong hugeWritten = new java.util.concurrent.atomic.AtomicLong();

    /** A 1 GiB answer, streamed from one 64 KiB buffer (chunked, or with its length announced). */
    private void streamHuge(com.sun.net.httpserver.HttpExchange ex, long announce) {
        byte[] chunk = new byte[64 << 10];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try {
            ex.sendResponseHeaders(200, announce);
            try (OutputStream o = ex.getResponseBody()) {
                for (long n = 0; n < HUGE; n += chunk.length) {
                    o.write(chunk);
                    hugeWritten.addAndGet(chunk.length);
                }
            }
        } catch (java.io.IOException gone) {
            // the client hung up
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/model";
    }

    private SlateBatch serve(HttpRecommender r, ConsumptionHistory h) {
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 3);
        r.recommend(b, 0, 2, new ServeContext(4, 10, h, new RandomStreams(1)));
        return b;
    }

    @Test
    void fitsAndServesThroughTheService() {
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url(), ANSWERS_MS, 0, null, null));
        r.fit(new Interactions(new int[] {0, 1}, new int[] {9, 3}, new int[] {0, 2}, new float[] {1, 1}, 2, 10),
                new TrainContext(3, new RandomStreams(1), null, 1));
        assertThat(fitCalls.get()).isEqualTo(1);
        assertThat(lastFit.get("items").toString()).isEqualTo("[9,3]");
        assertThat(lastFit.get("tick").asInt()).isEqualTo(3);
        assertThat(r.modelVersion()).isEqualTo(1);
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(0, 9);
        SlateBatch b = serve(r, h);
        assertThat(new int[] {b.item(0, 0), b.item(0, 1), b.item(0, 2)}).containsExactly(8, 7, 6);
        assertThat(new int[] {b.item(1, 0), b.item(1, 1), b.item(1, 2)}).containsExactly(9, 8, 7);
    }

    @Test
    void theServiceIsToldTheItemsTheUsersFeedCommandsExclude() {
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url(), ANSWERS_MS, 0, null, null));
        org.recloop.core.world.Catalog cat = new org.recloop.core.world.Catalog(1, 10);
        for (int i = 0; i < 10; i++) {
            cat.add(new float[] {1f}, i % 2, i, 1f, 0f, 0); // topic 1: the odd ids
        }
        org.recloop.core.command.FeedCommandStore store = new org.recloop.core.command.FeedCommandStore();
        store.issue(java.util.List.of(new org.recloop.core.command.FeedCommand(3, 0, "less of topic 1", "rules", "ok",
                java.util.Optional.of(new org.recloop.core.command.FeedConstraint(
                        org.recloop.core.command.FeedConstraint.Kind.EXCLUDE,
                        org.recloop.core.command.FeedConstraint.Target.TOPIC, 1, 4, 9)))));
        ConsumptionHistory h = new ConsumptionHistory(2);
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 3);
        // before, a service not told of the command answered 9 for user 0 and the run failed ("was excluded")
        r.recommend(b, 0, 2, new ServeContext(4, 10, h, new RandomStreams(1), cat,
                store.view(4, cat, org.recloop.core.world.SocialGraph.empty(2))));
        assertThat(new int[] {b.item(0, 0), b.item(0, 1), b.item(0, 2)}).containsExactly(8, 6, 4);
        assertThat(new int[] {b.item(1, 0), b.item(1, 1), b.item(1, 2)}).containsExactly(9, 8, 7);
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        mode.set("500");
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url(), ANSWERS_MS, 2, null, null));
        assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2))).isInstanceOf(RemoteRecommenderException.class)
                .hasMessageContaining(url() + "/recommend failed after 3 attempt(s): HTTP 500: model crashed");
        assertThat(recommendCalls.get()).isEqualTo(3);
    }

    @Test
    void timeoutsAndInvalidAnswersAreReported() {
        mode.set("slow");
        HttpRecommender slow = new HttpRecommender(new HttpRecommender.Params(url(), 200, 0, null, null));
        assertThatThrownBy(() -> serve(slow, new ConsumptionHistory(2))).hasMessageContaining("no complete answer within 200 ms");
        mode.set("garbage");
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url(), ANSWERS_MS, 0, null, null));
        assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2))).hasMessageContaining("invalid JSON");
        mode.set("outside");
        assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2)))
                .hasMessageContaining("user 0, position 0: item 14 outside the catalog [0, 10)");
    }

    @Test
    void aServerThatTricklesItsAnswerIsCutOffAtTheTimeout() {
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url() + "/trickle", 1000, 1, null, null));
        // the old client waited for the whole body: ten minutes of trickle
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2))).isInstanceOf(RemoteRecommenderException.class)
                        .hasMessageContaining(url() + "/trickle/recommend failed after 2 attempt(s)")
                        .hasMessageContaining("no complete answer within 1000 ms"));
    }

    @Test
    void aHugeAnswerIsRefusedAtTheLimitWithoutBeingRead() {
        for (String path : new String[] {"/huge", "/announced"}) {
            hugeWritten.set(0);
            HttpRecommender r = new HttpRecommender(new HttpRecommender.Params(url() + path, 30_000, 0, null,
                    1L << 20));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () ->
                    assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2)))
                            .isInstanceOf(RemoteRecommenderException.class)
                            .hasMessageContaining("the answer of " + url() + path + "/recommend is larger than the"
                                    + " limit of 1048576 bytes"));
            // the client hung up long before the gigabyte: the server could not write it all
            assertThat(hugeWritten.get()).as(path).isLessThan(HUGE / 4);
        }
        assertThatThrownBy(() -> new HttpRecommender.Params(url(), null, null, null, 0L))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxResponseBytes");
        assertThat(new HttpRecommender.Params(url(), null, null, null, null).maxResponseBytes()).isEqualTo(16L << 20);
    }

    @Test
    void badUrlsAreRejectedWhenTheScenarioIsRead() {
        assertThatThrownBy(() -> new HttpRecommender.Params("ftp://x", null, null, null, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> new HttpRecommender.Params(null, null, null, null, null)).hasMessageContaining("required");
    }

    @Test
    void unreachableServiceIsReported() {
        HttpRecommender r = new HttpRecommender(new HttpRecommender.Params("http://127.0.0.1:1/none", 500, 0, null, null));
        assertThatThrownBy(() -> serve(r, new ConsumptionHistory(2))).hasMessageContaining("connection failed");
    }
}
