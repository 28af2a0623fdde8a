package org.recloop.core.react;

import java.util.concurrent.CompletionStage;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * Turns slates into events and updates the users' state (preference drift, satiation, churn).
 * Rule-based, LLM-driven and adversarial models all implement this one interface.
 *
 * <p>The kernel splits a tick's slates into fixed-size chunks and calls {@link #react} once per
 * chunk, possibly concurrently from worker threads, each chunk with its own buffer. A rule model
 * answers synchronously and returns a completed stage; an LLM model may return at once and
 * complete the stage later from its own threads (it must have written all events to {@code out}
 * before completing). The tick waits for every chunk before logging.
 *
 * <p>Threading: for the users of its chunk a model may read and write their rows of the
 * population; it must not write other users' state. Determinism: draws come from
 * {@code ctx.streams()} keyed by (user, tick), and the events of a chunk are written in slate
 * order, so the log is the same whatever the thread count.
 */
public interface UserModel {

    /**
     * Called once before the first tick, on the simulation thread: a model may assign archetypes,
     * adjust activity or build indexes. Draws only from {@code streams}.
     */
    default void init(World world, RandomStreams streams) {}

    /**
     * Called after all chunks of a tick answered, on the simulation thread, with the tick's
     * events in log order. A model may append events that are not answers to a slate (posts,
     * returns after churn) and add items to the catalog here. The kernel then applies the
     * platform effects of all events (consumption history, follows, churn status, activity).
     */
    default void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {}

    /**
     * Calls to external models (LLMs) made since the last drain, in a deterministic order (e.g.
     * by user, then attempt); the kernel logs them with the tick, in the llm_calls table. Called
     * on the simulation thread after {@link #afterTick}. Rule models make none.
     */
    default java.util.List<org.recloop.core.log.ModelCall> drainModelCalls() {
        return java.util.List.of();
    }

    /**
     * Free text the model's agents wrote since the last drain (reasons, comments, posts, chat
     * messages, search queries), in a deterministic order (by user, then event order); the kernel
     * logs them with the tick in the texts table. Called on the simulation thread after
     * {@link #afterTick}. Rule models write none.
     */
    default java.util.List<org.recloop.core.log.AgentText> drainTexts() {
        return java.util.List.of();
    }

    /**
     * Feed commands the model's users issued since the last drain, already parsed (rules or a
     * language model), in a deterministic order (by user); the kernel stores their constraints,
     * which serving honours from the next tick, and logs them in the feed_commands table. Called
     * on the simulation thread after {@link #afterTick}. Most models issue none.
     */
    default java.util.List<org.recloop.core.command.FeedCommand> drainFeedCommands() {
        return java.util.List.of();
    }

    /**
     * The messages of conversations the model's users held with a conversational recommender since
     * the last drain, by user, each conversation's in order; the kernel logs them with the tick in
     * the conversations table. Called on the simulation thread after {@link #afterTick}. Most
     * models hold none.
     */
    default java.util.List<org.recloop.core.log.ConversationTurn> drainConversations() {
        return java.util.List.of();
    }

    /**
     * Answers slates {@code [from, to)} of {@code slates}, appending the resulting events to
     * {@code out}.
     *
     * @return a stage that completes when all events of the chunk are in {@code out}
     */
    CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out);
}
