package org.recloop.core.command;

import java.util.Objects;
import java.util.Optional;

/**
 * A feed command a user issued, as parsed: the feed_commands table's row.
 *
 * @param tick tick in which the user said it (it applies from the next tick)
 * @param user who said it
 * @param text what they said, as written
 * @param parser which parser read it: {@code rules} or {@code llm}
 * @param outcome {@code ok} (read as written), {@code fallback} (the language model's answer was
 *     invalid twice or missing, the rules parser read it), {@code invalid} (no parser could read
 *     it: dropped, no constraint)
 * @param constraint the constraint it became; empty for {@code invalid}
 */
public record FeedCommand(int tick, int user, String text, String parser, String outcome,
        Optional<FeedConstraint> constraint) {

    public static final String RULES = "rules";
    public static final String LLM = "llm";
    public static final String OK = "ok";
    public static final String FALLBACK = "fallback";
    public static final String INVALID = "invalid";

    public FeedCommand {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(constraint, "constraint");
        if (constraint.isEmpty() != INVALID.equals(outcome)) {
            throw new IllegalArgumentException("outcome " + outcome + " with" + (constraint.isEmpty() ? "out" : "")
                    + " a constraint");
        }
    }
}
