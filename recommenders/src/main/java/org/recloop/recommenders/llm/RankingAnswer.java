package org.recloop.recommenders.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a model's answer as a ranking of the given candidates. Valid: a JSON object {@code
 * {"ranking": [ids]}} (or a bare array; a Markdown code fence around it is tolerated) whose ids are
 * candidates, none twice, at least {@code need} of them. Candidates the answer leaves out follow in
 * candidate order: a model asked for 20 usually ranks the top of the list only, and only the
 * slate's positions matter. An invented id, a duplicate or too short a ranking makes the answer
 * invalid, with a message the retry prompt quotes.
 */
final class RankingAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed answer: the full order (candidate ids, best first) or why it is invalid. */
    record Result(int[] order, String error) {
        boolean valid() {
            return error == null;
        }

        static Result invalid(String why) {
            return new Result(null, why);
        }
    }

    private RankingAnswer() {}

    /**
     * @param text the model's answer
     * @param candidates candidate ids, in candidate order ({@code n} of them)
     * @param need the fewest candidates a valid answer ranks
     */
    static Result parse(String text, int[] candidates, int n, int need) {
        JsonNode root;
        try {
            root = JSON.readTree(unfence(text));
        } catch (JsonProcessingException e) {
            return Result.invalid("it is not JSON");
        }
        JsonNode list = root == null ? null : root.isArray() ? root : root.get("ranking");
        if (list == null || !list.isArray()) {
            return Result.invalid("it has no \"ranking\" array");
        }
        Map<Integer, Integer> index = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            index.put(candidates[i], i);
        }
        boolean[] used = new boolean[n];
        int[] order = new int[n];
        int len = 0;
        for (int r = 0; r < list.size(); r++) {
            JsonNode e = list.get(r);
            if (!e.canConvertToInt() || !e.isIntegralNumber()) {
                return Result.invalid("ranking[" + r + "] is not an item id: " + abbreviate(e.toString()));
            }
            Integer at = index.get(e.intValue());
            if (at == null) {
                return Result.invalid("item " + e.intValue() + " is not one of the candidates");
            }
            if (used[at]) {
                return Result.invalid("item " + e.intValue() + " is ranked twice");
            }
            used[at] = true;
            order[len++] = candidates[at];
        }
        if (len < need) {
            return Result.invalid("it ranks " + len + " candidates, at least " + need + " are needed");
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                order[len++] = candidates[i];
            }
        }
        return new Result(order, null);
    }

    /** The text without a surrounding Markdown code fence. */
    private static String unfence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                t = t.substring(nl + 1, end);
            }
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
