package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;
import org.recloop.core.rng.RandomStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LanguageModel} service over the {@link LlmClient}s (LangChain4j's OpenAI-compatible or
 * Ollama client) of one or more servers ({@link ServerPool}: spread, per-server limits, circuit
 * breakers): response cache, retries with jittered exponential back-off, client-side rate
 * limit, token budget, key redaction and one {@link ModelCall} row per attempt. What used to be the
 * LLM user model's plumbing, so that any component can ask the same way.
 *
 * <p>Back-off jitter comes from the stream {@code (users.llm.backoff, caller, tick)}: it only
 * decides how long to wait, never what is answered or logged (but latencies).
 */
final class LangChainLanguageModel implements LanguageModel {

    private static final Logger LOG = LoggerFactory.getLogger(LangChainLanguageModel.class);
    static final long BACKOFF = RandomStreams.purpose("users.llm.backoff");
    private static final long MAX_BACKOFF_MS = 30_000;

    private final ChatModelSpec spec;
    private final ServerPool servers;
    private final String modelName;
    private final Redactor redactor;
    private final RandomStreams streams;
    private final ResponseCache cache; // null: no cache
    private final SharedModelNotice shared;
    private volatile ThreadPoolExecutor pool;
    private final Object rateLock = new Object();
    private long nextSlotNanos;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong tickTokens = new AtomicLong();
    private long usedTokens;
    private volatile boolean budgetExhausted;
    private int settledTick = Integer.MIN_VALUE;
    private boolean closed;

    /**
     * @param spec the model and its call policy
     * @param servers the effective servers (after the environment's override), with their clients
     * @param modelName effective model name
     * @param apiKey the key (for redaction only; the client holds it), or null
     * @param streams the run's streams (back-off jitter)
     * @param cache the opened response cache, or null
     * @param shared told which kind of component asks, to say when one model plays several sides
     */
    LangChainLanguageModel(ChatModelSpec spec, ServerPool servers, String modelName, String apiKey,
            RandomStreams streams, ResponseCache cache, SharedModelNotice shared) {
        this.spec = spec;
        this.servers = servers;
        this.modelName = modelName;
        this.redactor = new Redactor(apiKey);
        this.streams = streams;
        this.cache = cache;
        this.shared = shared;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public String endpoint() {
        return servers.endpoints();
    }

    /** The URL without user info (which could hold credentials). */
    static String safeUrl(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }

    /** The model's servers. */
    ServerPool servers() {
        return servers;
    }

    /** The response cache, or null. */
    ResponseCache cache() {
        return cache;
    }

    @Override
    public boolean answersAtOnce(ChatRequest r) {
        if (budgetExhausted) {
            return true;
        }
        if (cache == null) {
            return false;
        }
        if (cache.replay()) {
            return true;
        }
        ResponseCache.Entry e = cache.get(PromptHash.of(r.system(), r.user()));
        return e != null && !e.failed();
    }

    @Override
    public boolean budgetExhausted() {
        return budgetExhausted;
    }

    @Override
    public long tokensUsed() {
        return usedTokens;
    }

    @Override
    public CompletableFuture<ChatAnswer> completeAsync(ChatRequest request) {
        if (answersAtOnce(request)) {
            return CompletableFuture.completedFuture(complete(request));
        }
        return CompletableFuture.supplyAsync(() -> complete(request), pool());
    }

    @Override
    public ChatAnswer complete(ChatRequest req) {
        shared.saw(modelName, endpoint(), req.component());
        String hash = PromptHash.of(req.system(), req.user());
        List<ModelCall> rows = new ArrayList<>(2);
        if (budgetExhausted) {
            row(rows, req, hash, -1, -1, 0, ChatAnswer.BUDGET, 0, "");
            return new ChatAnswer(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), ChatAnswer.BUDGET, false,
                    rows);
        }
        if (cache != null) {
            ResponseCache.Entry e = cache.get(hash);
            if (e != null && (!e.failed() || cache.replay())) {
                // a recorded failure cost nothing live, so it costs nothing in the replay's budget either
                String outcome = e.failed() ? "cached_failure" : "cached";
                String text = e.failed() ? null : redactor.text(e.text()); // a cache recorded before redaction
                row(rows, req, hash, e.tokensIn(), e.tokensOut(), 0, outcome,
                        e.failed() ? 0 : cost(e.tokensIn(), e.tokensOut(), req.user(), text), "");
                return answer(text, e.tokensIn(), e.tokensOut(), outcome, true, rows);
            }
            if (cache.replay()) {
                throw new IllegalStateException("LLM response cache miss in replay mode: user " + req.caller() + ", tick "
                        + req.tick() + ", model " + modelName + ", prompt sha256 " + hash + " is not in " + cache.file()
                        + "; replay needs the cache of a run with the same scenario, seed and model"
                        + " (record one with cache.mode readwrite)");
            }
        }
        UniformRandomProvider jitter = null;
        String last = "error";
        ServerPool.Lease failedOn = null;
        for (int t = 0; t <= spec.maxRetries(); t++) {
            if (t > 0) {
                if (jitter == null) {
                    jitter = streams.stream(BACKOFF, req.caller(), req.tick());
                }
                long ms = Math.min(MAX_BACKOFF_MS, (long) (spec.backoffMs() * Math.pow(2, t - 1)
                        * (0.5 + jitter.nextDouble())));
                if (!sleep(ms)) {
                    break;
                }
            }
            if (!acquireRate()) {
                break;
            }
            ServerPool.Lease lease;
            try {
                lease = servers.acquire(failedOn);
            } catch (ServerPool.NoServerException ex) {
                last = "unreachable"; // as a call to one unreachable server: retried, then the fallback
                row(rows, req, hash, -1, -1, 0, last, 0, "");
                warnNoServer(req, ex);
                continue;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            long t0 = System.nanoTime();
            try {
                LlmClient.Reply r = lease.client().chat(req.system(), req.user());
                double ms = (System.nanoTime() - t0) / 1e6;
                lease.answered();
                String text = redactor.text(r.text()); // before it is parsed, cached, stored or remembered
                row(rows, req, hash, r.tokensIn(), r.tokensOut(), ms, req.answeredOutcome(),
                        cost(r.tokensIn(), r.tokensOut(), req.user(), text), lease.server());
                if (cache != null) {
                    cache.put(hash, new ResponseCache.Entry(text, r.tokensIn(), r.tokensOut(), false));
                }
                return answer(text, r.tokensIn(), r.tokensOut(), req.answeredOutcome(), false, rows);
            } catch (LlmClient.LlmCallException ex) {
                double ms = (System.nanoTime() - t0) / 1e6;
                lease.failed(ex.outcome(), redactor.message(ex.getMessage()));
                failedOn = lease;
                last = ex.outcome();
                row(rows, req, hash, -1, -1, ms, ex.outcome(), 0, lease.server());
                if (warned.add(ex.outcome())) {
                    LOG.warn("LLM call failed ({}: {}) at {} for user {} at tick {}; {}, then the caller falls back (LLM users:"
                            + " the rule model decides; an LLM recommender: the candidate order). Further failures of this kind are only counted in llm_calls.",
                            ex.outcome(), redactor.message(ex.getMessage()), lease.server(), req.caller(), req.tick(), ex.retriable()
                                    ? "such calls are retried up to " + spec.maxRetries() + " times"
                                    : "such calls are not retried");
                }
                if (!ex.retriable()) {
                    break;
                }
            } finally {
                lease.ended(); // an unexpected exception must not keep the server's slot
            }
        }
        if (cache != null) {
            cache.put(hash, ResponseCache.Entry.FAILED);
        }
        return answer(null, -1, -1, last, false, rows);
    }

    private void warnNoServer(ChatRequest req, ServerPool.NoServerException ex) {
        if (warned.add("no_server")) {
            LOG.warn("LLM call failed for user {} at tick {}: {}; such calls are retried up to {} times, then the"
                    + " caller falls back. Further such failures are only counted in llm_calls (outcome 'unreachable',"
                    + " empty server).", req.caller(), req.tick(), redactor.message(ex.getMessage()), spec.maxRetries());
        }
    }

    private static ChatAnswer answer(String text, int in, int out, String outcome, boolean cached, List<ModelCall> rows) {
        return new ChatAnswer(Optional.ofNullable(text), in >= 0 ? OptionalInt.of(in) : OptionalInt.empty(),
                out >= 0 ? OptionalInt.of(out) : OptionalInt.empty(), outcome, cached, rows);
    }

    private void row(List<ModelCall> rows, ChatRequest req, String hash, int in, int out, double ms, String outcome,
            long cost, String server) {
        rows.add(new ModelCall(req.tick(), req.caller(), hash, modelName, in, out, ms, outcome, rows.size() + 1,
                req.component(), server));
        if (cost > 0) {
            tickTokens.addAndGet(cost);
        }
    }

    /**
     * Tokens of a call for the budget: as reported, else estimated at 4 characters a token. The
     * estimate counts the decision system prompt's length whatever the request's system message
     * (as the LLM user model always did), so budgets of recorded studies switch at the same tick.
     */
    private static long cost(int in, int out, String prompt, String answer) {
        long i = in >= 0 ? in : (prompt.length() + Prompts.SYSTEM.length()) / 4;
        long o = out >= 0 ? out : (answer == null ? 0 : answer.length() / 4);
        return i + o;
    }

    @Override
    public synchronized void tickEnded(int tick) {
        if (tick <= settledTick) {
            return;
        }
        settledTick = tick;
        if (cache != null) {
            cache.flush();
        }
        usedTokens += tickTokens.getAndSet(0);
        long max = spec.tokenBudget();
        if (max > 0 && !budgetExhausted && usedTokens >= max) {
            budgetExhausted = true;
            LOG.warn("LLM token budget of model {} used up at tick {}: {} of {} tokens; from tick {} on every request"
                    + " is refused (outcome 'budget' in llm_calls) and its caller decides without the model (LLM"
                    + " users: the rule model; an LLM recommender: the candidate order)", modelName, tick, usedTokens, max, tick + 1);
        }
    }

    /** Writes pending cache entries, stops the pool and logs what each server did. */
    synchronized void close() {
        if (servers.used() && !closed) {
            LOG.info("language model {}: {}", modelName, servers.summary());
        }
        closed = true;
        if (cache != null) {
            cache.close();
        }
        ThreadPoolExecutor e = pool;
        if (e != null) {
            e.shutdown();
        }
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor e = pool;
        if (e == null) {
            synchronized (this) {
                e = pool;
                if (e == null) {
                    // maxConcurrent per server; the pool's lease keeps each server to its share
                    e = daemonPool(Math.min(spec.maxConcurrent() * servers.size(), 16_384), "recloop-lm-");
                    pool = e;
                }
            }
        }
        return e;
    }

    /** A pool of {@code n} daemon threads that time out when idle. */
    static ThreadPoolExecutor daemonPool(int n, String prefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor e = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean acquireRate() {
        double rps = spec.requestsPerSecond();
        if (rps <= 0) {
            return true;
        }
        long wait;
        synchronized (rateLock) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + (long) (1e9 / rps);
            wait = slot - now;
        }
        if (wait <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
