package org.recloop.agents.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;
import org.recloop.core.world.World;

/**
 * A user played by a chat model: prompted with a persona from its true preferences (its two best
 * topics) and its latest consumed items, it answers each offer with one JSON object
 * <pre>  {"decision": "accept", "item": id, "rating": 1-5}
 *   {"decision": "reject", "text": "what you say next"}
 *   {"decision": "leave", "rating": 1-5}</pre>
 * An invalid answer (not such an object, an item not offered this turn, a rating outside 1..5) is
 * relabelled {@code invalid} and asked once more with the error; a second invalid answer, or none,
 * falls back to the {@link RuleConversationUser}'s reply ({@code fallback} row). Its opening
 * request is the rule user's template, so both kinds of user ask for the same thing. Rows have
 * component {@code user_agent}.
 */
final class LlmConversationUser implements ConversationUser {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SYSTEM = "You play a user of a content platform who asked its recommender assistant for"
            + " something to read or watch. Decide about the items it offers, as this user would. Answer with one"
            + " JSON object and nothing else: {\"decision\": \"accept\", \"item\": id, \"rating\": 1-5 (how good"
            + " the conversation was)} or {\"decision\": \"reject\", \"text\": \"what you say next\"} or"
            + " {\"decision\": \"leave\", \"rating\": 1-5}.";

    private final World world;
    private final LanguageModel lm;
    private final RuleConversationUser rules;

    LlmConversationUser(World world, LanguageModel lm, RuleConversationUser rules) {
        this.world = world;
        this.lm = lm;
        this.rules = rules;
    }

    @Override
    public String open(Transcript t, Truth truth) {
        return rules.open(t, truth);
    }

    @Override
    public Reply reply(Transcript t, int turn, List<Integer> offered, Truth truth) {
        String prompt = persona(t.user, truth) + "\nThe conversation so far:\n" + t.text()
                + "Offered now: items " + offered.toString().replaceAll("[\\[\\]]", "") + ".\nYour decision:";
        String error = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            String p = error == null ? prompt : prompt + "\nYour previous answer was invalid: " + error
                    + ". Answer again with one JSON object.";
            ChatAnswer a = t.called(lm.complete(new ChatRequest(SYSTEM, p, t.tick, t.user, ChatRequest.OK,
                    ModelCall.Component.USER_AGENT)));
            if (!a.answered()) {
                break;
            }
            Object r = read(a.text().get(), offered);
            if (r instanceof Reply reply) {
                return reply;
            }
            t.relabelLast("invalid");
            error = (String) r;
        }
        t.fellBack(ModelCall.Component.USER_AGENT);
        return rules.reply(t, turn, offered, truth);
    }

    @Override
    public double ratingOfTimeout(Truth truth) {
        return rules.ratingOfTimeout(truth);
    }

    private String persona(int user, Truth truth) {
        StringBuilder sb = new StringBuilder("You are user ").append(user).append(". You like topic ")
                .append(truth.topTopic(world)).append(" most.");
        int[] seen = world.history().itemsOf(user);
        if (seen.length > 0) {
            sb.append(" Lately you consumed:");
            for (int i = Math.max(0, seen.length - 5); i < seen.length; i++) {
                sb.append(' ').append(world.catalog().title(seen[i]).orElse("item " + seen[i])).append(" (topic ")
                        .append(world.catalog().topic(seen[i])).append(')');
            }
            sb.append('.');
        }
        return sb.toString();
    }

    /** A reply, or the error (a String) that makes the answer invalid. */
    static Object read(String answer, List<Integer> offered) {
        JsonNode o;
        try {
            String s = answer.strip();
            int open = s.indexOf('{');
            int close = s.lastIndexOf('}');
            o = JSON.readTree(open >= 0 && close > open ? s.substring(open, close + 1) : s);
        } catch (Exception e) {
            return "not a JSON object";
        }
        if (o == null || !o.isObject()) {
            return "not a JSON object";
        }
        String d = o.path("decision").asText("");
        switch (d) {
            case Reply.ACCEPT -> {
                JsonNode item = o.path("item");
                if (!item.isIntegralNumber() || !offered.contains(item.intValue())) {
                    return "item must be one of the offered items " + offered + ", was " + item;
                }
                Object rating = rating(o.path("rating"));
                return rating instanceof Double r ? new Reply(Reply.ACCEPT, item.intValue(), "I'll take item "
                        + item.intValue() + ".", r) : rating;
            }
            case Reply.REJECT -> {
                JsonNode text = o.path("text");
                if (!text.isTextual() || text.asText().isBlank()) {
                    return "text must be a non-empty string";
                }
                return new Reply(Reply.REJECT, -1, text.asText().strip(), 1);
            }
            case Reply.LEAVE -> {
                Object rating = rating(o.path("rating"));
                return rating instanceof Double r ? new Reply(Reply.LEAVE, -1, "No thanks, bye.", r) : rating;
            }
            default -> {
                return "decision must be \"accept\", \"reject\" or \"leave\", was " + o.path("decision");
            }
        }
    }

    private static Object rating(JsonNode n) {
        if (!n.isNumber() || n.doubleValue() < 1 || n.doubleValue() > 5) {
            return "rating must be a number from 1 to 5, was " + n;
        }
        return n.doubleValue();
    }
}
