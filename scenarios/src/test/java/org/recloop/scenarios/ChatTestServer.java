package org.recloop.scenarios;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one stand-in for an LLM allowed in tests: a local OpenAI-compatible server (JDK
 * HttpServer) on {@code /v1/chat/completions}, which the production LangChain4j client talks to
 * exactly as to vLLM or llama.cpp's server. A test supplies only what to answer to each request.
 */
public final class ChatTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer: with status 200 the content of a {@code chat.completion} with the given usage;
     * with any other status, {@code content} is the whole response body.
     */
    public record Reply(int status, String content, int promptTokens, int completionTokens) {
        /** A successful answer reporting 10 prompt and 5 completion tokens. */
        public static Reply ok(String content) {
            return new Reply(200, content, 10, 5);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private ChatTestServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts a server that answers each request (the parsed JSON body) with {@code answer}. */
    public static ChatTestServer start(String name, int backlog, Function<JsonNode, Reply> answer) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // or each call waits ~40 ms
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", ex -> reply(ex, answer));
        server.start();
        return new ChatTestServer(server, threads);
    }

    /** The content of the request's last system message ("" without one). */
    public static String system(JsonNode req) {
        return lastContent(req, true);
    }

    /** The content of the request's last message that is not the system's ("" without one): the prompt. */
    public static String prompt(JsonNode req) {
        return lastContent(req, false);
    }

    private static String lastContent(JsonNode req, boolean system) {
        String content = "";
        for (JsonNode m : req.path("messages")) {
            if (m.path("role").asText().equals("system") == system) {
                content = m.path("content").asText();
            }
        }
        return content;
    }

    private static final Pattern USER = Pattern.compile("You are user (\\d+) ");
    private static final Pattern FEED_LINE = Pattern.compile("(?m)^(\\d+)\\. ");

    /** The user an LLM user's prompt is for ("You are user N"), or -1. */
    public static int user(String prompt) {
        Matcher m = USER.matcher(prompt);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** How many numbered lines an LLM user's prompt shows from "Your feed shows:" on (the whole prompt without it). */
    public static int feedLength(String prompt) {
        Matcher m = FEED_LINE.matcher(prompt.substring(Math.max(0, prompt.indexOf("Your feed shows:"))));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void reply(HttpExchange ex, Function<JsonNode, Reply> answer) throws IOException {
        try (ex) {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            Reply r = answer.apply(req);
            String body = r.content();
            if (r.status() == 200) {
                ObjectNode root = JSON.createObjectNode();
                root.put("id", "x").put("object", "chat.completion").put("created", 0).put("model",
                        req.path("model").asText());
                ObjectNode c = root.putArray("choices").addObject();
                c.put("index", 0).put("finish_reason", "stop");
                c.putObject("message").put("role", "assistant").put("content", r.content());
                root.putObject("usage").put("prompt_tokens", r.promptTokens()).put("completion_tokens",
                        r.completionTokens()).put("total_tokens", r.promptTokens() + r.completionTokens());
                body = root.toString();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    /** The OpenAI-compatible base URL, {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
