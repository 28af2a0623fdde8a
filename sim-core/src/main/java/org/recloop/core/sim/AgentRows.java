package org.recloop.core.sim;

import org.recloop.core.log.EventLog;
import org.recloop.core.react.UserModel;

/**
 * The Log phase's share of what the user model's agents wrote in a tick: free texts (the texts
 * table) and conversations with a conversational recommender (the conversations table). Kept out
 * of {@link RecLoopSim} so the kernel loop stays short.
 */
final class AgentRows {

    private AgentRows() {}

    /**
     * Drains the model's texts and conversations of {@code tick} into the log, after those another
     * engine's React returned ({@code remote}, null when React ran here).
     */
    static void log(EventLog log, int tick, UserModel model, UsersTick remote) {
        log.texts(tick, join(remote == null ? null : remote.texts(), model.drainTexts()));
        log.conversations(tick, join(remote == null ? null : remote.conversations(), model.drainConversations()));
    }

    /** {@code first} (may be null) then {@code then}, as one list. */
    static <T> java.util.List<T> join(java.util.List<T> first, java.util.List<T> then) {
        if (first == null || first.isEmpty()) {
            return then;
        }
        java.util.List<T> all = new java.util.ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
