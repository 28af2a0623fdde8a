package org.recloop.agents.llm;

import java.util.List;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;

/**
 * The sections of {@link LlmUserModel.Params}, as a scenario writes them under {@code users:}: which
 * users are LLM-driven, memory, reflection and the token budget (the language-model server is a
 * {@link org.recloop.core.lm.ChatProvider}, the response cache a {@link
 * org.recloop.core.lm.ResponseCacheParams}, shared with the other chat models of a scenario).
 * Each record fills its defaults and validates in its compact constructor, so a bad value fails
 * while the scenario loads, naming the field.
 */
public final class LlmParams {

    private LlmParams() {}

    /**
     * Which users are LLM-driven; at most one of the three may be set (default: fraction 0.1).
     *
     * @param fraction this share of the population, chosen by a seeded draw per user (exactly
     *     {@code round(fraction·users)} users)
     * @param archetype every user of this archetype of the {@code rule} section: its name or its
     *     0-based index
     * @param users these user ids
     */
    public record Agents(Double fraction, String archetype, List<Integer> users) {
        public Agents {
            int set = (fraction != null ? 1 : 0) + (archetype != null ? 1 : 0) + (users != null ? 1 : 0);
            if (set > 1) {
                throw new InvalidParameterException("agents", "set only one of fraction, archetype, users");
            }
            if (set == 0) {
                fraction = 0.1;
            }
            if (fraction != null) {
                Check.unit("fraction", fraction);
            }
            if (users != null) {
                users = List.copyOf(users);
                for (Integer u : users) {
                    if (u == null || u < 0) {
                        throw new InvalidParameterException("users", "user ids must be >= 0, was " + u);
                    }
                }
            }
        }
    }

    /**
     * @param embeddings rank older memories also by embedding similarity to the feed (the
     *     embedding model is loaded on first need, ~1 s); false = recency and importance only
     * @param shortTerm observations always shown (the most recent)
     * @param capacity memories kept per agent
     * @param retrieve older memories shown per prompt
     */
    public record Memory(Boolean embeddings, Integer shortTerm, Integer capacity, Integer retrieve) {
        public Memory {
            embeddings = embeddings == null || embeddings;
            shortTerm = Check.nonNegative("shortTerm", shortTerm == null ? 5 : shortTerm);
            capacity = Check.positive("capacity", capacity == null ? 100 : capacity);
            retrieve = Check.nonNegative("retrieve", retrieve == null ? 3 : retrieve);
        }
    }

    /**
     * @param every reflect after every N sessions of the agent; 0 = never
     * @param window memories summarised
     */
    public record Reflection(Integer every, Integer window) {
        public Reflection {
            every = Check.nonNegative("every", every == null ? 0 : every);
            window = Check.positive("window", window == null ? 10 : window);
        }
    }

    /** @param maxTokens tokens (prompt + completion) per run before decisions go to the rule model; 0 = no limit */
    public record Budget(Long maxTokens) {
        public Budget {
            maxTokens = maxTokens == null ? 0L : maxTokens;
            if (maxTokens < 0) {
                throw new InvalidParameterException("maxTokens", "must be >= 0, was " + maxTokens);
            }
        }
    }

    /** Index of an archetype given by name or 0-based index, or -1. */
    static int archetypeIndex(String id, RuleUserModel.Params rule) {
        List<RuleUserModel.Archetype> list = rule.archetypes();
        for (int a = 0; a < list.size(); a++) {
            if (list.get(a).name().equals(id)) {
                return a;
            }
        }
        try {
            int a = Integer.parseInt(id.trim());
            return a >= 0 && a < Math.max(1, list.size()) ? a : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
