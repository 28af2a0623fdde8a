package org.recloop.recommenders.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.net.BoundedExchange;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * A recommender that runs outside RecLoop, in any language, behind three JSON-over-HTTP
 * endpoints relative to {@code url}:
 *
 * <pre>
 * POST fit        {"tick":t,"numUsers":U,"numItems":I,"users":[..],"items":[..],"ticks":[..]}
 *                 every click logged so far (columns); answer 2xx, body ignored
 * POST update     same shape, the clicks of the tick just played (only if updates: true)
 * POST recommend  {"tick":t,"k":k,"numItems":I,"requests":[{"user":u,"exclude":[..]}, ..]}
 *                 exclude: the user's consumed items, then the items their feed commands exclude
 *                 answer {"slates":[{"user":u,"items":[..],"scores":[..]}, ..]}, one slate per
 *                 request in the same order, at most k distinct item ids in [0, I), none excluded
 * </pre>
 *
 * <p>Each Serve chunk (up to 512 users) is one {@code recommend} call; chunks run in parallel on
 * the worker threads. {@code timeoutMs} bounds a whole exchange (connection, headers and body: a
 * server that trickles its answer cannot hold the run) and {@code maxResponseBytes} the answer (a
 * larger one is cut off as it arrives, never held in memory). A call that fails (connection error,
 * timeout, oversized answer, non-2xx status) is retried
 * {@code retries} times; then, or at once for an invalid answer, the run stops with a {@link
 * RemoteRecommenderException} naming the URL, the endpoint and what was wrong (the run is
 * recorded as failed; committed ticks are kept).
 */
public final class HttpRecommender implements Recommender {

    /**
     * @param url base URL of the service, e.g. {@code http://localhost:8000/recloop/}
     * @param timeoutMs per-call deadline for the whole exchange (connect, send, whole answer)
     * @param retries extra attempts after a failed call
     * @param updates send each tick's clicks to {@code update}
     * @param maxResponseBytes largest answer accepted (default 16 MiB)
     */
    public record Params(String url, Integer timeoutMs, Integer retries, Boolean updates, Long maxResponseBytes) {
        public Params {
            if (url == null || url.isBlank()) {
                throw new InvalidParameterException("url", "is required");
            }
            try {
                URI u = URI.create(url.endsWith("/") ? url : url + "/");
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    throw new InvalidParameterException("url", "must be an http(s) URL, was '" + url + "'");
                }
            } catch (IllegalArgumentException e) {
                if (e instanceof InvalidParameterException ipe) {
                    throw ipe;
                }
                throw new InvalidParameterException("url", "is not a valid URL: '" + url + "'");
            }
            timeoutMs = Check.positive("timeoutMs", timeoutMs == null ? 5000 : timeoutMs);
            retries = Check.nonNegative("retries", retries == null ? 1 : retries);
            updates = updates != null && updates;
            maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
            if (maxResponseBytes <= 0) {
                throw new InvalidParameterException("maxResponseBytes", "must be > 0, was " + maxResponseBytes);
            }
        }
    }

    /** Default {@code maxResponseBytes}: 16 MiB, far above a slate answer for 512 users. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Params p;
    private final URI base;
    private final HttpClient client;
    private int version;

    public HttpRecommender(Params p) {
        this.p = p;
        this.base = URI.create(p.url().endsWith("/") ? p.url() : p.url() + "/");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(p.timeoutMs()))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public int modelVersion() {
        return version;
    }

    private static ObjectNode columns(Interactions data, int tick) {
        ObjectNode o = JSON.createObjectNode();
        o.put("tick", tick);
        o.put("numUsers", data.numUsers());
        o.put("numItems", data.numItems());
        ArrayNode u = o.putArray("users");
        ArrayNode i = o.putArray("items");
        ArrayNode t = o.putArray("ticks");
        for (int r = 0; r < data.size(); r++) {
            u.add(data.users()[r]);
            i.add(data.items()[r]);
            t.add(data.ticks()[r]);
        }
        return o;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        post("fit", columns(all, ctx.tick()));
        version++;
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        if (p.updates()) {
            post("update", columns(tick, ctx.tick()));
        }
    }

    private String post(String endpoint, JsonNode body) {
        URI uri = base.resolve(endpoint);
        String payload;
        try {
            payload = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new RemoteRecommenderException("cannot encode the " + endpoint + " request", e);
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(p.timeoutMs()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        String last = "";
        for (int attempt = 0; attempt <= p.retries(); attempt++) {
            try {
                HttpResponse<byte[]> resp = BoundedExchange.send(client, req, p.maxResponseBytes(),
                        Duration.ofMillis(p.timeoutMs()));
                String b = BoundedExchange.text(resp);
                if (resp.statusCode() / 100 == 2) {
                    return b;
                }
                last = "HTTP " + resp.statusCode() + (b.isBlank() ? "" : ": " + b.substring(0, Math.min(200, b.length())));
            } catch (HttpTimeoutException e) {
                last = "no complete answer within " + p.timeoutMs() + " ms (timeoutMs)";
            } catch (BoundedExchange.TooLargeException e) {
                last = e.getMessage() + " (maxResponseBytes)";
            } catch (IOException e) {
                last = "connection failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteRecommenderException("recommender at " + uri + ": interrupted", e);
            }
        }
        throw new RemoteRecommenderException("recommender at " + uri + " failed after " + (p.retries() + 1)
                + " attempt(s): " + last);
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        ConsumptionHistory consumed = ctx.consumed();
        ObjectNode body = JSON.createObjectNode();
        body.put("tick", ctx.tick());
        body.put("k", slates.k());
        body.put("numItems", ctx.numItems());
        ArrayNode reqs = body.putArray("requests");
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            ObjectNode r = reqs.addObject();
            r.put("user", u);
            ArrayNode ex = r.putArray("exclude");
            for (int i = 0; i < consumed.size(u); i++) {
                ex.add(consumed.item(u, i));
            }
            if (ctx.constraints().hasExclude(u)) {
                // the user's feed commands: the service is told their items as excluded too
                for (int i = 0; i < ctx.numItems(); i++) {
                    if (ctx.constraints().excludes(u, i) && !consumed.contains(u, i)) {
                        ex.add(i);
                    }
                }
            }
        }
        String answer = post("recommend", body);
        String where = "recommender at " + base.resolve("recommend") + ": ";
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RemoteRecommenderException(where + "invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode list = root == null ? null : root.get("slates");
        if (list == null || !list.isArray()) {
            throw new RemoteRecommenderException(where + "the answer has no 'slates' list");
        }
        if (list.size() != to - from) {
            throw new RemoteRecommenderException(where + "asked for " + (to - from) + " slates, got " + list.size());
        }
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            JsonNode sl = list.get(s - from);
            if (sl.path("user").asInt(-1) != u) {
                throw new RemoteRecommenderException(where + "slate " + (s - from) + " is for user "
                        + sl.path("user") + ", expected user " + u);
            }
            JsonNode items = sl.get("items");
            JsonNode scores = sl.get("scores");
            if (items == null || !items.isArray()) {
                throw new RemoteRecommenderException(where + "slate for user " + u + " has no 'items' list");
            }
            if (items.size() > slates.k()) {
                throw new RemoteRecommenderException(where + "slate for user " + u + " has " + items.size()
                        + " items, k is " + slates.k());
            }
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < items.size(); r++) {
                JsonNode it = items.get(r);
                if (!it.canConvertToInt() || !it.isIntegralNumber()) {
                    throw new RemoteRecommenderException(where + "user " + u + ", position " + r + ": item " + it
                            + " is not an item id");
                }
                int item = it.asInt();
                if (item < 0 || item >= ctx.numItems()) {
                    throw new RemoteRecommenderException(where + "user " + u + ", position " + r + ": item " + item
                            + " outside the catalog [0, " + ctx.numItems() + ")");
                }
                if (!seen.add(item)) {
                    throw new RemoteRecommenderException(where + "user " + u + ": item " + item + " appears twice");
                }
                if (SlateRanker.excluded(ctx, u, item)) {
                    throw new RemoteRecommenderException(where + "user " + u + ": item " + item + " was excluded");
                }
                float score = scores != null && scores.has(r) ? (float) scores.get(r).asDouble() : 0f;
                slates.set(s, r, item, score, 1f, SlateSource.RECOMMENDER);
            }
        }
    }
}
