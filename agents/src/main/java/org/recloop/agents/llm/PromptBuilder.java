package org.recloop.agents.llm;

import java.util.Arrays;
import java.util.List;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.react.ReactContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;
import org.recloop.core.world.World;

/**
 * Builds an LLM agent's decision prompt from what it knows: a profile written from its
 * ground-truth preference (nearest topics, favourite titles when the catalog has titles), its
 * short-term memory (the last observations), older memories retrieved by recency + importance
 * (+ embedding similarity to the feed when {@code memory.embeddings} is on), the users it follows
 * (the first {@link Prompts#MAX_FOLLOWEES} by id: whom it may message) and the feed. The texts
 * themselves are {@link Prompts}' pure functions; this class gathers their inputs.
 *
 * <p>Thread-safe for steps of different agents: an agent's state is touched only by its own step,
 * and the item descriptions are a cache every thread fills with the same texts.
 */
final class PromptBuilder {

    private final RuleUserModel.Params rule;
    private final LlmParams.Memory memory;
    /** For memory retrieval; null when memory.embeddings is off. */
    private final AgentMemory.Embedder embedder;
    /** Whether feed lines name the item's creator (agents that may issue feed commands). */
    private final boolean creators;
    private float[] centres;
    private Catalog catalog;
    private volatile String[] descriptions = new String[0];

    /** @param creators whether feed lines name the item's creator (on for agents that may issue feed commands) */
    PromptBuilder(RuleUserModel.Params rule, LlmParams.Memory memory, AgentMemory.Embedder embedder, boolean creators) {
        this.creators = creators;
        this.rule = rule;
        this.memory = memory;
        this.embedder = embedder;
    }

    /** Takes the world's catalog and topic centres (at init). */
    void init(World world) {
        centres = Topics.centres(world.catalog());
        catalog = world.catalog();
        descriptions = new String[world.catalog().size()];
    }

    /** The topic centres of the initial catalog (profiles, post placement). */
    float[] centres() {
        return centres;
    }

    /** Makes room for the descriptions of items added this tick (posts); on the simulation thread. */
    void catalogGrew() {
        if (catalog.size() > descriptions.length) {
            descriptions = Arrays.copyOf(descriptions, catalog.size());
        }
    }

    /** An item as agents see it, cached per item (items never change; posts extend the catalog). */
    String describe(int item) {
        String[] d = descriptions;
        if (item >= d.length) {
            return Prompts.describe(catalog, item, creators);
        }
        String s = d[item];
        if (s == null) {
            s = Prompts.describe(catalog, item, creators);
            d[item] = s; // a benign race: every thread computes the same text
        }
        return s;
    }

    /**
     * The decision prompt of a step; writes the agent's profile at its first decision and the
     * step's followees (the valid addressees of a message).
     *
     * @param embed whether older memories may be ranked by embeddings (not for a decision the rule
     *     model makes anyway, once the budget is used up)
     */
    String decision(ReactContext ctx, SlateBatch slates, LlmStep st, LlmAgent a, boolean embed) {
        World world = ctx.world();
        if (a.profile == null) {
            byte arch = world.population().archetype(st.user);
            String name = arch >= 0 && arch < rule.archetypes().size() ? rule.archetypes().get(arch).name() : null;
            a.profile = Prompts.profile(st.user, world.population(), world.catalog(), centres, name);
        }
        String feed = Prompts.feed(this::describe, slates, st.slate);
        List<AgentMemory.Memory> recent = a.memory.shortTerm();
        List<AgentMemory.Memory> older = a.memory.retrieve(ctx.tick(), feed, memory.retrieve(),
                embed ? embedder : null, recent);
        st.followees = followees(world.graph(), st.user);
        return Prompts.decision(a.profile, recent, older, ctx.tick(), Prompts.following(st.followees), feed);
    }

    /** The first {@link Prompts#MAX_FOLLOWEES} followees of u, ascending (the graph's order). */
    private static int[] followees(SocialGraph g, int u) {
        int[] f = new int[Math.min(g.outDegree(u), Prompts.MAX_FOLLOWEES)];
        for (int i = 0; i < f.length; i++) {
            f[i] = g.followee(u, i);
        }
        return f;
    }
}
