package org.recloop.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.recloop.core.net.BoundedExchange;

/**
 * The production client: LangChain4j's {@link OpenAiChatModel} (vLLM, llama.cpp's server, Ollama's
 * /v1 endpoint, any OpenAI-compatible server) or {@link OllamaChatModel} (Ollama's native /api/chat),
 * over the JDK HTTP client with HTTP/1.1, bounded by {@link BoundedHttpClient}: {@code
 * provider.timeoutMs} covers the whole exchange and {@code provider.maxResponseBytes} the answer
 * (outcome {@code too_large}). LangChain4j's own retries are off ({@code maxRetries(0)}):
 * {@link LangChainLanguageModel} retries, so each attempt is one llm_calls row.
 *
 * <p>The API key only goes into the Authorization header; every answer and every error message
 * passes through the {@link Redactor} first, so a server that echoes the key back cannot leak it
 * into logs or the database.
 */
final class LangChainLlmClient implements LlmClient {

    private final ChatModel model;
    private final Redactor redactor;

    private LangChainLlmClient(ChatModel model, String apiKey) {
        this.model = model;
        this.redactor = new Redactor(apiKey);
    }

    /**
     * @param provider the scenario's provider section (type, timeout, sampling)
     * @param baseUrl effective base URL (after the environment override)
     * @param modelName effective model name
     * @param apiKey key from the environment, or null
     */
    static LangChainLlmClient create(org.recloop.core.lm.ChatProvider provider, String baseUrl, String modelName, String apiKey) {
        return create(provider.spec(java.util.Optional.empty(), false, 0), baseUrl, modelName, apiKey);
    }

    /**
     * @param provider the model's spec (provider type, timeout, sampling)
     * @param baseUrl effective base URL (after the environment override)
     * @param modelName effective model name
     * @param apiKey key from the environment, or null
     */
    static LangChainLlmClient create(org.recloop.core.lm.ChatModelSpec provider, String baseUrl, String modelName,
            String apiKey) {
        Duration timeout = Duration.ofMillis(provider.timeoutMs());
        BoundedHttpClient.Builder http = BoundedHttpClient.builder(provider.maxResponseBytes());
        ChatModel m;
        if (provider.provider().equals("ollama")) {
            var b = OllamaChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    .modelName(modelName)
                    .timeout(timeout)
                    .maxRetries(0)
                    .temperature(provider.temperature())
                    .numPredict(provider.maxTokens())
                    .logRequests(false)
                    .logResponses(false);
            if (provider.jsonMode()) {
                b.responseFormat(ResponseFormat.JSON);
            }
            if (apiKey != null) {
                b.customHeaders(Map.of("Authorization", "Bearer " + apiKey)); // Ollama behind a proxy
            }
            m = b.build();
        } else {
            var b = OpenAiChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    .modelName(modelName)
                    .timeout(timeout)
                    .maxRetries(0)
                    .temperature(provider.temperature())
                    .maxTokens(provider.maxTokens())
                    .logRequests(false)
                    .logResponses(false);
            if (provider.jsonMode()) {
                b.responseFormat("json_object");
            }
            if (apiKey != null) {
                b.apiKey(apiKey);
            }
            m = b.build();
        }
        return new LangChainLlmClient(m, apiKey);
    }

    @Override
    public Reply chat(String system, String user) throws LlmCallException {
        ChatResponse r;
        try {
            r = model.chat(ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user)).build());
        } catch (RuntimeException e) {
            throw classify(e);
        }
        AiMessage ai = r.aiMessage();
        String text = ai == null || ai.text() == null ? "" : redactor.text(ai.text());
        TokenUsage tu = r.tokenUsage();
        int in = tu == null || tu.inputTokenCount() == null ? -1 : tu.inputTokenCount();
        int out = tu == null || tu.outputTokenCount() == null ? -1 : tu.outputTokenCount();
        return new Reply(text, in, out);
    }

    /** Maps a LangChain4j failure to an outcome label; retriable: HTTP 408, 429, 5xx, timeouts, connection errors. */
    LlmCallException classify(Throwable e) {
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            int s = http.statusCode();
            boolean retry = s == 408 || s == 429 || s >= 500;
            return new LlmCallException("http_" + s, retry, "HTTP " + s + ": " + redact(http.getMessage()));
        }
        if (find(e, dev.langchain4j.exception.TimeoutException.class) != null
                || find(e, HttpTimeoutException.class) != null) {
            HttpTimeoutException t = find(e, HttpTimeoutException.class); // names the URL and the deadline
            return new LlmCallException("timeout", true, "timed out: " + redact((t != null ? t : e).getMessage()));
        }
        if (find(e, ConnectException.class) != null || find(e, UnresolvedModelServerException.class) != null) {
            return new LlmCallException("unreachable", true, "cannot connect: " + redact(e.getMessage()));
        }
        BoundedExchange.TooLargeException big = find(e, BoundedExchange.TooLargeException.class);
        if (big != null) {
            return new LlmCallException("too_large", true, redact(big.getMessage()) + " (provider.maxResponseBytes)");
        }
        if (find(e, IOException.class) != null) {
            return new LlmCallException("io_error", true, "I/O error: " + redact(e.toString()));
        }
        return new LlmCallException("error", false, redact(e.toString()));
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** An error message with the API key replaced, shortened to a few hundred characters. */
    String redact(String s) {
        return redactor.message(s);
    }
}
