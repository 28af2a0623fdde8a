package org.recloop.core.log;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation between a user and the platform's conversational recommender, for
 * the conversations table. A conversation is one user's session in one tick, so (tick, user)
 * identifies it ({@link #id}); {@code seq} orders its messages.
 *
 * @param tick tick of the conversation
 * @param user the user
 * @param turn 1 for the first exchange (the user's request and the recommender's answer), ...
 * @param seq position of the message in the conversation, from 1
 * @param role who speaks
 * @param text the message; for a tool row the tool's result as the recommender saw it
 * @param tool the tool called (recommend, search, details), null unless {@code role} is TOOL
 * @param args the call's arguments as JSON, null unless {@code role} is TOOL
 * @param items items offered (a recommender message) or accepted (the user's last message)
 * @param outcome accept, reject or timeout on the conversation's last row; fallback on a
 *     recommender message the fallback wrote; null otherwise
 */
public record ConversationTurn(int tick, int user, int turn, int seq, Role role, String text, String tool,
        String args, List<Integer> items, String outcome) {

    /** Who speaks: the {@code role} column. */
    public enum Role {
        USER("user"), RECOMMENDER("recommender"), TOOL("tool");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The value stored in the {@code role} column. */
        public String label() {
            return label;
        }
    }

    public ConversationTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
    }

    /** The conversation's id: {@code tick << 32 | user}. */
    public long id() {
        return ((long) tick << 32) | (user & 0xffffffffL);
    }
}
