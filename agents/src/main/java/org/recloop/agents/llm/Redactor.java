package org.recloop.agents.llm;

import java.util.regex.Pattern;
import org.recloop.core.log.AgentText;

/**
 * Keeps the API key out of everything the LLM path stores or prints. A model (or a proxy) may echo
 * the key back, in an error body or inside an answer; so every answer is redacted before it is
 * parsed, cached or turned into texts, posts and memories, every error message before it reaches a
 * log line or an exception, and the texts once more before they are logged.
 *
 * <p>Every occurrence of the key becomes {@value #MARK}; error messages also lose any {@code
 * Bearer} token (a proxy may hold another key) and are shortened. Thread-safe (immutable).
 */
final class Redactor {

    /** What replaces the key. */
    static final String MARK = "[REDACTED]";
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(?!\\Q" + MARK + "\\E)\\S+");
    private static final int MAX_MESSAGE = 300;

    private final String key;

    /** @param key the API key, or null (then only bearer tokens are taken out of messages) */
    Redactor(String key) {
        this.key = key == null || key.isEmpty() ? null : key;
    }

    /** The text with every occurrence of the key replaced; null stays null. */
    String text(String s) {
        return s == null || key == null ? s : s.replace(key, MARK);
    }

    /** The stored text with the key replaced (the same record when there is nothing to replace). */
    AgentText text(AgentText t) {
        String r = text(t.text());
        return r == null || r.equals(t.text()) ? t
                : new AgentText(t.tick(), t.user(), t.type(), t.item(), t.targetUser(), t.kind(), r);
    }

    /** An error message: the key and any bearer token replaced, shortened to a few hundred characters. */
    String message(String s) {
        if (s == null) {
            return "";
        }
        String r = BEARER.matcher(text(s)).replaceAll("Bearer " + MARK);
        return r.length() > MAX_MESSAGE ? r.substring(0, MAX_MESSAGE) + "..." : r;
    }
}
