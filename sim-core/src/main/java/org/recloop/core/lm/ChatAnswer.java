package org.recloop.core.lm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.recloop.core.log.ModelCall;

/**
 * The result of {@link LanguageModel#complete}: the answer's text when there is one, its token
 * counts, the outcome, and one llm_calls row per attempt (or per cache hit or budget refusal).
 * Never an exception for a failed call: a failure is an answer without text, and the caller falls
 * back in its own way.
 *
 * @param text the answer (already redacted: it never holds the API key); empty when every attempt
 *     failed, the cache recorded a failure, or the budget is used up
 * @param tokensIn prompt tokens as the server reported them; empty when unknown
 * @param tokensOut completion tokens as reported; empty when unknown
 * @param outcome the last row's outcome: the request's answered outcome ({@code ok}), {@code
 *     cached}, {@code cached_failure}, {@code budget}, or the last failure ({@code http_<status>},
 *     {@code timeout}, {@code too_large}, {@code unreachable}, {@code io_error}, {@code error})
 * @param cached true when the answer (or the failure) came from the response cache
 * @param calls the rows of this request in order, their {@code attempt} numbered from 1; a caller
 *     that makes several requests for one decision renumbers them within its decision
 */
public record ChatAnswer(Optional<String> text, OptionalInt tokensIn, OptionalInt tokensOut, String outcome,
        boolean cached, List<ModelCall> calls) {

    /** The outcome of a request refused because the token budget is used up. */
    public static final String BUDGET = "budget";

    public ChatAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tokensIn, "tokensIn");
        Objects.requireNonNull(tokensOut, "tokensOut");
        Objects.requireNonNull(outcome, "outcome");
        calls = List.copyOf(calls);
    }

    /** True when there is an answer to use. */
    public boolean answered() {
        return text.isPresent();
    }
}
