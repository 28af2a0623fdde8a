package org.recloop.recommenders.llm;

import java.nio.file.Path;
import java.util.Optional;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatProvider;
import org.recloop.core.lm.ResponseCacheParams;

/**
 * The {@code model:} section of an LLM recommender: the chat model server and how calls to it
 * behave, the fields of the LLM users' {@code provider:} section ({@link ChatProvider}, which
 * fills their defaults and checks them), plus the response cache and the token budget, which the
 * users keep in sections of their own. The API key
 * is not a parameter: it comes from {@code RECLOOP_LLM_API_KEY}; {@code RECLOOP_LLM_BASE_URL} and
 * {@code RECLOOP_LLM_MODEL} override baseUrl and model of every model of the run.
 *
 * @param type {@code openai} (any OpenAI-compatible server: vLLM, llama.cpp, Ollama's /v1) or
 *     {@code ollama} (Ollama's native API)
 * @param baseUrl e.g. {@code http://localhost:8000/v1}
 * @param baseUrls several servers of the same model instead of one (calls are spread over them);
 *     set only one of baseUrl, baseUrls, baseUrlsFile
 * @param baseUrlsFile a text file (relative to the scenario's folder) with one base URL a line
 * @param model model name as the server knows it
 * @param timeoutMs deadline of one attempt
 * @param maxConcurrent calls in flight at once per server
 * @param maxRetries retries of a failed call (HTTP 408/429/5xx, timeout, connection error)
 * @param backoffMs first back-off; doubles with every retry (jittered)
 * @param requestsPerSecond client-side rate limit; 0 = unlimited
 * @param temperature sampling temperature
 * @param maxTokens completion tokens per call (a ranking of 20 ids needs about 80)
 * @param jsonMode ask the server for a JSON object
 * @param maxResponseBytes largest answer accepted
 * @param cache response cache: {@code {path, mode}}, mode {@code readwrite} or {@code replay}
 * @param tokenBudget tokens (prompt + completion) of this model before requests are refused and
 *     slates keep the candidate order; 0 = no limit
 */
public record ChatModelParams(String type, String baseUrl, java.util.List<String> baseUrls, String baseUrlsFile,
        String model, Integer timeoutMs, Integer maxConcurrent,
        Integer maxRetries, Integer backoffMs, Double requestsPerSecond, Double temperature, Integer maxTokens,
        Boolean jsonMode, Long maxResponseBytes, ResponseCacheParams cache, Long tokenBudget) {

    public ChatModelParams {
        ChatProvider server = new ChatProvider(type, baseUrl, baseUrls, baseUrlsFile, model, timeoutMs, maxConcurrent,
                maxRetries, backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, maxResponseBytes);
        type = server.type();
        baseUrl = server.baseUrl();
        baseUrls = server.baseUrls();
        model = server.model();
        timeoutMs = server.timeoutMs();
        maxConcurrent = server.maxConcurrent();
        maxRetries = server.maxRetries();
        backoffMs = server.backoffMs();
        requestsPerSecond = server.requestsPerSecond();
        temperature = server.temperature();
        maxTokens = server.maxTokens();
        jsonMode = server.jsonMode();
        maxResponseBytes = server.maxResponseBytes();
        cache = cache == null ? new ResponseCacheParams(null, null) : cache;
        tokenBudget = tokenBudget == null ? 0L : tokenBudget;
        if (tokenBudget < 0) {
            throw new InvalidParameterException("tokenBudget", "must be >= 0, was " + tokenBudget);
        }
    }

    /** The server fields, as the LLM users' {@code provider:} section has them. */
    public ChatProvider server() {
        return new ChatProvider(type, baseUrl, baseUrls, baseUrlsFile, model, timeoutMs, maxConcurrent, maxRetries,
                backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, maxResponseBytes);
    }

    /** The model's parameters with every default. */
    static ChatModelParams defaults() {
        return new ChatModelParams(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The kernel's spec of this model, with the cache file resolved by the scenario (empty: none). */
    public ChatModelSpec spec(Optional<Path> cacheFile) {
        return spec(Path::of, cacheFile);
    }

    /** As {@link #spec(Optional)}, with {@code baseUrlsFile} resolved by {@code files} (the scenario's folder). */
    public ChatModelSpec spec(java.util.function.Function<String, Path> files, Optional<Path> cacheFile) {
        return server().spec(files, "model", cacheFile, cache.mode().equals("replay"), tokenBudget);
    }
}
