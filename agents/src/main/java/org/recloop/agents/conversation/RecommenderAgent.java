package org.recloop.agents.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;

/**
 * The platform's side of a conversation: a chat model that, each turn, calls tools and then answers
 * the user with a message and the items it offers. The protocol is plain JSON in the answer text,
 * one object per step, not a provider's function-calling API, so it works with any
 * OpenAI-compatible server (vLLM, llama.cpp, Ollama) and any model that can write JSON:
 * <pre>  {"tool": "recommend", "args": {"k": 3}}      the scenario's recommender, next items
 *   {"tool": "search", "args": {"query": "topic 3"}}
 *   {"tool": "details", "args": {"item": 12}}
 *   {"tool": "answer", "args": {"text": "...", "items": [12, 40]}}   ends the turn</pre>
 * An answer that is not such an object, names an unknown tool, has bad arguments, offers items
 * that do not exist, were consumed or were offered before, or calls more than {@code maxToolCalls}
 * tools in a turn (a turn that never ends) is relabelled {@code invalid} in llm_calls and asked
 * again once with the error; a second invalid answer, or none, makes the fallback answer the turn:
 * the scenario's recommender's next item ({@code fallback} llm_calls row and message outcome). A
 * request that got no answer at all (the server failed after its retries, or the budget is used
 * up) makes the fallback answer the rest of the conversation without asking again. All rows have
 * component {@code conversation}. One agent per conversation.
 */
final class RecommenderAgent {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FALLBACK = "fallback";
    static final String SYSTEM = "You are the recommender assistant of a content platform, talking with one user."
            + " Find items the user will accept. Each step, answer with one JSON object and nothing else:\n"
            + "{\"tool\": \"recommend\", \"args\": {\"k\": n}}  the platform recommender's next n items for this user\n"
            + "{\"tool\": \"search\", \"args\": {\"query\": \"words\" or \"topic T\"}}  catalog search\n"
            + "{\"tool\": \"details\", \"args\": {\"item\": id}}  an item's title, topic, creator\n"
            + "{\"tool\": \"answer\", \"args\": {\"text\": \"your message\", \"items\": [ids]}}  reply to the user,"
            + " offering 1 to %d items found with the tools (never one offered before); this ends your turn.\n"
            + "Call at most %d tools before you answer.";

    private final LanguageModel lm;
    private final int maxToolCalls;
    private final int offer;
    private final String system;
    private boolean down; // a request got no answer: the rest of the conversation falls back

    RecommenderAgent(LanguageModel lm, int maxToolCalls, int offer) {
        this.lm = lm;
        this.maxToolCalls = maxToolCalls;
        this.offer = offer;
        this.system = String.format(SYSTEM, offer, maxToolCalls);
    }

    /** One turn: tool calls, then the message and the items offered (written to {@code t}); returns the items. */
    List<Integer> turn(Transcript t, int turn, ConversationTools tools, Set<Integer> offered) {
        int toolCalls = 0;
        String error = null;
        boolean wasDown = down;
        while (!down) {
            String prompt = "The conversation so far:\n" + t.text()
                    + (error == null ? "" : "\nYour previous answer was invalid: " + error + ".")
                    + "\nYour next step (one JSON object):";
            ChatAnswer a = t.called(lm.complete(new ChatRequest(system, prompt, t.tick, t.user, ChatRequest.OK,
                    ModelCall.Component.CONVERSATION)));
            if (!a.answered()) {
                down = true;
                break;
            }
            Step s = step(a.text().get(), toolCalls, tools, offered);
            if (s.error() != null) {
                t.relabelLast("invalid");
                if (error != null) {
                    return fallback(t, turn, tools, true);
                }
                error = s.error();
                continue;
            }
            error = null;
            if (s.tool() == null) {
                t.recommender(turn, s.text(), s.items(), null);
                return s.items();
            }
            toolCalls++;
            t.tool(turn, s.tool(), s.args(), s.text(), s.items());
        }
        return fallback(t, turn, tools, !wasDown);
    }

    private List<Integer> fallback(Transcript t, int turn, ConversationTools tools, boolean asked) {
        if (asked) {
            t.fellBack(ModelCall.Component.CONVERSATION);
        }
        List<Integer> items = tools.nextServed(1);
        t.recommender(turn, items.isEmpty() ? "I have nothing more to recommend."
                : "You might like " + tools.describe(items) + ".", items, FALLBACK);
        return items;
    }

    /** A valid step: a tool's result ({@code tool} set) or the answer; or the error of an invalid one. */
    record Step(String tool, String args, String text, List<Integer> items, String error) {
        static Step invalid(String error) {
            return new Step(null, null, null, List.of(), error);
        }
    }

    /** Validates and, for a tool, runs one step; package-private for tests. */
    Step step(String answer, int toolCalls, ConversationTools tools, Set<Integer> offered) {
        JsonNode o;
        try {
            String s = answer.strip();
            int open = s.indexOf('{');
            int close = s.lastIndexOf('}');
            o = JSON.readTree(open >= 0 && close > open ? s.substring(open, close + 1) : s);
        } catch (Exception e) {
            return Step.invalid("not a JSON object");
        }
        if (o == null || !o.isObject() || !o.path("tool").isTextual()) {
            return Step.invalid("not a JSON object with a \"tool\"");
        }
        String tool = o.path("tool").asText();
        JsonNode args = o.path("args").isObject() ? o.path("args") : JSON.createObjectNode();
        if (tool.equals("answer")) {
            return answer(args, tools, offered);
        }
        if (toolCalls >= maxToolCalls && ConversationTools.TOOLS.contains(tool)) {
            return Step.invalid("at most " + maxToolCalls + " tool calls per turn: answer the user now");
        }
        try {
            ConversationTools.Result r = tools.call(tool, args);
            return new Step(tool, args.toString(), r.text(), r.items(), null);
        } catch (ConversationTools.BadCall e) {
            return Step.invalid(e.getMessage());
        }
    }

    private Step answer(JsonNode args, ConversationTools tools, Set<Integer> offered) {
        JsonNode text = args.path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            return Step.invalid("answer: text must be a non-empty string");
        }
        JsonNode ids = args.path("items");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > offer) {
            return Step.invalid("answer: items must be an array of 1 to " + offer + " item ids, was " + ids);
        }
        Set<Integer> items = new LinkedHashSet<>();
        for (JsonNode n : ids) {
            try {
                int i = tools.item(n, "answer: item");
                if (offered.contains(i)) {
                    return Step.invalid("answer: item " + i + " was offered before");
                }
                items.add(i);
            } catch (ConversationTools.BadCall e) {
                return Step.invalid(e.getMessage());
            }
        }
        return new Step(null, null, text.asText().strip(), new ArrayList<>(items), null);
    }
}
