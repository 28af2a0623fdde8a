package org.recloop.core.log;

import java.util.Objects;

/**
 * One call of a component to an external model (an LLM), for the llm_calls table: who asked,
 * when, what (a hash of the prompt, never the prompt or any key), which model, the cost, the
 * outcome and which kind of component asked (a user agent, the recommender, a conversation), so
 * that the platform's and the users' calls can be told apart and costed separately.
 *
 * @param tick tick of the decision
 * @param user the agent, or the user a recommender's call ranks for
 * @param promptHash hex hash of the prompt (the response-cache key with the model)
 * @param model model name
 * @param tokensIn prompt tokens, -1 if unknown (a failed call, a server that did not say); stored as NULL
 * @param tokensOut completion tokens, -1 if unknown; stored as NULL
 * @param latencyMs wall time of the call, 0 for a cache hit
 * @param outcome e.g. ok, cached, invalid, http_429, http_500, timeout, fallback, budget
 * @param attempt 1 for the first try, 2 for the first retry, ...
 * @param component which kind of component made the call
 * @param server the base URL (without credentials) of the server that answered or failed the
 *     attempt; empty when no server was asked (a cached or replayed answer, a budget refusal, a
 *     fallback row, every server out)
 */
public record ModelCall(int tick, int user, String promptHash, String model, int tokensIn, int tokensOut,
        double latencyMs, String outcome, int attempt, Component component, String server) {

    /** The kinds of component that call models: the llm_calls {@code component} column. */
    public enum Component {
        /** An LLM-driven user (the user model's agents); what rows of logs without the column were. */
        USER_AGENT("user_agent"),
        /** The platform's recommender (e.g. an LLM re-ranker). */
        RECOMMENDER("recommender"),
        /** A conversation between the platform and a user. */
        CONVERSATION("conversation"),
        /** The platform's parser of users' feed commands (free text to a constraint). */
        COMMAND_PARSER("command_parser");

        private final String label;

        Component(String label) {
            this.label = label;
        }

        /** The value stored in the llm_calls {@code component} column. */
        public String label() {
            return label;
        }
    }

    public ModelCall {
        Objects.requireNonNull(promptHash, "promptHash");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(server, "server");
    }

    /** A row no server answered (a decision's fallback, a cache hit, a budget refusal). */
    public ModelCall(int tick, int user, String promptHash, String model, int tokensIn, int tokensOut,
            double latencyMs, String outcome, int attempt, Component component) {
        this(tick, user, promptHash, model, tokensIn, tokensOut, latencyMs, outcome, attempt, component, "");
    }

    /** A user agent's call (the user model's rows, as before the component column existed). */
    public ModelCall(int tick, int user, String promptHash, String model, int tokensIn, int tokensOut,
            double latencyMs, String outcome, int attempt) {
        this(tick, user, promptHash, model, tokensIn, tokensOut, latencyMs, outcome, attempt, Component.USER_AGENT);
    }

    /** This row with another outcome (an answer found invalid after it arrived). */
    public ModelCall withOutcome(String newOutcome) {
        return new ModelCall(tick, user, promptHash, model, tokensIn, tokensOut, latencyMs, newOutcome, attempt,
                component, server);
    }

    /** This row with another attempt number (a decision renumbers the rows of its requests). */
    public ModelCall withAttempt(int newAttempt) {
        return new ModelCall(tick, user, promptHash, model, tokensIn, tokensOut, latencyMs, outcome, newAttempt,
                component, server);
    }
}
