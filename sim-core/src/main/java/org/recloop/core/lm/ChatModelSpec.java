package org.recloop.core.lm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which chat model a component wants and how calls to it behave: a component builds it from its
 * scenario parameters and asks {@link LanguageModels#chat} for the model. Secrets are not part of
 * it: the implementation reads the API key from the environment. Values are validated by the
 * scenario's parameter records; this record only refuses what no implementation could use.
 *
 * @param provider server kind, e.g. {@code openai} (any OpenAI-compatible server) or {@code ollama}
 * @param baseUrls the servers' base URLs as the scenario gives them, one or more (the environment
 *     may override them with one); calls are spread over them, each server taking at most {@code
 *     maxConcurrent} at a time
 * @param model model name as the scenario gives it (the environment may override it)
 * @param timeoutMs deadline of one attempt: connection, request and the whole answer
 * @param maxResponseBytes largest answer accepted; a larger one fails the attempt ({@code too_large})
 * @param maxConcurrent calls in flight at once through {@link LanguageModel#completeAsync}, per server
 * @param maxRetries retries of a failed attempt that may succeed on a second try
 * @param backoffMs first back-off; doubles with every retry (jittered ±50%)
 * @param requestsPerSecond client-side rate limit over all attempts; 0 = unlimited
 * @param temperature sampling temperature
 * @param maxTokens completion tokens per call
 * @param jsonMode ask the server for a JSON object
 * @param cache the response cache's database file; empty = no cache
 * @param replay answer only from the cache (a miss fails the run)
 * @param tokenBudget tokens (prompt + completion) before requests are refused; 0 = no limit
 */
public record ChatModelSpec(String provider, List<String> baseUrls, String model, int timeoutMs, long maxResponseBytes,
        int maxConcurrent, int maxRetries, int backoffMs, double requestsPerSecond, double temperature, int maxTokens,
        boolean jsonMode, Optional<Path> cache, boolean replay, long tokenBudget) {

    public ChatModelSpec {
        Objects.requireNonNull(provider, "provider");
        baseUrls = List.copyOf(baseUrls);
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("baseUrls must name at least one server");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cache, "cache");
        if (timeoutMs <= 0 || maxResponseBytes <= 0 || maxConcurrent <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("timeoutMs, maxResponseBytes, maxConcurrent and maxTokens must be > 0: "
                    + timeoutMs + ", " + maxResponseBytes + ", " + maxConcurrent + ", " + maxTokens);
        }
        if (maxRetries < 0 || backoffMs < 0 || requestsPerSecond < 0 || temperature < 0 || tokenBudget < 0) {
            throw new IllegalArgumentException("maxRetries, backoffMs, requestsPerSecond, temperature and tokenBudget"
                    + " must be >= 0");
        }
        if (replay && cache.isEmpty()) {
            throw new IllegalArgumentException("replay needs a response cache");
        }
    }

    /** A model on one server. */
    public ChatModelSpec(String provider, String baseUrl, String model, int timeoutMs, long maxResponseBytes,
            int maxConcurrent, int maxRetries, int backoffMs, double requestsPerSecond, double temperature,
            int maxTokens, boolean jsonMode, Optional<Path> cache, boolean replay, long tokenBudget) {
        this(provider, List.of(Objects.requireNonNull(baseUrl, "baseUrl")), model, timeoutMs, maxResponseBytes,
                maxConcurrent, maxRetries, backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, cache,
                replay, tokenBudget);
    }

    /** The first server's base URL (the only one of a single-server model). */
    public String baseUrl() {
        return baseUrls.get(0);
    }
}
