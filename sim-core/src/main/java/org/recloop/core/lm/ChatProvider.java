package org.recloop.core.lm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;

/**
 * A chat model server and how calls to it behave: the {@code provider:} section of LLM users (and
 * the {@code model:} sections of feed-command parsers and conversational agents), and the server
 * fields of an LLM recommender's {@code model:} section, which adds a cache and a budget. Defaults
 * are filled and values checked here, once for all of them. The API key is not a parameter: it
 * comes from {@code RECLOOP_LLM_API_KEY}; {@code RECLOOP_LLM_BASE_URL} and {@code
 * RECLOOP_LLM_MODEL} override baseUrl and model.
 *
 * @param type {@code openai} (any OpenAI-compatible server: vLLM, llama.cpp, Ollama's /v1,
 *     OpenAI) or {@code ollama} (Ollama's native API)
 * @param baseUrl e.g. {@code http://localhost:8000/v1} (vLLM), {@code http://localhost:8080/v1}
 *     (llama.cpp), {@code http://localhost:11434} (ollama)
 * @param baseUrls several servers of the same model instead of one: calls are spread over them
 *     (the agents' ServerPool); set only one of baseUrl, baseUrls, baseUrlsFile
 * @param baseUrlsFile a text file (relative to the scenario's folder) with one base URL a line
 * @param model model name as the server knows it
 * @param timeoutMs deadline of one attempt: connection, request and the whole answer
 * @param maxConcurrent calls in flight at once per server (the call pool has this many threads
 *     per server)
 * @param maxRetries retries of a failed call (HTTP 408/429/5xx, timeout, connection error)
 * @param backoffMs first back-off; doubles with every retry (jittered ±50%)
 * @param requestsPerSecond client-side rate limit over all attempts; 0 = unlimited
 * @param temperature sampling temperature
 * @param maxTokens completion tokens per call
 * @param jsonMode ask the server for a JSON object (response_format json_object / format json)
 * @param maxResponseBytes largest answer accepted (default 1 MiB); a larger one is cut off as it
 *     arrives and the attempt fails (outcome {@code too_large}, retried)
 */
public record ChatProvider(String type, String baseUrl, List<String> baseUrls, String baseUrlsFile, String model,
        Integer timeoutMs, Integer maxConcurrent,
        Integer maxRetries, Integer backoffMs, Double requestsPerSecond, Double temperature, Integer maxTokens,
        Boolean jsonMode, Long maxResponseBytes) {
    public ChatProvider {
        type = type == null ? "openai" : type;
        if (!type.equals("openai") && !type.equals("ollama")) {
            throw new InvalidParameterException("type", "must be 'openai' or 'ollama', was '" + type + "'");
        }
        boolean ollama = type.equals("ollama");
        ServerList.check(baseUrl, baseUrls, baseUrlsFile);
        baseUrls = baseUrls == null ? null : List.copyOf(baseUrls);
        if (baseUrls == null && baseUrlsFile == null) {
            baseUrl = baseUrl == null ? (ollama ? "http://localhost:11434" : "http://localhost:8000/v1") : baseUrl;
        }
        model = model == null ? (ollama ? "qwen2.5:1.5b" : "Qwen/Qwen2.5-1.5B-Instruct") : model;
        if (model.isBlank()) {
            throw new InvalidParameterException("model", "must not be blank");
        }
        timeoutMs = Check.positive("timeoutMs", timeoutMs == null ? 30_000 : timeoutMs);
        maxConcurrent = Check.atMost("maxConcurrent",
                Check.positive("maxConcurrent", maxConcurrent == null ? 64 : maxConcurrent), 4096);
        maxRetries = Check.nonNegative("maxRetries", maxRetries == null ? 2 : maxRetries);
        backoffMs = Check.nonNegative("backoffMs", backoffMs == null ? 500 : backoffMs);
        requestsPerSecond = Check.nonNegative("requestsPerSecond", requestsPerSecond == null ? 0.0 : requestsPerSecond);
        temperature = Check.nonNegative("temperature", temperature == null ? 0.0 : temperature);
        maxTokens = Check.positive("maxTokens", maxTokens == null ? 200 : maxTokens);
        jsonMode = jsonMode == null || jsonMode;
        maxResponseBytes = maxResponseBytes == null ? 1L << 20 : maxResponseBytes;
        if (maxResponseBytes <= 0) {
            throw new InvalidParameterException("maxResponseBytes", "must be > 0, was " + maxResponseBytes);
        }
    }

    /** Every field at its default (a local vLLM server). */
    public static ChatProvider defaults() {
        return new ChatProvider(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The servers in the scenario's order, {@code baseUrlsFile} read through {@code files} (the
     * scenario's folder); a bad file is refused naming {@code provider.baseUrlsFile}.
     */
    public List<String> servers(Function<String, Path> files) {
        return servers(files, "provider");
    }

    /** As {@link #servers(Function)}, a bad file refused naming {@code section.baseUrlsFile}. */
    public List<String> servers(Function<String, Path> files, String section) {
        try {
            return ServerList.resolve(baseUrl, baseUrls, baseUrlsFile, files);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(section + "." + e.field(), e.reason());
        }
    }

    /** The kernel's spec of this provider's chat model, with the cache and budget of the model. */
    public ChatModelSpec spec(Optional<Path> cache, boolean replay, long tokenBudget) {
        return spec(Path::of, cache, replay, tokenBudget);
    }

    /**
     * As {@link #spec(Optional, boolean, long)}, with {@code baseUrlsFile} resolved by {@code
     * files} (the scenario's folder).
     */
    public ChatModelSpec spec(Function<String, Path> files, Optional<Path> cache, boolean replay,
            long tokenBudget) {
        return spec(files, "provider", cache, replay, tokenBudget);
    }

    /** As {@link #spec(Function, Optional, boolean, long)}, a bad servers file refused naming {@code section}. */
    public ChatModelSpec spec(Function<String, Path> files, String section, Optional<Path> cache, boolean replay,
            long tokenBudget) {
        return new ChatModelSpec(type, servers(files, section), model, timeoutMs, maxResponseBytes, maxConcurrent,
                maxRetries, backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, cache, replay, tokenBudget);
    }
}
