package org.recloop.agents.llm;

import java.util.List;

/**
 * A user model whose agents may tell the platform, in their own words, what they want more or less
 * of in their feed (the LLM user model with {@code feedCommands: true}: the optional {@code command}
 * field of its answer). The model only collects the texts; the {@code feed-commands} wrapper reads
 * them with its parser (the language-model parser when configured, else the rules), exactly as it
 * reads its rule users' commands, so the feed_commands rows, the constraints and the llm_calls rows
 * of parsing are the same whoever spoke. A model that speaks needs such a reader: it refuses to
 * start without one ({@link #acceptReader} is how the wrapper says it listens).
 *
 * <p>The command accompanies the session's answer to the slate (choice, reactions, post, message,
 * search all happen as answered): a user who says "less of this" on a real platform still scrolls
 * the feed in front of them, and replacing the choice would turn every commanding session into a
 * skip, biasing the click log that the command's effect is measured against. This is also what
 * rule users of the wrapper do (the wrapped model answers, the command comes after).
 *
 * <p>Threading: the methods are called on the simulation thread, {@link #drainSaidCommands} after
 * the model's afterTick.
 */
public interface FeedCommandSpeaker {

    /** A command text an agent said at a tick, as written (stripped). */
    record Said(int tick, int user, String text) {}

    /** Whether this model's agents may say commands (the switch is on). */
    boolean saysFeedCommands();

    /**
     * Whether user {@code u}'s commands come from this model's agent: the wrapper's own rule for
     * templated commands then leaves that user alone (one voice per user). After init.
     */
    boolean speaksForItself(int u);

    /** Called (before init) by the model that reads the texts; without it init refuses {@code feedCommands: true}. */
    void acceptReader();

    /** The texts said since the last drain, by tick, then user. */
    List<Said> drainSaidCommands();
}
