package org.recloop.core.log;

import java.util.Objects;

/**
 * One call of a user model to an external model (an LLM), for the llm_calls table: who asked,
 * when, what (a hash of the prompt, never the prompt or any key), which model, the cost and the
 * outcome.
 *
 * @param tick tick of the decision
 * @param user the agent
 * @param promptHash hex hash of the prompt (the response-cache key with the model)
 * @param model model name
 * @param tokensIn prompt tokens, -1 if unknown (a failed call, a server that did not say); stored as NULL
 * @param tokensOut completion tokens, -1 if unknown; stored as NULL
 * @param latencyMs wall time of the call, 0 for a cache hit
 * @param outcome e.g. ok, cached, invalid, http_429, http_500, timeout, fallback, budget
 * @param attempt 1 for the first try, 2 for the first retry, ...
 */
public record ModelCall(int tick, int user, String promptHash, String model, int tokensIn, int tokensOut,
        double latencyMs, String outcome, int attempt) {
    public ModelCall {
        Objects.requireNonNull(promptHash, "promptHash");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outcome, "outcome");
    }
}
