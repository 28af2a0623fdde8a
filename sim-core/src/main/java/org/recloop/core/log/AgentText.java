package org.recloop.core.log;

import java.util.Objects;
import org.recloop.core.react.EventType;

/**
 * Free text an agent wrote, for the texts table: the reason for a choice, a comment, a post, a
 * chat message or a search query. It belongs to the event with the same (tick, user, type, item,
 * target_user): join on those columns, target_user with {@code IS NOT DISTINCT FROM} (NULL in both
 * tables when there is none).
 *
 * @param tick tick of the event
 * @param user the agent who wrote it
 * @param type the event it belongs to (CLICK or SKIP for a reason, COMMENT, POST, MESSAGE, SEARCH)
 * @param item the item of that event, -1 if none
 * @param targetUser the addressee of a MESSAGE, -1 otherwise
 * @param kind what the text is: reason, comment, post, message, query
 * @param text the text (never a prompt, never a key)
 */
public record AgentText(int tick, int user, EventType type, int item, int targetUser, String kind, String text) {
    public AgentText {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
