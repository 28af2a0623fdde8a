package org.recloop.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted OpenAI-compatible (POST /v1/chat/completions) and Ollama (POST /api/chat) server on
 * the loopback interface, for tests: each request is answered by a {@link Script}. It records
 * every request and the status codes it sent.
 */
final class FakeLlmServer implements AutoCloseable {

    static {
        // without it every call waits ~40 ms for delayed ACKs (Nagle)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("You are user (\\d+) ");
    private static final Pattern DAY = Pattern.compile("It is now day (\\d+)\\.");
    private static final Pattern FEED_LINE = Pattern.compile("(?m)^(\\d+)\\. ");

    /**
     * A request as the script sees it.
     *
     * @param n 1-based arrival number over the server's life
     * @param perUser 1-based number of this request among those of the same user
     * @param ollama true for /api/chat
     */
    record Request(int n, int perUser, boolean ollama, String model, String system, String prompt, String auth,
            String body) {
        /** The agent's user id, from the profile line, or -1. */
        int user() {
            Matcher m = USER.matcher(prompt);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        int day() {
            Matcher m = DAY.matcher(prompt);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        /** Number of feed positions in the prompt. */
        int feedLength() {
            int at = prompt.indexOf("Your feed shows:");
            if (at < 0) {
                return 0;
            }
            Matcher m = FEED_LINE.matcher(prompt.substring(at));
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        boolean isRetry() {
            return prompt.contains("It was invalid:");
        }

        boolean isReflection() {
            return system.contains("\"insight\"");
        }
    }

    /** How the body is sent: at once, one byte every 100 ms (for ten minutes), or 1 GiB streamed. */
    enum Body { WHOLE, TRICKLE, HUGE }

    /** Bytes of a {@link Body#HUGE} answer. */
    static final long HUGE = 1L << 30;

    /**
     * @param status HTTP status
     * @param content the assistant message (status 200), or the error body
     * @param delayMs wait before answering
     * @param body how the body is sent
     */
    record Reply(int status, String content, int delayMs, int tokensIn, int tokensOut, Body body) {
        Reply(int status, String content, int delayMs, int tokensIn, int tokensOut) {
            this(status, content, delayMs, tokensIn, tokensOut, Body.WHOLE);
        }

        static Reply ok(String content) {
            return new Reply(200, content, 0, 100, 20);
        }

        /** Status 200 at once, then a valid answer one byte every 100 ms: ten minutes for the whole. */
        static Reply trickle() {
            return new Reply(200, FakeLlmServer.action(0, 3, false, false, false), 0, 100, 20, Body.TRICKLE);
        }

        /** Status 200 and 1 GiB of whitespace, streamed from one small buffer (never allocated). */
        static Reply huge() {
            return new Reply(200, "", 0, 0, 0, Body.HUGE);
        }

        static Reply status(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"scripted " + status + "\"}}", 0, 0, 0);
        }

        Reply delayed(int ms) {
            return new Reply(status, content, ms, tokensIn, tokensOut);
        }
    }

    @FunctionalInterface
    interface Script extends Function<Request, Reply> {}

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Script script;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Integer, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong hugeWritten = new java.util.concurrent.atomic.AtomicLong();

    FakeLlmServer(Script script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-llm");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    void script(Script s) {
        this.script = s;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Base URL of the OpenAI-compatible API. */
    String openAiUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Base URL of the Ollama API. */
    String ollamaUrl() {
        return "http://127.0.0.1:" + port();
    }

    int received() {
        return received.get();
    }

    /** Responses sent with this status. */
    int sent(int status) {
        AtomicInteger n = sent.get(status);
        return n == null ? 0 : n.get();
    }

    Map<Integer, Integer> sentByStatus() {
        Map<Integer, Integer> m = new java.util.TreeMap<>();
        sent.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Bytes of {@link Body#HUGE} answers written so far (the client hung up on the rest). */
    long hugeWritten() {
        return hugeWritten.get();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            boolean ollama = path.endsWith("/api/chat");
            if (!ollama && !path.endsWith("/chat/completions")) {
                respond(ex, 404, "{\"error\":\"no such path " + path + "\"}");
                return;
            }
            JsonNode req = JSON.readTree(body);
            String system = "";
            String prompt = "";
            for (JsonNode m : req.path("messages")) {
                if (m.path("role").asText().equals("system")) {
                    system = m.path("content").asText();
                } else if (m.path("role").asText().equals("user")) {
                    prompt = m.path("content").asText();
                }
            }
            int n = received.incrementAndGet();
            Request probe = new Request(n, 0, ollama, req.path("model").asText(), system, prompt,
                    ex.getRequestHeaders().getFirst("Authorization"), body);
            int k = perUser.computeIfAbsent(probe.user(), u -> new AtomicInteger()).incrementAndGet();
            Request r = new Request(n, k, ollama, probe.model(), system, prompt, probe.auth(), body);
            synchronized (requests) {
                requests.add(r);
            }
            Reply reply = script.apply(r);
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            sent.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            if (reply.body() == Body.TRICKLE) {
                trickle(ex, ollama ? ollamaBody(r.model(), reply) : openAiBody(r.model(), reply));
            } else if (reply.body() == Body.HUGE) {
                huge(ex);
            } else if (reply.status() != 200) {
                respond(ex, reply.status(), reply.content());
            } else {
                respond(ex, 200, ollama ? ollamaBody(r.model(), reply) : openAiBody(r.model(), reply));
            }
        } catch (IOException | RuntimeException e) {
            // the client gave up (timeout) or the script failed: nothing to answer
        }
    }

    private static void trickle(HttpExchange ex, String body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = ex.getResponseBody()) {
            for (int i = 0; i < 6000; i++) { // ten minutes of whitespace, then the answer
                os.write(' ');
                os.flush();
                Thread.sleep(100);
            }
            os.write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void huge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 << 10];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (OutputStream os = ex.getResponseBody()) {
            for (long n = 0; n < HUGE; n += chunk.length) {
                os.write(chunk);
                hugeWritten.addAndGet(chunk.length);
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static String openAiBody(String model, Reply r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", 0);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", r.content());
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", r.tokensIn()).put("completion_tokens", r.tokensOut())
                .put("total_tokens", r.tokensIn() + r.tokensOut());
        return root.toString();
    }

    private static String ollamaBody(String model, Reply r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("created_at", "2026-11-22T00:00:00Z");
        root.putObject("message").put("role", "assistant").put("content", r.content());
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("prompt_eval_count", r.tokensIn());
        root.put("eval_count", r.tokensOut());
        return root.toString();
    }

    /** A valid action. */
    static String action(int choice, Integer rating, boolean like, boolean share, boolean leave) {
        ObjectNode a = JSON.createObjectNode();
        a.put("choice", choice);
        a.put("reason", "scripted");
        if (rating == null) {
            a.putNull("rating");
        } else {
            a.put("rating", rating);
        }
        a.put("like", like);
        a.put("share", share);
        a.put("leave", leave);
        return a.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
