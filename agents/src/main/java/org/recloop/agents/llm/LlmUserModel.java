package org.recloop.agents.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.recloop.agents.llm.LlmParams.Agents;
import org.recloop.agents.llm.LlmParams.Budget;
import org.recloop.agents.llm.LlmParams.Memory;
import org.recloop.agents.llm.LlmParams.Reflection;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.capability.AgentMemories;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatProvider;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.ResponseCacheParams;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ModelCallStats;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserStateRows;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
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
 * <p><b>Who does what.</b> This class picks the LLM agents and orchestrates a tick; the work is
 * done by classes of one purpose each:
 * <ul>
 *   <li>{@link LlmParams}: the parameter sections, their defaults and validation;
 *   <li>{@link PromptBuilder}: profile, memory retrieval, followees and feed → the prompt;
 *   <li>{@link DecisionOutcomes}: answers → validation, the retry with the validation error, the
 *       fallback to the rule model, events, memory and reflection;
 *   <li>{@link SocialActions}: search and posts through the catalog's item-text index;
 *   <li>{@link FeedCommandSpeaker} (with {@code feedCommands: true}): the agents' own feed commands,
 *       handed as texts to the {@code feed-commands} wrapper's parser;
 *   <li>the run's {@link LanguageModel} (granted as the capability {@link LanguageModels}; a model
 *       made outside a run makes its own from the {@link Environment}): response cache, retries,
 *       rate limit, token budget, key redaction and one llm_calls row per attempt.
 * </ul>
 *
 * <p><b>Concurrency and determinism.</b> {@link #react} builds all prompts of the chunk, answers
 * cache hits at once and sends the other calls to a pool of {@code provider.maxConcurrent}
 * threads; the returned stage completes when all answers or fallbacks are in, and the chunk's
 * events are written in slate order whatever the completion order. Each agent's state is touched
 * only by its own step, draws come from {@code (users.llm, user, tick)}, so a run is reproducible
 * given the same answers (which the response cache provides).
 *
 * <p><b>Cost.</b> Every attempt is a {@link ModelCall} (outcomes {@code ok}, {@code invalid},
 * {@code http_<status>}, {@code timeout}, {@code too_large}, {@code unreachable}, {@code io_error}, {@code error},
 * {@code reflection}; from the response cache {@code cached} and {@code cached_failure}; plus the
 * decision rows {@code fallback} and {@code budget}, which are not calls). With {@code budget.maxTokens}, the tokens of all calls (cached ones included, so that a replay
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
 *
 * <p><b>Other engines.</b> The users' state moves between copies of the run as {@link
 * UserStateRows} ({@link LlmUserRows}: the rule model's rows, then the agents' memory, profile,
 * sessions, satisfaction, this tick's LLM decisions, posts and commands). What is global to a copy
 * cannot move with a user: each copy has its own language model, so on Spark the token budget is
 * counted per executor (over the calls of the tasks it ran; the driver's copy counts none), as
 * are the circuit breaker's and the server pool's health, and the calls and failures of {@link
 * ModelCallStats} are those the driver's copy drained (none: the run is not marked {@code
 * degraded} by failed calls). A replay from the response cache ({@code mode: replay}) does not
 * depend on any of this as long as the budget is not reached, and gives the local engine's log;
 * a cache being recorded ({@code readwrite}) is written by every copy, so record it with the local
 * engine.
 */
public final class LlmUserModel implements UserGroupModel, ModelCallStats, AgentMemories, FeedCommandSpeaker,
        UserStateRows, org.recloop.core.react.ClickProbabilities, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmUserModel.class);

    static final long SELECT = RandomStreams.purpose("users.llm.select");

    /**
     * All parameters; every section is optional.
     *
     * @param maxFailureShare share of failed LLM calls (errors, timeouts, oversized or invalid
     *     answers, over all calls sent) above which the run ends {@code degraded} instead of {@code
     *     finished}, in [0, 1] (default 0.5; 1 = never): with a wrong key or a closed port every
     *     decision falls back to the rule model, and the run must not look like an LLM study
     * @param feedCommands let the agents tell the platform, in their own words, what they want more
     *     or less of: the answer gets an optional {@code command} field (see {@link FeedCommandSpeaker}).
     *     Off by default because it changes the system prompt, and the feed lines name each item's
     *     creator: every prompt hash changes, so existing response caches no longer answer and
     *     golden logs of runs with LLM answers would change. Needs the {@code feed-commands} wrapper,
     *     whose parser reads the texts.
     */
    public record Params(Agents agents, RuleUserModel.Params rule, ChatProvider provider, Memory memory,
            Reflection reflection, ResponseCacheParams cache, Budget budget, Double maxFailureShare, Boolean feedCommands) {
        public Params {
            feedCommands = feedCommands != null && feedCommands;
            maxFailureShare = Check.unit("maxFailureShare", maxFailureShare == null ? 0.5 : maxFailureShare);
            agents = agents == null ? new Agents(null, null, null) : agents;
            rule = rule == null ? RuleUserModel.Params.defaults() : rule;
            provider = provider == null ? ChatProvider.defaults() : provider;
            memory = memory == null ? new Memory(null, null, null, null) : memory;
            reflection = reflection == null ? new Reflection(null, null) : reflection;
            cache = cache == null ? new ResponseCacheParams(null, null) : cache;
            budget = budget == null ? new Budget(null) : budget;
            if (agents.archetype() != null && LlmParams.archetypeIndex(agents.archetype(), rule) < 0) {
                List<String> names = rule.archetypes().stream().map(RuleUserModel.Archetype::name).toList();
                throw new InvalidParameterException("agents.archetype", "unknown archetype '" + agents.archetype()
                        + "'; the rule section has " + (names.isEmpty() ? "none" : String.join(", ", names)));
            }
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null, null, null, null);
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
    private final ChatProvider provider;
    private final PromptBuilder prompts;
    private final Consumption consumption;
    private final SocialActions social;

    private boolean[] llm;
    private int llmCount;
    /** Answers into events (after init). */
    private DecisionOutcomes outcomes;

    /** The run's models (from the capabilities), or this model's own (made from the environment). */
    private LanguageModels models;
    private boolean ownsModels;
    /** The chat model: cache, retries, budget, redaction and llm_calls rows behind it (after init). */
    private volatile LanguageModel lm;
    private volatile ThreadPoolExecutor pool;

    private final ConcurrentLinkedQueue<ModelCall> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<AgentText> texts = new ConcurrentLinkedQueue<>();
    /** Feed commands the agents said this tick (feedCommands on), by user, for the wrapper's parser. */
    private final ConcurrentSkipListMap<Integer, Said> said = new ConcurrentSkipListMap<>();
    /** Whether a model reads the said commands (the feed-commands wrapper). */
    private boolean commandReader;
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
        this(p, files, Objects.requireNonNull(capabilities, "capabilities"), null);
    }

    private LlmUserModel(Params p, Function<String, Path> files, Capabilities capabilities, Environment env) {
        this.p = p;
        this.rule = new RuleUserModel(p.rule());
        this.files = files;
        this.provider = p.provider();
        this.capabilities = capabilities;
        this.env = env;
        AgentMemory.Embedder text = texts -> models.embedder().embed(texts); // after init
        this.prompts = new PromptBuilder(p.rule(), p.memory(), p.memory().embeddings() ? text : null,
                p.feedCommands());
        this.consumption = new Consumption(p.rule());
        this.social = new SocialActions(new ItemTextIndex(text), consumption);
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

    /** The rule model's, for the users it answers; NaN for LLM agents, whose answers no formula states. */
    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        AgentSelection.ruleUsersOnly(rule, this::isLlmAgent, ctx, slates, from, to, out);
    }

    /** True when user u is LLM-driven (after {@link #init}). */
    public boolean isLlmAgent(int u) {
        return llm != null && u >= 0 && u < llm.length && llm[u];
    }

    /** Number of LLM-driven users (after {@link #init}). */
    public int llmAgentCount() {
        return llmCount;
    }

    /**
     * The memory of LLM agent {@code user} ({@link AgentMemory#describe}); empty for rule-driven
     * users and before {@link #init}. Reads only; call between ticks (see {@link AgentMemories}).
     */
    @Override
    public List<String> memory(int user) {
        DecisionOutcomes o = outcomes;
        if (o == null || !isLlmAgent(user)) {
            return List.of();
        }
        LlmAgent a = o.agent(user);
        return a == null ? List.of() : a.memory.describe();
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

    /**
     * Chooses the LLM agents among users {@code [from, to)} and initialises the rule model (the
     * other users and every fallback) for the same users: the model can answer for the users at
     * the start ({@code init}) or for a group of accounts an intervention adds. Per-user arrays
     * are indexed by user id, up to {@code to}.
     */
    @Override
    public void initGroup(World world, RandomStreams streams, int from, int to) {
        if (p.feedCommands() && !commandReader) {
            throw new InvalidParameterException("feedCommands", "true needs a parser for the agents' commands: wrap"
                    + " this model, users: {type: feed-commands, users: {type: llm, feedCommands: true, ...}, parser:"
                    + " llm or rules, duration: ...}");
        }
        rule.initGroup(world, streams, from, to);
        int n = to;
        llm = AgentSelection.select(p.agents(), p.rule(), world.population(), streams, from, to);
        LlmAgent[] agents = new LlmAgent[n];
        llmDecided = new boolean[n];
        llmCount = 0;
        for (int u = 0; u < n; u++) {
            if (llm[u]) {
                agents[u] = new LlmAgent(u, new AgentMemory(p.memory().shortTerm(), p.memory().capacity()));
                llmCount++;
            }
        }
        prompts.init(world);
        social.init(prompts.centres());
        models = capabilities == null ? null : capabilities.capability(LanguageModels.class).orElse(null);
        if (models == null) { // made outside a run (a tool, a test): language models of its own
            models = new LangChainLanguageModels(env != null ? env : Environment.system(), streams);
            ownsModels = true;
        }
        boolean cached = p.cache().path() != null && !p.cache().path().isBlank();
        lm = models.chat(provider.spec(files, cached ? Optional.of(files.apply(p.cache().path())) : Optional.empty(),
                p.cache().mode().equals("replay"), p.budget().maxTokens()));
        outcomes = new DecisionOutcomes(p, rule, lm, prompts, consumption, social, agents, llmDecided);
        LOG.info("LLM agents: {} of {} users; model {} at {}", llmCount, n, lm.modelName(), lm.endpoint());
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
        List<LlmStep> steps = new ArrayList<>();
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
            LlmStep st = new LlmStep(s, u);
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
            for (LlmStep st : steps) {
                calls.addAll(st.calls);
                texts.addAll(st.texts);
                if (st.action != null && st.action.post() != null) {
                    social.queuePost(st);
                }
                if (st.action != null && st.action.command() != null) {
                    said.put(st.user, new Said(ctx.tick(), st.user, st.action.command()));
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

    private Decision prepare(ReactContext ctx, SlateBatch slates, LlmStep st) {
        // no embeddings for a decision the rule model makes anyway
        String prompt = prompts.decision(ctx, slates, st, outcomes.agent(st.user), !lm.budgetExhausted());
        String system = Prompts.system(p.feedCommands());
        String hash = sha256(system, prompt);
        boolean inline = lm.answersAtOnce(new ChatRequest(system, prompt, ctx.tick(), st.user));
        return new Decision(prompt, hash, inline);
    }

    private void decide(ReactContext ctx, SlateBatch slates, LlmStep st, Decision d) {
        decisions.incrementAndGet();
        outcomes.decide(ctx, slates, st, d.prompt, d.hash);
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
        social.publishPosts(ctx, events, texts::add);
        prompts.catalogGrew();
        lm.tickEnded(ctx.tick()); // cache entries to the file, the tick's tokens against the budget
    }

    /** Whether the LLM decided user u's step this tick (false for users of other groups). */
    private boolean decidedByLlm(int u) {
        return u < llmDecided.length && llmDecided[u];
    }

    /** The batch without the slates of LLM-decided users (the batch itself when there are none); clears the marks. */
    private SlateBatch withoutLlmDecided(SlateBatch slates) {
        if (llmDecided == null) {
            return slates;
        }
        int keep = 0;
        for (int s = 0; s < slates.size(); s++) {
            keep += decidedByLlm(slates.user(s)) ? 0 : 1;
        }
        if (keep == slates.size()) {
            return slates;
        }
        int[] users = new int[keep];
        int[] from = new int[keep];
        for (int s = 0, j = 0; s < slates.size(); s++) {
            int u = slates.user(s);
            if (decidedByLlm(u)) {
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
    public boolean saysFeedCommands() {
        return p.feedCommands();
    }

    /** True for the LLM agents when feedCommands is on: their commands are their answers' own. */
    @Override
    public boolean speaksForItself(int u) {
        return p.feedCommands() && isLlmAgent(u);
    }

    @Override
    public void acceptReader() {
        commandReader = true;
    }

    /**
     * Commands of the LLM agents since the last drain, by tick, then user (one step per user and
     * tick). Fallback and budget steps say none. A replay from the response cache says the same.
     */
    @Override
    public List<Said> drainSaidCommands() {
        List<Said> out = new ArrayList<>(said.values());
        said.clear();
        out.sort(Comparator.comparingInt(Said::tick).thenComparingInt(Said::user));
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

    // ---------------------------------------------------------------- state rows

    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) throws java.io.IOException {
        rule.writeUsers(users, out);
        LlmUserRows.write(users, llm, llmDecided, outcomes, social, said, out);
    }

    @Override
    public void readUsers(int[] users, java.io.DataInput in) throws java.io.IOException {
        rule.readUsers(users, in);
        LlmUserRows.read(users, llm, llmDecided, outcomes, social, said, in);
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
