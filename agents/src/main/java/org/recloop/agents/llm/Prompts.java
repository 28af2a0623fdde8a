package org.recloop.agents.llm;

import java.util.ArrayList;
import java.util.List;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/** The prompts of LLM agents. Pure functions of their inputs, so prompts (and cache keys) are reproducible. */
final class Prompts {
    private Prompts() {}

    static final String SYSTEM = """
            You are role-playing one user of an online content platform in a research simulation. \
            Stay in character: decide as this person would, from their tastes and memories, not as an assistant. \
            Answer with one JSON object and nothing else, in this form:
            {"choice": <position of the item you open, or -1 to open nothing>, \
            "reason": "<one short sentence>", \
            "rating": <1-5 stars for the opened item, or null>, \
            "like": <true|false>, "share": <true|false>, \
            "comment": "<a short comment, or null>", \
            "follow": <true|false: follow the opened item's creator>, \
            "leave": <true|false: leave the platform for good>, \
            "post": "<a new post you publish on the platform, or null>", \
            "message": {"to": <id of a user you follow>, "text": "<a short private message>"} or null, \
            "search": "<words you search the platform for, or null>"}""";

    /**
     * {@link #SYSTEM} with one more field, for agents that may issue feed commands ({@code
     * feedCommands: true}). Built from SYSTEM so that the two differ only by this field: with the
     * switch off the prompt (and so every cache key) is exactly SYSTEM, as before the switch existed.
     */
    static final String SYSTEM_WITH_COMMAND = SYSTEM.substring(0, SYSTEM.length() - 1)
            + ", \"command\": \"<tell the platform what you want more or less of in your feed, in your own words"
            + " (you may name a topic, a creator or an item by its number), or null>\"}";

    /** The system message of decisions: with the {@code command} field when the agents may issue feed commands. */
    static String system(boolean feedCommands) {
        return feedCommands ? SYSTEM_WITH_COMMAND : SYSTEM;
    }

    /** Followees listed in a prompt at most (the first ones in ascending id order). */
    static final int MAX_FOLLOWEES = 20;

    static final String REFLECTION_SYSTEM = """
            You are role-playing one user of an online content platform in a research simulation. \
            Think about your recent experiences as this person. Answer with one JSON object and nothing else: \
            {"insight": "<one or two sentences>"}""";

    /** Top {@code n} indices of {@code score}, best first (ties: lower index first). */
    static int[] top(double[] score, int n) {
        int k = Math.min(n, score.length);
        int[] best = new int[k];
        boolean[] used = new boolean[score.length];
        for (int j = 0; j < k; j++) {
            int b = -1;
            for (int i = 0; i < score.length; i++) {
                if (!used[i] && (b < 0 || score[i] > score[b])) {
                    b = i;
                }
            }
            used[b] = true;
            best[j] = b;
        }
        return best;
    }

    /**
     * The agent's profile, written from its ground-truth preference: its nearest topics and, when
     * the catalog has titles, the items it would like best.
     */
    static String profile(int user, Population pop, Catalog catalog, float[] centres, String archetype) {
        int dim = pop.dim();
        float[] pref = pop.preferences();
        int topics = centres.length / dim;
        double[] ts = new double[topics];
        for (int t = 0; t < topics; t++) {
            double d = 0;
            for (int f = 0; f < dim; f++) {
                d += centres[t * dim + f] * pref[user * dim + f];
            }
            ts[t] = d;
        }
        int[] best = top(ts, 3);
        StringBuilder sb = new StringBuilder();
        sb.append("You are user ").append(user).append(" of the platform.");
        if (archetype != null) {
            sb.append(" You are a typical '").append(archetype).append("' user.");
        }
        sb.append(" You care most about topic ").append(best[0]);
        if (best.length == 2) {
            sb.append(", then topic ").append(best[1]);
        } else if (best.length > 2) {
            sb.append(", then topic ").append(best[1]).append(" and topic ").append(best[2]);
        }
        sb.append("; other topics interest you less.");
        if (catalog.size() > 0 && catalog.title(0).isPresent()) {
            double[] is = new double[catalog.size()];
            for (int i = 0; i < is.length; i++) {
                is[i] = catalog.dot(i, pref, user * dim);
            }
            int[] fav = top(is, 5);
            List<String> titles = new ArrayList<>();
            for (int i : fav) {
                catalog.title(i).ifPresent(t -> titles.add('"' + t + '"'));
            }
            if (!titles.isEmpty()) {
                sb.append(" Titles you love include ").append(String.join(", ", titles)).append('.');
            }
        }
        sb.append(" You are selective: you open something only when it fits your tastes.");
        return sb.toString();
    }

    /** One slate position as the agent sees it: title (or id), topic and average rating (quality as 1-5 stars). */
    static String describe(Catalog c, int item) {
        return describe(c, item, false);
    }

    /**
     * As {@link #describe(Catalog, int)}; with {@code creator} (agents that may issue feed commands)
     * also the item's creator, "by creator C", so that an agent can name whom it wants less of.
     */
    static String describe(Catalog c, int item, boolean creator) {
        String title = c.title(item).orElse(null);
        StringBuilder sb = new StringBuilder(title != null ? title.length() + 48 : 56);
        if (title != null) {
            sb.append('"').append(title).append('"');
        } else {
            sb.append("item ").append(item);
        }
        long tenths = Math.round((1 + 4 * (double) c.quality(item)) * 10);
        if (creator && c.creator(item) >= 0) {
            sb.append(" by creator ").append(c.creator(item));
        }
        return sb.append(" (topic ").append(c.topic(item)).append(", average rating ").append(tenths / 10).append('.')
                .append(tenths % 10).append("/5)").toString();
    }

    /** The feed as a numbered list, one line per position ({@code describe} gives an item's text). */
    static String feed(java.util.function.IntFunction<String> describe, SlateBatch slates, int s) {
        StringBuilder sb = new StringBuilder(64 * slates.k());
        int len = slates.length(s);
        for (int r = 0; r < len; r++) {
            sb.append(r).append(". ").append(describe.apply(slates.item(s, r)));
            if (slates.source(s, r) == SlateSource.SOCIAL.code()) {
                sb.append(" [from someone you follow]");
            }
            sb.append('\n');
        }
        if (len == 0) {
            sb.append("(your feed is empty)\n");
        }
        return sb.toString();
    }

    /** The followees line: who the agent may message ({@code followees} ascending). */
    static String following(int[] followees) {
        return followees.length == 0 ? "You follow nobody yet, so you cannot send messages."
                : "People you follow (user ids you may message): " + LlmAction.ids(followees) + ".";
    }

    static String decision(String profile, List<AgentMemory.Memory> recent, List<AgentMemory.Memory> older, int tick,
            String following, String feed) {
        StringBuilder sb = new StringBuilder(320 + profile.length() + 200 * (recent.size() + older.size()) + feed.length());
        sb.append("Who you are: ").append(profile).append("\n\n");
        sb.append("Your recent experiences:\n");
        memories(sb, recent);
        if (!older.isEmpty()) {
            sb.append("\nOlder memories that come to mind:\n");
            memories(sb, older);
        }
        sb.append('\n').append(following).append('\n');
        sb.append("\nIt is now day ").append(tick).append(". Your feed shows:\n").append(feed);
        sb.append("\nWhich item, if any, do you open? Reply with the JSON object only.");
        return sb.toString();
    }

    static String retry(String prompt, String answer, String error) {
        String a = answer == null ? "" : answer.length() > 300 ? answer.substring(0, 300) + "..." : answer;
        return prompt + "\n\nYour previous answer was:\n" + a + "\nIt was invalid: " + error
                + ". Reply again with the JSON object only.";
    }

    static String reflection(String profile, List<AgentMemory.Memory> recent) {
        StringBuilder sb = new StringBuilder();
        sb.append("Who you are: ").append(profile).append("\n\nYour recent experiences:\n");
        memories(sb, recent);
        sb.append("\nWhat one or two high-level insights about your own tastes, and about what this platform shows"
                + " you, do you draw from these experiences? Reply with the JSON object only.");
        return sb.toString();
    }

    private static void memories(StringBuilder sb, List<AgentMemory.Memory> ms) {
        if (ms.isEmpty()) {
            sb.append("(none yet)\n");
        }
        for (AgentMemory.Memory m : ms) {
            sb.append("- [day ").append(m.tick).append("] ").append(m.text).append('\n');
        }
    }
}
