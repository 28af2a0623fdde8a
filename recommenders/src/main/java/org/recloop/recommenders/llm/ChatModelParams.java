package org.recloop.recommenders.llm;

import java.nio.file.Path;
import java.util.Optional;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ServerList;

/**
 * The {@code model:} section of an LLM recommender: the chat model server and how calls to it
 * behave, with the same names and defaults as the LLM users' {@code provider:} section (plus the
 * response cache and the token budget, which the users keep in sections of their own). The API key
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
        Boolean jsonMode, Long maxResponseBytes, Cache cache, Long tokenBudget) {

    public ChatModelParams {
        type = type == null ? "openai" : type;
        if (!type.equals("openai") && !type.equals("ollama")) {
            throw new InvalidParameterException("type", "must be 'openai' or 'ollama', was '" + type + "'");
        }
        boolean ollama = type.equals("ollama");
        ServerList.check(baseUrl, baseUrls, baseUrlsFile);
        baseUrls = baseUrls == null ? null : java.util.List.copyOf(baseUrls);
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
        cache = cache == null ? new Cache(null, null) : cache;
        tokenBudget = tokenBudget == null ? 0L : tokenBudget;
        if (tokenBudget < 0) {
            throw new InvalidParameterException("tokenBudget", "must be >= 0, was " + tokenBudget);
        }
    }

    /** The model's parameters with every default. */
    static ChatModelParams defaults() {
        return new ChatModelParams(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /**
     * @param path H2 file of the response cache (relative to the scenario's folder); null = none
     * @param mode {@code readwrite} (ask on a miss, store the answer) or {@code replay} (answer only
     *     from the cache; a miss fails the run)
     */
    public record Cache(String path, String mode) {
        public Cache {
            mode = mode == null ? "readwrite" : mode;
            if (!mode.equals("readwrite") && !mode.equals("replay")) {
                throw new InvalidParameterException("mode", "must be 'readwrite' or 'replay', was '" + mode + "'");
            }
            if (mode.equals("replay") && (path == null || path.isBlank())) {
                throw new InvalidParameterException("path", "is required with mode 'replay'");
            }
            if (path != null) {
                org.recloop.core.log.H2Url.problem(path).ifPresent(why -> {
                    throw new InvalidParameterException("path", why);
                });
            }
        }

        /** True when a cache file is named. */
        public boolean named() {
            return path != null && !path.isBlank();
        }
    }

    /** The kernel's spec of this model, with the cache file resolved by the scenario (empty: none). */
    public ChatModelSpec spec(Optional<Path> cacheFile) {
        return spec(Path::of, cacheFile);
    }

    /** As {@link #spec(Optional)}, with {@code baseUrlsFile} resolved by {@code files} (the scenario's folder). */
    public ChatModelSpec spec(java.util.function.Function<String, Path> files, Optional<Path> cacheFile) {
        java.util.List<String> servers;
        try {
            servers = ServerList.resolve(baseUrl, baseUrls, baseUrlsFile, files);
        } catch (InvalidParameterException e) { // the file is read here, so the section is named here
            throw new InvalidParameterException("model." + e.field(), e.reason());
        }
        return new ChatModelSpec(type, servers, model, timeoutMs, maxResponseBytes, maxConcurrent, maxRetries,
                backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, cacheFile,
                cache.mode().equals("replay"), tokenBudget);
    }
}
