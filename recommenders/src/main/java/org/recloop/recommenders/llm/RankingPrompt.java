package org.recloop.recommenders.llm;

import java.util.Locale;
import org.recloop.core.world.Catalog;

/**
 * The prompts of {@code llm-rerank}: a system message (the scenario's instructions and the answer
 * format) and a user message with the user's recent items as titles and the numbered candidates.
 * Items are named by their catalog title with the id in brackets; untitled (synthetic) items by a
 * stable label, {@code item 123}. Prompts are pure functions of their inputs, so the response cache
 * answers a replay.
 */
final class RankingPrompt {

    /** What the model is asked when a scenario gives no instructions. */
    static final String DEFAULT_INSTRUCTIONS = "You are the recommender of a reading platform. Rank the candidate"
            + " items by how likely this user is to enjoy them, judging from the items the user consumed recently.";

    /** The answer format: always appended to the instructions, so the answer can be parsed. */
    static final String FORMAT = "Answer with one JSON object and nothing else: {\"ranking\": [<candidate id>, ...]},"
            + " best first, using only the ids in brackets, each at most once.";

    private static final int MAX_TITLE = 120;

    private RankingPrompt() {}

    static String system(String instructions) {
        return instructions + "\n" + FORMAT;
    }

    /**
     * The user message.
     *
     * @param history recent items, oldest first
     * @param candidates candidate ids in the order shown
     * @param need how many the answer must rank at least
     */
    static String user(Catalog catalog, int[] history, int[] candidates, int n, int need) {
        StringBuilder b = new StringBuilder(64 * (history.length + n) + 200);
        b.append("Items the user consumed recently, oldest first:\n");
        if (history.length == 0) {
            b.append("(none yet)\n");
        }
        for (int item : history) {
            b.append("- ").append(label(catalog, item)).append(" [").append(item).append("]\n");
        }
        b.append("\nCandidates:\n");
        for (int i = 0; i < n; i++) {
            b.append('[').append(candidates[i]).append("] ").append(label(catalog, candidates[i])).append('\n');
        }
        b.append(String.format(Locale.ROOT, "\nRank at least %d of the %d candidates, best first.", need, n));
        return b.toString();
    }

    /** The first prompt again with what was wrong with the answer, for the one retry. */
    static String retry(String prompt, String error) {
        return prompt + "\n\nYour previous answer was not a valid ranking: " + error + ". Answer again with only the"
                + " JSON object, using each candidate id in brackets at most once and no other ids.";
    }

    /** The item's title on one line (cut), or {@code item <id>} when the catalog has none. */
    static String label(Catalog catalog, int item) {
        String t = catalog == null ? null : catalog.title(item).orElse(null);
        if (t == null || t.isBlank()) {
            return "item " + item;
        }
        t = t.replaceAll("\\s+", " ").strip();
        return t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 1) + "…";
    }
}
