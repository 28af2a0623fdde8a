package org.recloop.agents.llm;

/**
 * One chat completion against a language model: a system and a user message in, the answer's
 * text and token counts out. Implementations make exactly one attempt; {@link LangChainLanguageModel}
 * does the retries so that every attempt is visible in the llm_calls table.
 */
public interface LlmClient {

    /**
     * @param text the answer's text (may be empty)
     * @param tokensIn prompt tokens, -1 if the server did not say
     * @param tokensOut completion tokens, -1 if the server did not say
     */
    record Reply(String text, int tokensIn, int tokensOut) {}

    /** One attempt; throws with an outcome label (http_429, http_500, timeout, unreachable, ...). */
    Reply chat(String system, String user) throws LlmCallException;

    /**
     * A failed attempt. The message never contains the API key.
     */
    final class LlmCallException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String outcome;
        private final boolean retriable;

        public LlmCallException(String outcome, boolean retriable, String message) {
            super(message);
            this.outcome = outcome;
            this.retriable = retriable;
        }

        /** The llm_calls outcome: http_&lt;status&gt;, timeout, too_large, unreachable, io_error or error. */
        public String outcome() {
            return outcome;
        }

        /** True for HTTP 408/429/5xx, timeouts and connection failures. */
        public boolean retriable() {
            return retriable;
        }
    }
}
