package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.List;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;

/**
 * One LLM agent's decision in a tick: its events, llm_calls rows, texts and the action that
 * decided it. Filled by one thread; the chunk copies its parts out in slate order once every step
 * of the chunk is done, so the completion order of calls never shows in the log.
 */
final class LlmStep {
    final int slate;
    final int user;
    final EventBuffer events = new EventBuffer(8);
    final List<ModelCall> calls = new ArrayList<>(4);
    final List<AgentText> texts = new ArrayList<>(2);
    /** The last attempt number given to a row of this step (rows are numbered 1, 2, ...). */
    int attempt;
    /** The followees listed in the prompt, ascending: the valid addressees of a message. */
    int[] followees = new int[0];
    /** The applied action, when the LLM (not the rule model) decided the step. */
    LlmAction action;

    LlmStep(int slate, int user) {
        this.slate = slate;
        this.user = user;
    }

    /** Adds a text of this step (a reason, comment, message, query) unless it is blank. */
    void text(int tick, EventType type, int item, int target, String kind, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(new AgentText(tick, user, type, item, target, kind, text));
        }
    }
}
