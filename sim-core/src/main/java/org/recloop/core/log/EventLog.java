package org.recloop.core.log;

import java.util.Map;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Append-only record of a run: every slate shown (exposures), every event, the metrics and
 * interventions of each tick, grouped by tick. Everything staged for a tick becomes durable
 * together at {@link #commitTick}; a reader never sees half a tick.
 *
 * <p>Threading: all methods are called from the simulation thread. Implementations may write on
 * a background thread; staging methods then block when the implementation's bounded buffer is
 * full (back-pressure) and never grow without bound. Arrays handed over (slate batches, event
 * buffers) belong to the log from then on: the caller must not modify them.
 *
 * <p>Failure: a write failure is reported by the next call as an {@link EventLogException}.
 */
public interface EventLog extends AutoCloseable {

    /** Records the run (status 'running') and the world at start: items and users. */
    void open(RunInfo run, World world);

    /** Stages items that joined the catalog during the tick (ids {@code [from, to)}). */
    void items(int tick, Catalog catalog, int from, int to);

    /**
     * Stages users who joined during the tick (accounts added by an intervention, ids
     * {@code [from, to)}): their start state goes where {@link #open} put the first users'.
     */
    void users(int tick, Population population, int from, int to);

    /**
     * Forgets data from this tick on (see {@link ForgetRequest} for what each scope covers): an
     * audit row records the request, and no reader of the log sees the forgotten rows again,
     * including {@link #clicks} for the rest of this run. Staged with the tick, so the request is
     * as durable as the tick.
     */
    void forget(int tick, ForgetRequest request);

    /**
     * Stages a snapshot of every user's true state (preference, archetype, status, activity) as
     * of the end of {@code tick}. The arrays are copied before this returns.
     */
    void userStates(int tick, Population population);

    /**
     * Stages the exposures of one tick: one row per filled position of every slate whose bit is
     * set in {@code logged} (all slates when {@code logged} is null, the default; a sampled log
     * keeps the rows of a deterministic sample of sessions).
     */
    void exposures(int tick, SlateBatch slates, java.util.BitSet logged);

    /** Stages the exposures of every slate of the tick. */
    default void exposures(int tick, SlateBatch slates) {
        exposures(tick, slates, null);
    }

    /**
     * Stages the events of one tick. An event with a slate index and position is linked to the
     * exposure staged for it by {@link #exposures} for the same tick (no link if that slate was
     * not sampled).
     */
    void events(int tick, SlateBatch slates, EventBuffer events);

    /**
     * Stages the true click probability of each exposure staged by {@link #exposures} for the same
     * tick: {@code probabilities[s * slates.k() + r]} for slate s, position r; NaN (unknown) is
     * not kept. The default keeps nothing.
     */
    default void clickProbabilities(int tick, SlateBatch slates, float[] probabilities) {}

    /** Stages calls the user model made to external models (LLMs) during the tick. */
    void modelCalls(int tick, java.util.List<ModelCall> calls);

    /**
     * Stages free text written by agents during the tick (LLM reasons, comments, posts, chat
     * messages, search queries), for the texts table. Rule models write none.
     */
    default void texts(int tick, java.util.List<AgentText> texts) {}

    /** The feed commands users issued this tick, as parsed (the feed_commands table). */
    default void feedCommands(int tick, java.util.List<org.recloop.core.command.FeedCommand> commands) {}

    /** The messages of this tick's conversations, in order (the conversations table). */
    default void conversations(int tick, java.util.List<ConversationTurn> turns) {}

    /** Stages this tick's metric values. */
    void metrics(int tick, Map<String, Double> values);

    /**
     * Stages the ground truth that users {@code [from, to)}, added at {@code tick}, are fake
     * accounts (attackers), for analysis and dataset export. Nothing the recommender or a defence
     * reads carries it. The default keeps nothing.
     */
    default void fakeAccounts(int tick, int from, int to) {}

    /** Stages an applied intervention. */
    void intervention(int tick, String type, String description);

    /**
     * Makes the tick durable as a whole, with its totals. An implementation that writes on a
     * background thread may return before the commit; {@link #lastCommittedTick} says when it
     * happened.
     */
    void commitTick(int tick, int sessions);

    /**
     * As {@link #commitTick(int, int)}, recording the name of the recommender that served the
     * tick's slates (its registry type), so a run that switches recommenders says which served
     * when. Logs that keep no such record ignore the name.
     */
    default void commitTick(int tick, int sessions, String recommender) {
        commitTick(tick, sessions);
    }

    /**
     * The last tick whose commit has completed, -1 if none. Anything derived from a tick (a
     * metrics.csv row) must not be published before this reaches it, or a crash leaves it ahead
     * of the log. Safe from any thread. The default suits logs that commit inside
     * {@link #commitTick} itself.
     */
    default int lastCommittedTick() {
        return Integer.MAX_VALUE;
    }

    /**
     * Clicks logged in ticks {@code [fromTick, toTick]}, including the tick being staged, in log
     * order, each with weight 1. Ground-truth utilities are never returned.
     */
    Interactions clicks(int fromTick, int toTick, int numUsers, int numItems);

    /** Waits until everything staged so far is written. */
    void flush();

    /** Records the final status (and error text for a failure) and timings. */
    void finish(RunStatus status, String error);

    /** Rows of committed ticks so far, per table name (exposures, events, metrics, interventions). */
    Map<String, Long> rowCounts();

    @Override
    void close();
}
