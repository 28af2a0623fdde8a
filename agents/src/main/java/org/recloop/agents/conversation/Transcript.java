package org.recloop.agents.conversation;

import java.util.ArrayList;
import java.util.List;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;

/**
 * What one conversation wrote: its messages (the conversations rows, numbered in order), the text
 * both chat models read, and the llm_calls rows of all its requests, numbered as one decision.
 * Confined to the thread running the conversation.
 */
final class Transcript {

    final int tick;
    final int user;
    private final List<ConversationTurn> rows = new ArrayList<>();
    private final List<ModelCall> calls = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    Transcript(int tick, int user) {
        this.tick = tick;
        this.user = user;
    }

    void user(int turn, String said, List<Integer> items, String outcome) {
        rows.add(new ConversationTurn(tick, user, turn, rows.size() + 1, ConversationTurn.Role.USER, said, null, null,
                items, outcome));
        text.append("User: ").append(said).append('\n');
    }

    void tool(int turn, String tool, String args, String result, List<Integer> items) {
        rows.add(new ConversationTurn(tick, user, turn, rows.size() + 1, ConversationTurn.Role.TOOL, result, tool, args,
                items, null));
        text.append("Tool ").append(tool).append(' ').append(args).append(": ").append(result).append('\n');
    }

    void recommender(int turn, String said, List<Integer> items, String outcome) {
        rows.add(new ConversationTurn(tick, user, turn, rows.size() + 1, ConversationTurn.Role.RECOMMENDER, said, null,
                null, items, outcome));
        text.append("Assistant: ").append(said);
        if (!items.isEmpty()) {
            text.append(" [offers items ").append(items.toString().replaceAll("[\\[\\]]", "")).append(']');
        }
        text.append('\n');
    }

    /** Marks the last message as the conversation's end. */
    void end(String outcome) {
        ConversationTurn t = rows.get(rows.size() - 1);
        rows.set(rows.size() - 1, new ConversationTurn(t.tick(), t.user(), t.turn(), t.seq(), t.role(), t.text(),
                t.tool(), t.args(), t.items(), outcome));
    }

    /** Adds the rows of one request, numbering their attempts within the conversation. */
    ChatAnswer called(ChatAnswer a) {
        for (ModelCall m : a.calls()) {
            calls.add(m.withAttempt(calls.size() + 1));
        }
        return a;
    }

    /** Relabels the last llm_calls row (an answer found invalid). */
    void relabelLast(String outcome) {
        calls.set(calls.size() - 1, calls.get(calls.size() - 1).withOutcome(outcome));
    }

    /** Adds a {@code fallback} row of {@code component} after the last one, unless the budget refused. */
    void fellBack(ModelCall.Component component) {
        ModelCall last = calls.isEmpty() ? null : calls.get(calls.size() - 1);
        if (last == null || last.outcome().equals(ChatAnswer.BUDGET)) {
            return;
        }
        calls.add(new ModelCall(tick, user, last.promptHash(), last.model(), -1, -1, 0, "fallback", calls.size() + 1,
                component));
    }

    String text() {
        return text.toString();
    }

    List<ConversationTurn> rows() {
        return List.copyOf(rows);
    }

    List<ModelCall> calls() {
        return List.copyOf(calls);
    }
}
