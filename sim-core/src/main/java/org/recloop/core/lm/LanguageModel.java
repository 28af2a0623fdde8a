package org.recloop.core.lm;

import java.util.concurrent.CompletableFuture;

/**
 * A chat model as a service. {@link #complete} is a template in the LangChain4j style: the
 * implementation answers from the response cache when it can, else asks the server with retries
 * (HTTP 408/429/5xx, timeouts, connection errors; exponential back-off), a client-side rate limit
 * and a deadline per attempt; it redacts the API key out of answers and errors, records a cache
 * entry for answers and for prompts that got none, counts tokens against the budget, and returns
 * one llm_calls row per attempt. Callers only build prompts and read answers.
 *
 * <p><b>Budget.</b> Tokens of all answers (cached ones too, so that a replay switches at the same
 * point) are settled at the end of each tick ({@link #tickEnded}); once the budget is used up every
 * request is answered {@link ChatAnswer#BUDGET} without a call. It may thus be overshot by one
 * tick's tokens.
 *
 * <p><b>Replay.</b> In replay mode a request the cache does not hold is a configuration error:
 * {@link #complete} throws {@link IllegalStateException} naming the caller, tick, model and prompt
 * hash, and the run fails.
 *
 * <p><b>Threading.</b> {@link #complete} and {@link #completeAsync} may be called from any thread,
 * concurrently; {@link #tickEnded} on the simulation thread between ticks.
 *
 * <p><b>Determinism.</b> Given the same answers (which the response cache provides) the same
 * requests produce the same texts, rows (but latencies) and budget decisions.
 */
public interface LanguageModel {

    /** The model's name as the server knows it and as llm_calls rows and cache keys record it. */
    String modelName();

    /** Where answers come from, for log lines: a URL without credentials, or a description. */
    String endpoint();

    /**
     * Answers one request (blocking; up to the retries' deadlines). Failures are answers without
     * text, never exceptions, but for a replay's cache miss.
     */
    ChatAnswer complete(ChatRequest request);

    /** As {@link #complete}, on the model's own pool of concurrent calls. */
    CompletableFuture<ChatAnswer> completeAsync(ChatRequest request);

    /**
     * True when {@link #complete} would answer without waiting for the server: a cached answer, a
     * replay, or a used-up budget. Callers answer such requests inline instead of queueing them.
     */
    boolean answersAtOnce(ChatRequest request);

    /** True once the token budget is used up (settled at a tick's end). */
    boolean budgetExhausted();

    /** Tokens counted against the budget, as settled at the end of the last tick. */
    long tokensUsed();

    /**
     * The end of a tick, on the simulation thread: writes new cache entries and settles the tick's
     * tokens against the budget. Idempotent per tick (several components may drive one model).
     */
    void tickEnded(int tick);
}
