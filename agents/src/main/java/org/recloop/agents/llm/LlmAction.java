package org.recloop.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * An LLM agent's answer to one slate, validated against the action schema:
 *
 * <pre>
 * {"choice": -1 | 0..len-1,            required, integer: slate position opened, -1 = nothing
 *  "reason": string,                    optional
 *  "rating": 1..5 | null,               optional, integer stars for the opened item
 *  "like": bool, "share": bool,         optional (false)
 *  "comment": string | null,            optional
 *  "follow": bool,                      optional (false): follow the opened item's creator
 *  "leave": bool,                       optional (false): leave the platform
 *  "post": string | null,               optional: publish a new post (it joins the catalog)
 *  "message": {"to": id, "text": string} | null,
 *                                       optional: a direct message to a user the agent follows;
 *                                       "to" must be one of the followees listed in the prompt
 *  "search": string | null,             optional: a free-text search of the platform
 *  "command": string | null}            optional, only read with feedCommands on: what the user
 *                                       tells the platform it wants more or less of, in words
 * </pre>
 *
 * Other fields are ignored. The JSON object may be wrapped in prose or a Markdown code fence: the
 * text from the first '{' to the last '}' is parsed. With {@code choice: -1}, item reactions
 * (rating, like, share, comment, follow) are ignored; post, message and search do not depend on
 * the choice. Blank texts count as null, except a command: an agent that has nothing to tell the
 * platform writes null, so an empty command, one without a single letter, or one longer than
 * {@link #MAX_COMMAND} characters is an invalid answer (retried with the error, then the rule
 * model's fallback), never a silently dropped feed command.
 */
record LlmAction(int choice, String reason, Integer rating, boolean like, boolean share, String comment,
        boolean follow, boolean leave, String post, Message message, String search, String command) {

    /** Longest command text accepted: a request about one's feed is a sentence, not an essay. */
    static final int MAX_COMMAND = 300;

    /** A chat message to a followee. */
    record Message(int to, String text) {}

    /** An action without post, message, search or command. */
    LlmAction(int choice, String reason, Integer rating, boolean like, boolean share, String comment, boolean follow,
            boolean leave) {
        this(choice, reason, rating, like, share, comment, follow, leave, null, null, null);
    }

    /** An action without a command. */
    LlmAction(int choice, String reason, Integer rating, boolean like, boolean share, String comment, boolean follow,
            boolean leave, String post, Message message, String search) {
        this(choice, reason, rating, like, share, comment, follow, leave, post, message, search, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why an answer was rejected; the message is fed back to the model on the retry. */
    static final class InvalidAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAnswer(String message) {
            super(message);
        }
    }

    /** Parses an answer of an agent that follows nobody (so "message" must be null). */
    static LlmAction parse(String text, int slateLength) throws InvalidAnswer {
        return parse(text, slateLength, new int[0]);
    }

    /**
     * Parses and validates an answer.
     *
     * @param slateLength positions of the feed
     * @param followees the user ids listed in the prompt as followees, ascending: the only valid
     *     {@code message.to}
     */
    static LlmAction parse(String text, int slateLength, int[] followees) throws InvalidAnswer {
        return parse(text, slateLength, followees, false);
    }

    /**
     * As {@link #parse(String, int, int[])}; with {@code commands} (feedCommands on) the {@code
     * command} field is read and validated, else it is ignored like any unknown field.
     */
    static LlmAction parse(String text, int slateLength, int[] followees, boolean commands) throws InvalidAnswer {
        if (text == null || text.isBlank()) {
            throw new InvalidAnswer("the answer was empty; expected one JSON object");
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new InvalidAnswer("the answer contains no JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            throw new InvalidAnswer("the answer is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidAnswer("the answer must be a JSON object");
        }
        String range = slateLength == 0 ? "-1 (the feed is empty)" : "-1 or 0.." + (slateLength - 1);
        JsonNode c = root.get("choice");
        if (c == null || c.isNull()) {
            throw new InvalidAnswer("field 'choice' is required: " + range);
        }
        if (!c.isIntegralNumber() || !c.canConvertToInt()) {
            throw new InvalidAnswer("field 'choice' must be an integer, " + range + ", was " + c);
        }
        int choice = c.intValue();
        if (choice < -1 || choice >= slateLength) {
            throw new InvalidAnswer("field 'choice' is out of range: must be " + range + ", was " + choice);
        }
        Integer rating = null;
        JsonNode r = root.get("rating");
        if (r != null && !r.isNull()) {
            if (!r.isIntegralNumber() || r.asInt() < 1 || r.asInt() > 5) {
                throw new InvalidAnswer("field 'rating' must be an integer 1..5 or null, was " + r);
            }
            rating = r.asInt();
        }
        String reason = text(root, "reason");
        String comment = text(root, "comment");
        boolean like = bool(root, "like");
        boolean share = bool(root, "share");
        boolean follow = bool(root, "follow");
        boolean leave = bool(root, "leave");
        String post = blankToNull(text(root, "post"));
        String search = blankToNull(text(root, "search"));
        Message message = message(root.get("message"), followees);
        String command = commands ? command(root.get("command")) : null;
        if (choice < 0) {
            return new LlmAction(choice, reason, null, false, false, null, false, leave, post, message, search,
                    command);
        }
        return new LlmAction(choice, reason, rating, like, share, blankToNull(comment), follow, leave, post, message,
                search, command);
    }

    /** The command text (stripped), null when absent; refused when empty, letterless or too long. */
    private static String command(JsonNode n) throws InvalidAnswer {
        if (n == null || n.isNull()) {
            return null;
        }
        String how = "write what you want more or less of in your feed in words, or null if nothing";
        if (!n.isTextual()) {
            throw new InvalidAnswer("field 'command' must be a string or null (" + how + "), was " + n);
        }
        String c = n.asText().strip();
        if (c.isEmpty()) {
            throw new InvalidAnswer("field 'command' is empty: " + how);
        }
        if (c.codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidAnswer("field 'command' has no words: " + how + "; was \"" + c + "\"");
        }
        if (c.length() > MAX_COMMAND) {
            throw new InvalidAnswer("field 'command' is too long (" + c.length() + " characters, at most "
                    + MAX_COMMAND + "): one short sentence");
        }
        return c;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Message message(JsonNode m, int[] followees) throws InvalidAnswer {
        if (m == null || m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            throw new InvalidAnswer("field 'message' must be an object {\"to\": <user id>, \"text\": <string>} or null,"
                    + " was " + m);
        }
        String allowed = followees.length == 0 ? "you follow nobody, so 'message' must be null"
                : "must be one of the users you follow (" + ids(followees) + ")";
        JsonNode to = m.get("to");
        if (to == null || to.isNull()) {
            throw new InvalidAnswer("field 'message.to' is required: " + allowed);
        }
        if (!to.isIntegralNumber() || !to.canConvertToInt()) {
            throw new InvalidAnswer("field 'message.to' must be an integer user id: " + allowed + ", was " + to);
        }
        int id = to.intValue();
        if (java.util.Arrays.binarySearch(followees, id) < 0) {
            throw new InvalidAnswer("field 'message.to' " + (followees.length == 0 ? "is invalid: " : "") + allowed
                    + ", was " + id);
        }
        JsonNode t = m.get("text");
        if (t == null || !t.isTextual() || t.asText().isBlank()) {
            throw new InvalidAnswer("field 'message.text' must be a non-empty string, was " + (t == null ? "missing" : t));
        }
        return new Message(id, t.asText());
    }

    /** The ids as the prompt lists them: "3, 17, 42". */
    static String ids(int[] users) {
        StringBuilder sb = new StringBuilder();
        for (int u : users) {
            sb.append(sb.length() == 0 ? "" : ", ").append(u);
        }
        return sb.toString();
    }

    private static String text(JsonNode root, String field) throws InvalidAnswer {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidAnswer("field '" + field + "' must be a string or null, was " + n);
        }
        return n.asText();
    }

    private static boolean bool(JsonNode root, String field) throws InvalidAnswer {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new InvalidAnswer("field '" + field + "' must be true or false, was " + n);
        }
        return n.booleanValue();
    }

    /** A reflection's insight: the "insight" field of a JSON answer, else the text itself. */
    static String insight(String text) {
        if (text == null) {
            return "";
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open >= 0 && close > open) {
            try {
                JsonNode root = JSON.readTree(text.substring(open, close + 1));
                if (root != null && root.isObject()) {
                    JsonNode i = root.get("insight");
                    if (i != null && i.isTextual()) {
                        return i.asText().trim();
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Map.Entry<String, JsonNode> f : root.properties()) {
                        JsonNode v = f.getValue();
                        if (v.isTextual()) {
                            sb.append(sb.length() == 0 ? "" : " ").append(v.asText().trim());
                        }
                    }
                    return sb.toString();
                }
            } catch (JsonProcessingException e) {
                // fall through: plain text
            }
        }
        return text.trim();
    }
}
