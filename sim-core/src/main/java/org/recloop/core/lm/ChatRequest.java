package org.recloop.core.lm;

import java.util.Objects;
import org.recloop.core.log.ModelCall;

/**
 * One question to a chat model: a system and a user message, and who asks when (for the
 * llm_calls rows, the deterministic back-off jitter and error messages). The response cache keys
 * an answer by the model and the exact messages, so equal requests get equal answers in a replay.
 *
 * @param system the system message
 * @param user the user message (the prompt)
 * @param tick tick of the decision the answer is for
 * @param caller the user id the call is made for (an agent; a recommender passes the served user)
 * @param answeredOutcome the llm_calls outcome of an attempt that brings an answer (e.g. {@code ok},
 *     {@code reflection}): callers tell their kinds of calls apart
 * @param component which kind of component asks, for the rows' llm_calls {@code component} column
 */
public record ChatRequest(String system, String user, int tick, int caller, String answeredOutcome,
        ModelCall.Component component) {

    /** The outcome of an answered attempt unless a caller names another. */
    public static final String OK = "ok";

    public ChatRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(answeredOutcome, "answeredOutcome");
        Objects.requireNonNull(component, "component");
    }

    /** A user agent's request (the user model's kind of call). */
    public ChatRequest(String system, String user, int tick, int caller, String answeredOutcome) {
        this(system, user, tick, caller, answeredOutcome, ModelCall.Component.USER_AGENT);
    }

    /** A user agent's request whose answered attempts are logged {@code ok}. */
    public ChatRequest(String system, String user, int tick, int caller) {
        this(system, user, tick, caller, OK);
    }
}
