package org.recloop.agents.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.agents.rule.MnlUserModel;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ModelCallStats;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;
import org.recloop.core.world.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LLM-driven users in a hybrid population (RecAgent-style, Wang et al. 2023). A chosen part of the
 * population (a fraction, an archetype or a list of user ids) is driven by a language model; the
 * other users, and every decision the LLM cannot make, are handled by an embedded {@link
 * RuleUserModel} (the {@code rule:} section), which also does init (archetypes) and afterTick
 * (posts, returns) for everybody except the agents the LLM decided for in that tick (they post
 * only when their answer says so).
 *
 * <p><b>An LLM agent's step.</b> Its prompt holds a profile written from its ground-truth
 * preference (nearest topics, favourite titles when the catalog has titles), its short-term memory
 * (the last observations), older memories retrieved by recency + importance (+ embedding
 * similarity to the feed, all-MiniLM-L6-v2, loaded lazily), the users it follows (the first 20 by
 * id: whom it may message) and the feed. The model answers one JSON action ({@link LlmAction}).
 * An invalid answer is retried once with the validation error
 * appended; a second invalid answer, or a call that still fails after {@code provider.maxRetries}
 * retries (HTTP 408/429/5xx, timeouts, connection errors; exponential back-off), makes the rule
 * model decide this step (outcome {@code fallback}). The events are those of rule agents: CLICK
 * (val = true utility from ground truth), CONSUME (completion {@code σ·(0.75 + 0.5·uniform)}),
 * RATE, LIKE, SHARE, COMMENT, FOLLOW, SKIP and LEAVE; a consumption makes the preference drift as
 * in the rule model. Optional reflection: every {@code reflection.every} sessions one more call
 * summarises the agent's recent memories into an important memory.
 *
 * <p><b>Posts, chat and search.</b> {@code "search"}: the query is embedded and compared with the
 * catalog's item texts ({@code ItemTextIndex}: titles, {@code "topic T"} for untitled items, post
 * texts); SEARCH (val = topic of the closest item), then the agent opens the closest item it has
 * not consumed (CLICK from no slate, CONSUME, drift), in the same step, as the rule model opens its
 * search result; the slate choice follows. {@code "message"}: MESSAGE with target_user = the
 * followee, val 0, item -1; an addressee the prompt did not list as a followee is a validation
 * error. {@code "post"}: in afterTick (the catalog grows only on the simulation thread) the post
 * becomes a catalog item placed by its text (see {@code publishPosts}) and a POST event. The text
 * of reasons, comments, messages, queries and posts goes to the texts table ({@link #drainTexts}).
 *
 * <p><b>Concurrency and determinism.</b> {@link #react} builds all prompts of the chunk, answers
 * cache hits at once and sends the other calls to a pool of {@code provider.maxConcurrent}
 * threads; the returned stage completes when all answers or fallbacks are in, and the chunk's
 * events are written in slate order whatever the completion order. Each agent's state is touched
 * only by its own step, draws come from {@code (users.llm, user, tick)}, so a run is reproducible
 * given the same answers (which the response cache provides).
 *
 * <p><b>The language model.</b> Calls go through the run's {@link LanguageModel} (granted as the
 * capability {@link LanguageModels}; a model made outside a run makes its own from the
 * environment): the response cache, retries, rate limit, budget, key redaction and the rows of
 * every attempt live behind it, and the memory and search embeddings come from its {@link
 * LanguageModels#embedder()}. This class builds the prompts and turns answers into events.
 *
 * <p><b>Cost.</b> Every attempt is a {@link ModelCall} (outcomes {@code ok}, {@code invalid},
 * {@code http_<status>}, {@code timeout}, {@code too_large}, {@code unreachable}, {@code io_error}, {@code error},
 * {@code reflection}; from the response cache {@code cached} and {@code cached_failure}; plus the
 * decision rows {@code fallback} and {@code budget}, which are not calls). {@code attempt} numbers
 * the rows of one agent's step in order (tries, the fallback row, then reflection calls). With {@code budget.maxTokens}, the tokens of all calls (cached ones included, so that a replay
 * switches at the same point) are summed at the end of each tick; once they reach the budget,
 * every later decision goes to the rule model (outcome {@code budget}) and one WARN line says so.
 * The budget may thus be overshot by one tick's tokens.
 *
 * <p><b>Simplifications.</b> An LLM agent's utility ignores satiation and the herd bonus (fallback
 * steps have them, as the rule model computes them); the profile is written once, at the agent's
 * first decision; LLM posts are not in the rule model's topic index, so rule users' topic searches
 * do not find them (they do reach feeds and LLM agents' searches).
 *
 * <p><b>Secrets.</b> The API key comes only from the environment variable {@code
 * RECLOOP_LLM_API_KEY}; it is never part of the parameters, the prompts, the cache, the llm_calls
 * rows, log lines or exception messages. A server that echoes it back (in an error body, or inside
 * an answer's reason, comment, post, message or query) gets it replaced by {@code [REDACTED]}
 * ({@link Redactor}) before anything is parsed, cached, stored or logged.
 *
 * <p><b>Failed runs.</b> Calls and failed calls are counted ({@link ModelCallStats}); when more
 * than {@code maxFailureShare} of the calls failed, the runner ends the run {@code degraded}.
 */
public final class LlmUserModel implements UserModel, ModelCallStats, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmUserModel.class);

    // ---------------------------------------------------------------- parameters

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
     * @param model model name as the server knows it
     * @param timeoutMs deadline of one attempt: connection, request and the whole answer
     * @param maxConcurrent calls in flight at once (threads of the call pool)
     * @param maxRetries retries of a failed call (HTTP 408/429/5xx, timeout, connection error)
     * @param backoffMs first back-off; doubles with every retry (jittered ±50%)
     * @param requestsPerSecond client-side rate limit over all attempts; 0 = unlimited
     * @param temperature sampling temperature
     * @param maxTokens completion tokens per call
     * @param jsonMode ask the server for a JSON object (response_format json_object / format json)
     * @param maxResponseBytes largest answer accepted (default 1 MiB); a larger one is cut off as it
     *     arrives and the attempt fails (outcome {@code too_large}, retried)
     */
    public record Provider(String type, String baseUrl, String model, Integer timeoutMs, Integer maxConcurrent,
            Integer maxRetries, Integer backoffMs, Double requestsPerSecond, Double temperature, Integer maxTokens,
            Boolean jsonMode, Long maxResponseBytes) {
        public Provider {
            type = type == null ? "openai" : type;
            if (!type.equals("openai") && !type.equals("ollama")) {
                throw new InvalidParameterException("type", "must be 'openai' or 'ollama', was '" + type + "'");
            }
            boolean ollama = type.equals("ollama");
            baseUrl = baseUrl == null ? (ollama ? "http://localhost:11434" : "http://localhost:8000/v1") : baseUrl;
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new InvalidParameterException("baseUrl", "must start with http:// or https://, was '" + baseUrl + "'");
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

        /** The kernel's spec of this provider's chat model, with the cache and budget of the model. */
        public ChatModelSpec spec(Optional<Path> cache, boolean replay, long tokenBudget) {
            return new ChatModelSpec(type, baseUrl, model, timeoutMs, maxResponseBytes, maxConcurrent, maxRetries,
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

    /**
     * All parameters; every section is optional.
     *
     * @param maxFailureShare share of failed LLM calls (errors, timeouts, oversized or invalid
     *     answers, over all calls sent) above which the run ends {@code degraded} instead of {@code
     *     finished}, in [0, 1] (default 0.5; 1 = never): with a wrong key or a closed port every
     *     decision falls back to the rule model, and the run must not look like an LLM study
     */
    public record Params(Agents agents, RuleUserModel.Params rule, Provider provider, Memory memory,
            Reflection reflection, Cache cache, Budget budget, Double maxFailureShare) {
        public Params {
            maxFailureShare = Check.unit("maxFailureShare", maxFailureShare == null ? 0.5 : maxFailureShare);
            agents = agents == null ? new Agents(null, null, null) : agents;
            rule = rule == null ? RuleUserModel.Params.defaults() : rule;
            provider = provider == null ? new Provider(null, null, null, null, null, null, null, null, null, null, null, null)
                    : provider;
            memory = memory == null ? new Memory(null, null, null, null) : memory;
            reflection = reflection == null ? new Reflection(null, null) : reflection;
            cache = cache == null ? new Cache(null, null) : cache;
            budget = budget == null ? new Budget(null) : budget;
            if (agents.archetype() != null && archetypeIndex(agents.archetype(), rule) < 0) {
                List<String> names = rule.archetypes().stream().map(RuleUserModel.Archetype::name).toList();
                throw new InvalidParameterException("agents.archetype", "unknown archetype '" + agents.archetype()
                        + "'; the rule section has " + (names.isEmpty() ? "none" : String.join(", ", names)));
            }
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null);
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

    // ---------------------------------------------------------------- state

    static final long SELECT = RandomStreams.purpose("users.llm.select");
    static final long REACT = RandomStreams.purpose("users.llm");
    static final long POST = RandomStreams.purpose("users.llm.post");
    /** Search results an agent considers: the most similar items it has not consumed yet. */
    static final int SEARCH_RESULTS = 10;
    /** Items whose features place a post: the ones whose texts are most similar to the post's. */
    static final int POST_NEIGHBOURS = 5;
    /** A post's title (what feeds show of it) is its text, whitespace collapsed, cut to this length. */
    static final int TITLE_LENGTH = 120;

    /** One LLM agent: profile, memory and session counters. Touched only by its own step. */
    private static final class Agent {
        final int user;
        final AgentMemory memory;
        String profile;
        int sessions;
        float satisfaction;

        Agent(int user, AgentMemory memory) {
            this.user = user;
            this.memory = memory;
        }
    }

    /** One LLM agent's decision in a tick: its events, calls, texts and the post it will publish. */
    private static final class Step {
        final int slate;
        final int user;
        final EventBuffer events = new EventBuffer(8);
        final List<ModelCall> calls = new ArrayList<>(4);
        final List<AgentText> texts = new ArrayList<>(2);
        int attempt;
        /** The followees listed in the prompt, ascending: the valid addressees of a message. */
        int[] followees = new int[0];
        /** The applied action, when the LLM (not the rule model) decided the step. */
        LlmAction action;

        Step(int slate, int user) {
            this.slate = slate;
            this.user = user;
        }
    }

    private final Params p;
    private final RuleUserModel rule;
    private final Function<String, Path> files;
    /** Where the language models come from: the run's capabilities, or (made outside a run) the environment. */
    private final Capabilities capabilities;
    private final Environment env;
    /** Calls and failed calls so far, counted as they are drained. */
    private final CallTally tally = new CallTally();
    private final Provider provider;

    private boolean[] llm;
    private Agent[] agents;
    private int llmCount;
    private float[] centres;
    private double[] beta;
    private float[] drift;
    private Catalog catalogRef;
    private volatile String[] descriptions = new String[0];

    /** The run's models (from the capabilities), or this model's own (made from the environment). */
    private LanguageModels models;
    private boolean ownsModels;
    /** The chat model: cache, retries, budget, redaction and llm_calls rows behind it (after init). */
    private volatile LanguageModel lm;
    private volatile ThreadPoolExecutor pool;
    /** For memory retrieval; null when memory.embeddings is off. */
    private final AgentMemory.Embedder embedder;
    /** Searches and post placement; its embedding model loads at the first search or post. */
    private final ItemTextIndex index;

    private final ConcurrentLinkedQueue<ModelCall> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<AgentText> texts = new ConcurrentLinkedQueue<>();
    /** Steps of this tick whose action has a post, published in afterTick. */
    private final ConcurrentLinkedQueue<Step> posts = new ConcurrentLinkedQueue<>();
    /** Users whose step this tick the LLM decided (not the rule model); each written by its own step. */
    private boolean[] llmDecided;
    private final AtomicLong decisions = new AtomicLong();

    /** A model reading the process environment, with paths as given. */
    public LlmUserModel(Params p) {
        this(p, Path::of, Environment.system());
    }

    /** A model reading the process environment; {@code files} resolves the cache path (scenario folder). */
    public LlmUserModel(Params p, Function<String, Path> files) {
        this(p, files, Environment.system());
    }

    /** A model with language models of its own, made from {@code env} at init (outside a run: tests, tools). */
    public LlmUserModel(Params p, Function<String, Path> files, Environment env) {
        this(p, files, null, env);
    }

    /**
     * A model of a run: at init it takes the run's {@link LanguageModels} from {@code capabilities};
     * when they grant none (made outside a run) it makes its own from the process environment.
     */
    public LlmUserModel(Params p, Function<String, Path> files, Capabilities capabilities) {
        this(p, files, java.util.Objects.requireNonNull(capabilities, "capabilities"), null);
    }

    private LlmUserModel(Params p, Function<String, Path> files, Capabilities capabilities, Environment env) {
        this.p = p;
        this.rule = new RuleUserModel(p.rule());
        this.files = files;
        this.provider = p.provider();
        this.capabilities = capabilities;
        this.env = env;
        AgentMemory.Embedder text = texts -> models.embedder().embed(texts); // after init
        this.embedder = p.memory().embeddings() ? text : null;
        this.index = new ItemTextIndex(text);
    }

    public Params params() {
        return p;
    }

    /** The embedded rule model (other users and fallbacks). */
    public RuleUserModel ruleModel() {
        return rule;
    }

    /** The base URL in use (after the environment override; without credentials once initialised). */
    public String baseUrl() {
        LanguageModel m = lm;
        return m != null ? m.endpoint() : env != null ? env.get(Environment.BASE_URL).orElse(provider.baseUrl())
                : provider.baseUrl();
    }

    /** The model name in use (after the environment override). */
    public String modelName() {
        LanguageModel m = lm;
        return m != null ? m.modelName() : env != null ? env.get(Environment.MODEL).orElse(provider.model())
                : provider.model();
    }

    /** True when user u is LLM-driven (after {@link #init}). */
    public boolean isLlmAgent(int u) {
        return llm != null && u >= 0 && u < llm.length && llm[u];
    }

    /** Number of LLM-driven users (after {@link #init}). */
    public int llmAgentCount() {
        return llmCount;
    }

    /** Tokens counted against the budget so far (end of the last tick). */
    public long usedTokens() {
        return lm == null ? 0 : lm.tokensUsed();
    }

    /** True once the token budget is used up. */
    public boolean budgetExhausted() {
        return lm != null && lm.budgetExhausted();
    }

    // ---------------------------------------------------------------- init

    @Override
    public void init(World world, RandomStreams streams) {
        rule.init(world, streams);
        Population pop = world.population();
        int n = pop.size();
        llm = new boolean[n];
        Agents a = p.agents();
        if (a.users() != null) {
            for (int u : a.users()) {
                if (u >= n) {
                    throw new IllegalArgumentException("users.agents.users: user " + u + " is outside the population of "
                            + n + " users");
                }
                llm[u] = true;
            }
        } else if (a.archetype() != null) {
            int id = archetypeIndex(a.archetype(), p.rule());
            for (int u = 0; u < n; u++) {
                llm[u] = pop.archetype(u) == id;
            }
        } else {
            int m = (int) Math.round(a.fraction() * n);
            long[] keys = new long[n];
            for (int u = 0; u < n; u++) {
                long k = (long) (streams.uniform(SELECT, u, -1) * (1L << 31));
                keys[u] = (k << 32) | u;
            }
            Arrays.sort(keys);
            for (int i = 0; i < m; i++) {
                llm[(int) (keys[i] & 0xffffffffL)] = true;
            }
        }
        agents = new Agent[n];
        llmDecided = new boolean[n];
        llmCount = 0;
        for (int u = 0; u < n; u++) {
            if (llm[u]) {
                agents[u] = new Agent(u, new AgentMemory(p.memory().shortTerm(), p.memory().capacity()));
                llmCount++;
            }
        }
        centres = Topics.centres(world.catalog());
        catalogRef = world.catalog();
        descriptions = new String[world.catalog().size()];
        int arch = Math.max(1, p.rule().archetypes().size());
        beta = new double[arch];
        drift = new float[arch];
        for (int i = 0; i < arch; i++) {
            RuleUserModel.Archetype t = p.rule().archetypes().isEmpty() ? null : p.rule().archetypes().get(i);
            beta[i] = t != null && t.beta() != null ? t.beta() : p.rule().choice().beta();
            drift[i] = (float) (t != null && t.driftRate() != null ? t.driftRate().doubleValue() : p.rule().driftRate().doubleValue());
        }
        models = capabilities == null ? null : capabilities.capability(LanguageModels.class).orElse(null);
        if (models == null) { // made outside a run (a tool, a test): language models of its own
            models = new LangChainLanguageModels(env != null ? env : Environment.system(), streams);
            ownsModels = true;
        }
        boolean cached = p.cache().path() != null && !p.cache().path().isBlank();
        lm = models.chat(provider.spec(cached ? Optional.of(files.apply(p.cache().path())) : Optional.empty(),
                p.cache().mode().equals("replay"), p.budget().maxTokens()));
        LOG.info("LLM agents: {} of {} users; model {} at {}", llmCount, n, lm.modelName(), lm.endpoint());
    }

    /** An item as agents see it, cached per item (items never change; posts extend the catalog). */
    private String describe(int item) {
        String[] d = descriptions;
        if (item >= d.length) {
            return Prompts.describe(catalogRef, item);
        }
        String s = d[item];
        if (s == null) {
            s = Prompts.describe(catalogRef, item);
            d[item] = s; // a benign race: every thread computes the same text
        }
        return s;
    }

    // ---------------------------------------------------------------- react

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        try {
            return reactChunk(ctx, slates, from, to, out);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> reactChunk(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        boolean any = false;
        for (int s = from; s < to && !any; s++) {
            any = isLlmAgent(slates.user(s));
        }
        if (!any) {
            return rule.react(ctx, slates, from, to, out);
        }
        List<EventBuffer> parts = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<CompletableFuture<Void>> async = new ArrayList<>();
        int segment = from;
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (!llm[u]) {
                continue;
            }
            if (segment < s) {
                EventBuffer b = new EventBuffer(Math.max(16, 2 * (s - segment)));
                rule.react(ctx, slates, segment, s, b).toCompletableFuture().join();
                parts.add(b);
            }
            segment = s + 1;
            Step st = new Step(s, u);
            steps.add(st);
            parts.add(st.events);
            Decision d = prepare(ctx, slates, st);
            if (d.inline) {
                decide(ctx, slates, st, d);
            } else {
                async.add(CompletableFuture.runAsync(() -> decide(ctx, slates, st, d), pool()));
            }
        }
        if (segment < to) {
            EventBuffer b = new EventBuffer(Math.max(16, 2 * (to - segment)));
            rule.react(ctx, slates, segment, to, b).toCompletableFuture().join();
            parts.add(b);
        }
        Runnable finish = () -> {
            for (EventBuffer b : parts) {
                out.addAll(b);
            }
            for (Step st : steps) {
                calls.addAll(st.calls);
                texts.addAll(st.texts);
                if (st.action != null && st.action.post() != null) {
                    posts.add(st);
                }
            }
        };
        if (async.isEmpty()) {
            finish.run();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(async.toArray(CompletableFuture[]::new)).thenRun(finish);
    }

    /** The first prompt of a step, and whether the step runs on the caller's thread (cache hit, budget). */
    private record Decision(String prompt, String hash, boolean inline) {}

    private Decision prepare(ReactContext ctx, SlateBatch slates, Step st) {
        Agent a = agents[st.user];
        World world = ctx.world();
        if (a.profile == null) {
            byte arch = world.population().archetype(st.user);
            String name = arch >= 0 && arch < p.rule().archetypes().size() ? p.rule().archetypes().get(arch).name() : null;
            a.profile = Prompts.profile(st.user, world.population(), world.catalog(), centres, name);
        }
        String feed = Prompts.feed(this::describe, slates, st.slate);
        // no embeddings for a decision the rule model makes anyway
        List<AgentMemory.Memory> recent = a.memory.shortTerm();
        List<AgentMemory.Memory> older = a.memory.retrieve(ctx.tick(), feed, p.memory().retrieve(),
                lm.budgetExhausted() ? null : embedder, recent);
        st.followees = followees(world.graph(), st.user);
        String prompt = Prompts.decision(a.profile, recent, older, ctx.tick(), Prompts.following(st.followees), feed);
        String hash = sha256(Prompts.SYSTEM, prompt);
        boolean inline = lm.answersAtOnce(new ChatRequest(Prompts.SYSTEM, prompt, ctx.tick(), st.user));
        return new Decision(prompt, hash, inline);
    }

    /** The first {@link Prompts#MAX_FOLLOWEES} followees of u, ascending (the graph's order). */
    private static int[] followees(SocialGraph g, int u) {
        int[] f = new int[Math.min(g.outDegree(u), Prompts.MAX_FOLLOWEES)];
        for (int i = 0; i < f.length; i++) {
            f[i] = g.followee(u, i);
        }
        return f;
    }

    private void decide(ReactContext ctx, SlateBatch slates, Step st, Decision d) {
        decisions.incrementAndGet();
        int tick = ctx.tick();
        String prompt = d.prompt;
        int len = slates.length(st.slate);
        for (int v = 1; v <= 2; v++) {
            ChatAnswer ans = ask(ctx, st, Prompts.SYSTEM, prompt, ChatRequest.OK);
            if (ChatAnswer.BUDGET.equals(ans.outcome())) {
                fallback(ctx, slates, st, null); // the budget row says why; no fallback row
                return;
            }
            if (!ans.answered()) {
                break; // transport failure after retries: fall back
            }
            String text = ans.text().orElseThrow();
            try {
                LlmAction act = LlmAction.parse(text, len, st.followees);
                apply(ctx, slates, st, act);
                return;
            } catch (LlmAction.InvalidAnswer e) {
                if (!ans.cached()) {
                    relabelLast(st, "invalid");
                }
                prompt = Prompts.retry(d.prompt, text, e.getMessage());
            }
        }
        record(st, tick, d.hash, -1, -1, 0, "fallback");
        fallback(ctx, slates, st, null);
    }

    /**
     * One question to the language model (cache, retries and budget are behind it); its llm_calls
     * rows join the step's, numbered on from the step's earlier rows.
     */
    private ChatAnswer ask(ReactContext ctx, Step st, String system, String prompt, String answeredOutcome) {
        ChatAnswer a = lm.complete(new ChatRequest(system, prompt, ctx.tick(), st.user, answeredOutcome));
        for (ModelCall m : a.calls()) {
            st.calls.add(new ModelCall(m.tick(), m.user(), m.promptHash(), m.model(), m.tokensIn(), m.tokensOut(),
                    m.latencyMs(), m.outcome(), ++st.attempt));
        }
        return a;
    }

    /** A decision row of the step (not a call). */
    private void record(Step st, int tick, String hash, int in, int out, double ms, String outcome) {
        st.calls.add(new ModelCall(tick, st.user, hash, lm.modelName(), in, out, ms, outcome, ++st.attempt));
    }

    private static void relabelLast(Step st, String outcome) {
        ModelCall m = st.calls.get(st.calls.size() - 1);
        st.calls.set(st.calls.size() - 1, new ModelCall(m.tick(), m.user(), m.promptHash(), m.model(), m.tokensIn(),
                m.tokensOut(), m.latencyMs(), outcome, m.attempt()));
    }

    // ---------------------------------------------------------------- outcomes

    private double utility(Catalog catalog, float[] prefs, int u, int dim, int item) {
        return catalog.dot(item, prefs, u * dim) + p.rule().qualityWeight() * catalog.quality(item);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * The events of a valid action, then memory, satisfaction and reflection. Order within the
     * step: a search (SEARCH, then CLICK and CONSUME of the best result), the slate (CLICK, CONSUME,
     * RATE, LIKE, SHARE, COMMENT, FOLLOW, or SKIP), MESSAGE, LEAVE; a post follows in afterTick,
     * once the catalog may grow. Texts are collected in the same order.
     */
    private void apply(ReactContext ctx, SlateBatch slates, Step st, LlmAction act) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        int u = st.user;
        int s = st.slate;
        int tick = ctx.tick();
        int dim = pop.dim();
        int arch = pop.archetype(u) >= 0 && pop.archetype(u) < beta.length ? pop.archetype(u) : 0;
        EventBuffer out = st.events;
        UniformRandomProvider rng = null;
        st.action = act;
        llmDecided[u] = true;
        if (act.search() != null) {
            rng = ctx.streams().stream(REACT, u, tick);
            search(ctx, st, act.search(), rng, arch);
        }
        if (act.choice() < 0) {
            out.add(u, -1, EventType.SKIP, s, -1, 0f);
            text(st, tick, EventType.SKIP, -1, -1, "reason", act.reason());
        } else {
            int r = act.choice();
            int item = slates.item(s, r);
            double util = utility(catalog, pop.preferences(), u, dim, item);
            out.add(u, item, EventType.CLICK, s, r, (float) util);
            text(st, tick, EventType.CLICK, item, -1, "reason", act.reason());
            if (rng == null) {
                rng = ctx.streams().stream(REACT, u, tick);
            }
            double sig = sigmoid(beta[arch] * (util - p.rule().choice().noClickUtility()));
            out.add(u, item, EventType.CONSUME, s, r, (float) Math.min(1.0, sig * (0.75 + 0.5 * rng.nextDouble())));
            if (act.rating() != null) {
                out.add(u, item, EventType.RATE, s, r, act.rating());
            }
            if (act.like()) {
                out.add(u, item, EventType.LIKE, s, r, 1f);
            }
            if (act.share()) {
                out.add(u, item, EventType.SHARE, s, r, 1f);
            }
            if (act.comment() != null) {
                float sentiment = act.rating() != null ? (act.rating() - 3) / 2f : (float) (2 * sig - 1);
                out.add(u, item, EventType.COMMENT, s, r, sentiment);
                text(st, tick, EventType.COMMENT, item, -1, "comment", act.comment());
            }
            int creator = catalog.creator(item);
            if (act.follow() && creator >= 0 && creator < pop.size() && creator != u && !world.graph().follows(u, creator)) {
                out.add(u, item, EventType.FOLLOW, s, r, 1f, creator);
            }
            MnlUserModel.drift(pop.preferences(), u * dim, catalog.features(), item * dim, dim, drift[arch]);
        }
        if (act.message() != null) {
            // no sentiment is asked for, so val = 0; the message is about no particular item
            int to = act.message().to();
            out.add(u, -1, EventType.MESSAGE, -1, -1, 0f, to);
            text(st, tick, EventType.MESSAGE, -1, to, "message", act.message().text());
        }
        endSession(ctx, slates, st, act.leave(), act.reason());
    }

    private static void text(Step st, int tick, EventType type, int item, int target, String kind, String text) {
        if (text != null && !text.isBlank()) {
            st.texts.add(new AgentText(tick, st.user, type, item, target, kind, text));
        }
    }

    /**
     * A free-text search: SEARCH (val = the topic of the most similar item), then the agent opens
     * the most similar item it has not consumed yet, as the rule model opens the best result of its
     * topic search (CLICK from no slate with the true utility, CONSUME, preference drift). Equally
     * similar results (untitled items of one topic share a text) go to the higher true utility,
     * then the lower id.
     */
    private void search(ReactContext ctx, Step st, String query, UniformRandomProvider rng, int arch) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        int u = st.user;
        int dim = pop.dim();
        int tick = ctx.tick();
        index.ensure(catalog);
        float[] q = index.embed(query);
        int[] top = index.nearest(q, 1, i -> true, null);
        int topic = top.length == 0 ? -1 : catalog.topic(top[0]);
        st.events.add(u, -1, EventType.SEARCH, -1, -1, topic);
        text(st, tick, EventType.SEARCH, -1, -1, "query", query);
        double[] sims = new double[SEARCH_RESULTS];
        int[] found = index.nearest(q, SEARCH_RESULTS, i -> !world.history().contains(u, i), sims);
        if (found.length == 0) {
            return;
        }
        int item = found[0];
        double util = utility(catalog, pop.preferences(), u, dim, item);
        for (int j = 1; j < found.length && sims[j] == sims[0]; j++) {
            double x = utility(catalog, pop.preferences(), u, dim, found[j]);
            if (x > util) {
                util = x;
                item = found[j];
            }
        }
        st.events.add(u, item, EventType.CLICK, -1, -1, (float) util);
        double sig = sigmoid(beta[arch] * (util - p.rule().choice().noClickUtility()));
        st.events.add(u, item, EventType.CONSUME, -1, -1, (float) Math.min(1.0, sig * (0.75 + 0.5 * rng.nextDouble())));
        MnlUserModel.drift(pop.preferences(), u * dim, catalog.features(), item * dim, dim, drift[arch]);
    }

    /** The rule model decides this step; memory and satisfaction follow what it did. */
    private void fallback(ReactContext ctx, SlateBatch slates, Step st, String reason) {
        rule.react(ctx, slates, st.slate, st.slate + 1, st.events).toCompletableFuture().join();
        endSession(ctx, slates, st, false, reason);
    }

    private void endSession(ReactContext ctx, SlateBatch slates, Step st, boolean leave, String reason) {
        Agent a = agents[st.user];
        int u = st.user;
        double sessionUtility = 0;
        boolean left = false;
        for (int i = 0; i < st.events.size(); i++) {
            if (st.events.is(i, EventType.CLICK)) {
                sessionUtility += st.events.value(i);
            }
            left |= st.events.is(i, EventType.LEAVE);
        }
        double k = p.rule().churn().smoothing();
        a.satisfaction = (float) ((1 - k) * a.satisfaction + k * sessionUtility);
        if (leave && !left) {
            st.events.add(u, -1, EventType.LEAVE, -1, -1, a.satisfaction);
        }
        Observation o = observe(ctx.world().catalog(), this::describe, slates, st, reason);
        a.memory.add(ctx.tick(), o.text, o.importance);
        a.sessions++;
        Reflection r = p.reflection();
        if (r.every() > 0 && a.sessions % r.every() == 0 && !lm.budgetExhausted()) {
            reflect(ctx, st, a);
        }
    }

    private record Observation(String text, double importance) {}

    /** What the agent remembers of a session, from its events. */
    private static Observation observe(Catalog catalog, java.util.function.IntFunction<String> describe,
            SlateBatch slates, Step st, String reason) {
        EventBuffer ev = st.events;
        List<StringBuilder> sentences = new ArrayList<>();
        StringBuilder open = new StringBuilder(); // the sentence of the last opened item
        double importance = 0.2;
        for (int i = 0; i < ev.size(); i++) {
            switch (EventType.ofCode(ev.typeCode(i))) {
                case SEARCH -> sentences.add(st.action != null && st.action.search() != null
                        ? new StringBuilder("Searched for \"").append(shorten(st.action.search(), 80)).append('"')
                        : new StringBuilder("Searched topic ").append((int) ev.value(i)));
                case CLICK -> {
                    open = new StringBuilder("Opened ").append(describe.apply(ev.item(i)))
                            .append(ev.slate(i) < 0 ? " from a search" : " from my feed");
                    sentences.add(open);
                    importance = Math.max(importance, 0.4);
                }
                case RATE -> {
                    open.append("; rated it ").append((int) ev.value(i)).append("/5");
                    importance += 0.1 * Math.abs(ev.value(i) - 3);
                }
                case LIKE -> {
                    open.append("; liked it");
                    importance += 0.15;
                }
                case SHARE -> {
                    open.append("; shared it");
                    importance += 0.15;
                }
                case COMMENT -> open.append("; commented on it");
                case FOLLOW -> {
                    open.append("; followed its creator");
                    importance += 0.1;
                }
                case UNFOLLOW -> open.append("; unfollowed its creator");
                case SKIP -> {
                    Set<Integer> topics = new LinkedHashSet<>();
                    for (int r = 0; r < slates.length(st.slate) && topics.size() < 5; r++) {
                        topics.add(catalog.topic(slates.item(st.slate, r)));
                    }
                    StringBuilder sb = new StringBuilder(topics.isEmpty() ? "My feed was empty"
                            : "Opened nothing from a feed about topics ");
                    for (int t : topics) {
                        sb.append(sb.charAt(sb.length() - 1) == ' ' ? "" : ", ").append(t);
                    }
                    sentences.add(sb);
                }
                case MESSAGE -> {
                    StringBuilder sb = new StringBuilder("Sent user ").append(ev.target(i)).append(" a message");
                    if (st.action != null && st.action.message() != null) {
                        sb.append(": \"").append(shorten(st.action.message().text(), 80)).append('"');
                    }
                    sentences.add(sb);
                    importance += 0.1;
                }
                case LEAVE -> {
                    sentences.add(new StringBuilder("Decided to leave the platform"));
                    importance = 1.0;
                }
                default -> {
                }
            }
        }
        if (st.action != null && st.action.post() != null) {
            sentences.add(new StringBuilder("Wrote a post: \"").append(shorten(st.action.post(), 80)).append('"'));
            importance += 0.15;
        }
        StringBuilder text = new StringBuilder();
        for (StringBuilder sb : sentences) {
            text.append(text.length() == 0 ? "" : ". ").append(sb);
        }
        text.append('.');
        if (reason != null && !reason.isBlank()) {
            String r = reason.strip();
            text.append(" Why: ").append(r.length() > 160 ? r.substring(0, 160) + "..." : r);
        }
        return new Observation(text.toString(), Math.min(1.0, importance));
    }

    /** The text on one line, cut to {@code max} characters ("..." appended when cut). */
    static String shorten(String text, int max) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > max ? t.substring(0, max) + "..." : t;
    }

    /** One extra call summarising recent memories into an important memory; failures are skipped. */
    private void reflect(ReactContext ctx, Step st, Agent a) {
        String prompt = Prompts.reflection(a.profile, a.memory.last(p.reflection().window()));
        ChatAnswer ans = ask(ctx, st, Prompts.REFLECTION_SYSTEM, prompt, "reflection");
        if (!ans.answered()) {
            return;
        }
        String insight = LlmAction.insight(ans.text().orElseThrow());
        if (!insight.isBlank()) {
            a.memory.add(ctx.tick(), "Reflection: " + (insight.length() > 300 ? insight.substring(0, 300) + "..."
                    : insight), 0.9, false);
        }
    }

    // ---------------------------------------------------------------- after the tick

    /**
     * The rule model's afterTick (posts, returns) for everybody except the agents the LLM decided
     * for this tick (an LLM agent posts only when its answer says so; fallback and budget steps
     * keep the rule model's posts), then the LLM agents' posts in user order.
     */
    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        rule.afterTick(ctx, withoutLlmDecided(slates), events);
        publishPosts(ctx, events);
        if (ctx.world().catalog().size() > descriptions.length) {
            descriptions = Arrays.copyOf(descriptions, ctx.world().catalog().size());
        }
        lm.tickEnded(ctx.tick()); // cache entries to the file, the tick's tokens against the budget
    }

    /** The batch without the slates of LLM-decided users (the batch itself when there are none); clears the marks. */
    private SlateBatch withoutLlmDecided(SlateBatch slates) {
        if (llmDecided == null) {
            return slates;
        }
        int keep = 0;
        for (int s = 0; s < slates.size(); s++) {
            keep += llmDecided[slates.user(s)] ? 0 : 1;
        }
        if (keep == slates.size()) {
            return slates;
        }
        int[] users = new int[keep];
        int[] from = new int[keep];
        for (int s = 0, j = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            if (llmDecided[u]) {
                llmDecided[u] = false;
            } else {
                users[j] = u;
                from[j++] = s;
            }
        }
        SlateBatch b = new SlateBatch(users, slates.k());
        b.setModelVersion(slates.modelVersion());
        for (int j = 0; j < keep; j++) {
            for (int r = 0; r < slates.length(from[j]); r++) {
                b.set(j, r, slates.item(from[j], r), slates.score(from[j], r), slates.propensity(from[j], r),
                        SlateSource.ofCode(slates.source(from[j], r)));
            }
        }
        return b;
    }

    /**
     * The LLM agents' posts of this tick, in user order, as new catalog items. A post's features
     * are the similarity-weighted mean of the features of the {@link #POST_NEIGHBOURS} items whose
     * texts are closest to the post's text (all-MiniLM-L6-v2), normalised: a post is about what it
     * resembles. Its topic is the nearest topic centre (as for rule posts), its quality a uniform
     * draw from {@code (users.llm.post, user, tick)} (the rule posts' distribution), its creator the
     * author, and its title the text (shortened), so feeds show other agents what was written.
     */
    private void publishPosts(ReactContext ctx, EventBuffer events) {
        if (posts.isEmpty()) {
            return;
        }
        List<Step> list = new ArrayList<>(posts);
        posts.clear();
        list.sort(Comparator.comparingInt(st -> st.user));
        World world = ctx.world();
        Catalog catalog = world.catalog();
        int dim = catalog.dim();
        int tick = ctx.tick();
        for (Step st : list) {
            int u = st.user;
            String text = st.action.post();
            index.ensure(catalog);
            float[] q = index.embed(text);
            double[] sims = new double[POST_NEIGHBOURS];
            int[] near = index.nearest(q, POST_NEIGHBOURS, i -> true, sims);
            float[] f = new float[dim];
            double total = 0;
            for (int j = 0; j < near.length; j++) {
                total += Math.max(0, sims[j]);
            }
            for (int j = 0; j < near.length; j++) {
                double w = total > 0 ? Math.max(0, sims[j]) / total : 1.0 / near.length;
                for (int d = 0; d < dim; d++) {
                    f[d] += (float) (w * catalog.feature(near[j], d));
                }
            }
            if (near.length == 0) { // an empty catalog: the author writes about its own taste
                System.arraycopy(world.population().preferences(), u * dim, f, 0, dim);
            }
            double norm = 0;
            for (float x : f) {
                norm += (double) x * x;
            }
            float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
            for (int d = 0; d < dim; d++) {
                f[d] *= inv;
            }
            int topic = Topics.nearest(centres, dim, f, 0);
            float quality = (float) ctx.streams().uniform(POST, u, tick);
            int item = catalog.add(f, topic, u, quality, 1f, tick);
            catalog.setTitle(item, shorten(text, TITLE_LENGTH));
            index.add(item, q);
            events.add(u, item, EventType.POST, -1, -1, 1f);
            texts.add(new AgentText(tick, u, EventType.POST, item, -1, "post", text));
        }
    }

    /**
     * Reasons (on CLICK or SKIP), comments, chat messages, search queries and posts of the LLM
     * agents since the last drain, by tick, then user, then event order. Fallback and budget steps
     * write none. A replay from the response cache writes the same texts.
     */
    @Override
    public List<AgentText> drainTexts() {
        List<AgentText> out = new ArrayList<>(texts.size());
        for (AgentText t; (t = texts.poll()) != null;) {
            out.add(t); // the language model redacts every answer, cached ones included
        }
        // stable: one step per user and tick, whose texts were queued in event order; posts last
        out.sort(Comparator.comparingInt(AgentText::tick).thenComparingInt(AgentText::user));
        return out;
    }

    @Override
    public List<ModelCall> drainModelCalls() {
        List<ModelCall> out = new ArrayList<>(calls.size());
        for (ModelCall m; (m = calls.poll()) != null;) {
            out.add(m);
        }
        out.sort(Comparator.comparingInt(ModelCall::tick).thenComparingInt(ModelCall::user)
                .thenComparingInt(ModelCall::attempt));
        tally.count(out);
        return out;
    }

    /** Calls sent to the server so far (drained ones; cache answers and fallbacks are not calls). */
    @Override
    public long modelCalls() {
        return tally.calls();
    }

    /** Of {@link #modelCalls()}, those without a usable answer. */
    @Override
    public long failedModelCalls() {
        return tally.failed();
    }

    @Override
    public double maxFailureShare() {
        return p.maxFailureShare();
    }

    /** Decisions of LLM agents so far (LLM, cached, fallback and budget). */
    public long decisions() {
        return decisions.get();
    }

    /** Stops the step pool; closes the language models when they are this model's own (made outside a run). */
    @Override
    public void close() {
        ThreadPoolExecutor e = pool;
        if (e != null) {
            e.shutdown();
        }
        if (ownsModels && models != null) {
            models.close();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor e = pool;
        if (e == null) {
            synchronized (this) {
                e = pool;
                if (e == null) {
                    e = LangChainLanguageModel.daemonPool(provider.maxConcurrent(), "recloop-llm-");
                    pool = e;
                }
            }
        }
        return e;
    }

    /** SHA-256 (hex) of the exact prompt: system message, a zero byte, user message (see {@link PromptHash}). */
    static String sha256(String system, String user) {
        return PromptHash.of(system, user);
    }
}
