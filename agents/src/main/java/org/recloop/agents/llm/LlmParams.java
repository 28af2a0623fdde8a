package org.recloop.agents.llm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ServerList;

/**
 * The sections of {@link LlmUserModel.Params}, as a scenario writes them under {@code users:}: which
 * users are LLM-driven, the language-model server, memory, reflection, the response cache and the
 * token budget. Each record fills its defaults and validates in its compact constructor, so a bad
 * value fails while the scenario loads, naming the field.
 */
public final class LlmParams {

    private LlmParams() {}

    /**
     * Which users are LLM-driven; at most one of the three may be set (default: fraction 0.1).
     *
     * @param fraction this share of the population, chosen by a seeded draw per user (exactly
     *     {@code round(fraction·users)} users)
     * @param archetype every user of this archetype of the {@code rule} section: its name or its
     *     0-based index
     * @param users these user ids
     */
    public record Agents(Double fraction, String archetype, List<Integer> users) {
        public Agents {
            int set = (fraction != null ? 1 : 0) + (archetype != null ? 1 : 0) + (users != null ? 1 : 0);
            if (set > 1) {
                throw new InvalidParameterException("agents", "set only one of fraction, archetype, users");
            }
            if (set == 0) {
                fraction = 0.1;
            }
            if (fraction != null) {
                Check.unit("fraction", fraction);
            }
            if (users != null) {
                users = List.copyOf(users);
                for (Integer u : users) {
                    if (u == null || u < 0) {
                        throw new InvalidParameterException("users", "user ids must be >= 0, was " + u);
                    }
                }
            }
        }
    }

    /**
     * The language model server. The API key is not a parameter: it comes from {@code
     * RECLOOP_LLM_API_KEY}; {@code RECLOOP_LLM_BASE_URL} and {@code RECLOOP_LLM_MODEL} override
     * baseUrl and model.
     *
     * @param type {@code openai} (any OpenAI-compatible server: vLLM, llama.cpp, Ollama's /v1,
     *     OpenAI) or {@code ollama} (Ollama's native API)
     * @param baseUrl e.g. {@code http://localhost:8000/v1} (vLLM), {@code http://localhost:8080/v1}
     *     (llama.cpp), {@code http://localhost:11434} (ollama)
     * @param baseUrls several servers of the same model instead of one: calls are spread over them
     *     (see {@link ServerPool}); set only one of baseUrl, baseUrls, baseUrlsFile
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
    public record Provider(String type, String baseUrl, List<String> baseUrls, String baseUrlsFile, String model, Integer timeoutMs, Integer maxConcurrent,
            Integer maxRetries, Integer backoffMs, Double requestsPerSecond, Double temperature, Integer maxTokens,
            Boolean jsonMode, Long maxResponseBytes) {
        public Provider {
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
            maxConcurrent = Check.positive("maxConcurrent", maxConcurrent == null ? 64 : maxConcurrent);
            if (maxConcurrent > 4096) {
                throw new InvalidParameterException("maxConcurrent", "at most 4096, was " + maxConcurrent);
            }
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
        public static Provider defaults() {
            return new Provider(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /**
         * The servers in the scenario's order, {@code baseUrlsFile} read through {@code files} (the
         * scenario's folder); a bad file is refused naming {@code provider.baseUrlsFile}.
         */
        public List<String> servers(Function<String, Path> files) {
            try {
                return ServerList.resolve(baseUrl, baseUrls, baseUrlsFile, files);
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("provider." + e.field(), e.reason());
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
            return new ChatModelSpec(type, servers(files), model, timeoutMs, maxResponseBytes, maxConcurrent, maxRetries,
                    backoffMs, requestsPerSecond, temperature, maxTokens, jsonMode, cache, replay, tokenBudget);
        }
    }

    /**
     * @param embeddings rank older memories also by embedding similarity to the feed (the
     *     embedding model is loaded on first need, ~1 s); false = recency and importance only
     * @param shortTerm observations always shown (the most recent)
     * @param capacity memories kept per agent
     * @param retrieve older memories shown per prompt
     */
    public record Memory(Boolean embeddings, Integer shortTerm, Integer capacity, Integer retrieve) {
        public Memory {
            embeddings = embeddings == null || embeddings;
            shortTerm = Check.nonNegative("shortTerm", shortTerm == null ? 5 : shortTerm);
            capacity = Check.positive("capacity", capacity == null ? 100 : capacity);
            retrieve = Check.nonNegative("retrieve", retrieve == null ? 3 : retrieve);
        }
    }

    /**
     * @param every reflect after every N sessions of the agent; 0 = never
     * @param window memories summarised
     */
    public record Reflection(Integer every, Integer window) {
        public Reflection {
            every = Check.nonNegative("every", every == null ? 0 : every);
            window = Check.positive("window", window == null ? 10 : window);
        }
    }

    /**
     * @param path H2 database file of the response cache (relative to the scenario's folder); null =
     *     no cache
     * @param mode {@code readwrite}: answer from the cache, ask the model on a miss and store the
     *     answer; {@code replay}: answer only from the cache and fail on a miss (no LLM needed)
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
    }

    /** @param maxTokens tokens (prompt + completion) per run before decisions go to the rule model; 0 = no limit */
    public record Budget(Long maxTokens) {
        public Budget {
            maxTokens = maxTokens == null ? 0L : maxTokens;
            if (maxTokens < 0) {
                throw new InvalidParameterException("maxTokens", "must be >= 0, was " + maxTokens);
            }
        }
    }

    /** Index of an archetype given by name or 0-based index, or -1. */
    static int archetypeIndex(String id, RuleUserModel.Params rule) {
        List<RuleUserModel.Archetype> list = rule.archetypes();
        for (int a = 0; a < list.size(); a++) {
            if (list.get(a).name().equals(id)) {
                return a;
            }
        }
        try {
            int a = Integer.parseInt(id.trim());
            return a >= 0 && a < Math.max(1, list.size()) ? a : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
