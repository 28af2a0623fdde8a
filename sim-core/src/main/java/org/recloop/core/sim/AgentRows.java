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

    /** Drains the model's texts and conversations of {@code tick} into the log. */
    static void log(EventLog log, int tick, UserModel model) {
        log.texts(tick, model.drainTexts());
        log.conversations(tick, model.drainConversations());
    }
}
