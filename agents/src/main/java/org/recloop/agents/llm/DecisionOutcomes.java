package org.recloop.agents.llm;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.agents.rule.RuleUserModel;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Turns an LLM agent's answer into what happened: the answer is parsed and validated ({@link
 * LlmAction}); an invalid answer is asked again once with the validation error appended; a second
 * invalid answer, or a call that still fails after the language model's retries, makes the rule
 * model decide this step (a {@code fallback} row); a used-up token budget does so at once (the
 * language model's {@code budget} row says why). A valid action becomes the events of rule agents:
 * CLICK (val = true utility from ground truth), CONSUME, RATE, LIKE, SHARE, COMMENT, FOLLOW, SKIP,
 * MESSAGE and LEAVE, with searches through {@link SocialActions}; a feed command (feedCommands on)
 * is no event: the model hands its text to the wrapper's parser ({@link FeedCommandSpeaker}). Then memory, satisfaction and,
 * every {@code reflection.every} sessions, one reflection call.
 *
 * <p><b>Rows.</b> Every attempt is a {@link ModelCall}; {@code attempt} numbers the rows of one
 * agent's step in order (tries, the fallback row, then reflection calls). Answers that fail
 * validation are relabelled {@code invalid} unless they came from the response cache.
 *
 * <p>Thread-safe for steps of different agents: each step touches only its own agent and its own
 * {@link LlmStep}; draws come from {@code (users.llm, user, tick)}.
 */
final class DecisionOutcomes {

    static final long REACT = RandomStreams.purpose("users.llm");

    private final LlmUserModel.Params p;
    private final RuleUserModel rule;
    private final LanguageModel lm;
    private final PromptBuilder prompts;
    private final Consumption consumption;
    private final SocialActions social;
    private final LlmAgent[] agents;
    /** Users whose step this tick the LLM decided (not the rule model); each written by its own step. */
    private final boolean[] llmDecided;

    DecisionOutcomes(LlmUserModel.Params p, RuleUserModel rule, LanguageModel lm, PromptBuilder prompts,
            Consumption consumption, SocialActions social, LlmAgent[] agents, boolean[] llmDecided) {
        this.p = p;
        this.rule = rule;
        this.lm = lm;
        this.prompts = prompts;
        this.consumption = consumption;
        this.social = social;
        this.agents = agents;
        this.llmDecided = llmDecided;
    }

    /** User u's agent state (u is LLM-driven). */
    LlmAgent agent(int u) {
        return agents[u];
    }

    /**
     * Decides a step from its first prompt: up to two answers (the second told why the first was
     * invalid), else the rule model.
     */
    void decide(ReactContext ctx, SlateBatch slates, LlmStep st, String firstPrompt, String hash) {
        int tick = ctx.tick();
        String prompt = firstPrompt;
        int len = slates.length(st.slate);
        for (int v = 1; v <= 2; v++) {
            ChatAnswer ans = ask(ctx, st, Prompts.system(p.feedCommands()), prompt, ChatRequest.OK);
            if (ChatAnswer.BUDGET.equals(ans.outcome())) {
                fallback(ctx, slates, st, null); // the budget row says why; no fallback row
                return;
            }
            if (!ans.answered()) {
                break; // transport failure after retries: fall back
            }
            String text = ans.text().orElseThrow();
            try {
                LlmAction act = LlmAction.parse(text, len, st.followees, p.feedCommands());
                apply(ctx, slates, st, act);
                return;
            } catch (LlmAction.InvalidAnswer e) {
                if (!ans.cached()) {
                    relabelLast(st, "invalid");
                }
                prompt = Prompts.retry(firstPrompt, text, e.getMessage());
            }
        }
        record(st, tick, hash, -1, -1, 0, "fallback");
        fallback(ctx, slates, st, null);
    }

    /**
     * One question to the language model (cache, retries and budget are behind it); its llm_calls
     * rows join the step's, numbered on from the step's earlier rows.
     */
    private ChatAnswer ask(ReactContext ctx, LlmStep st, String system, String prompt, String answeredOutcome) {
        ChatAnswer a = lm.complete(new ChatRequest(system, prompt, ctx.tick(), st.user, answeredOutcome,
                ModelCall.Component.USER_AGENT));
        for (ModelCall m : a.calls()) {
            st.calls.add(m.withAttempt(++st.attempt));
        }
        return a;
    }

    /** A decision row of the step (not a call). */
    private void record(LlmStep st, int tick, String hash, int in, int out, double ms, String outcome) {
        st.calls.add(new ModelCall(tick, st.user, hash, lm.modelName(), in, out, ms, outcome, ++st.attempt,
                ModelCall.Component.USER_AGENT));
    }

    private static void relabelLast(LlmStep st, String outcome) {
        ModelCall m = st.calls.get(st.calls.size() - 1);
        st.calls.set(st.calls.size() - 1, m.withOutcome(outcome));
    }

    /**
     * The events of a valid action, then memory, satisfaction and reflection. Order within the
     * step: a search (SEARCH, then CLICK and CONSUME of the best result), the slate (CLICK, CONSUME,
     * RATE, LIKE, SHARE, COMMENT, FOLLOW, or SKIP), MESSAGE, LEAVE; a post follows in afterTick,
     * once the catalog may grow. Texts are collected in the same order.
     */
    private void apply(ReactContext ctx, SlateBatch slates, LlmStep st, LlmAction act) {
        int u = st.user;
        int tick = ctx.tick();
        int arch = consumption.archetype(ctx.world().population(), u);
        UniformRandomProvider rng = null;
        st.action = act;
        llmDecided[u] = true;
        if (act.search() != null) {
            rng = ctx.streams().stream(REACT, u, tick);
            social.search(ctx, st, act.search(), rng, arch);
        }
        if (act.choice() < 0) {
            st.events.add(u, -1, EventType.SKIP, st.slate, -1, 0f);
            st.text(tick, EventType.SKIP, -1, -1, "reason", act.reason());
        } else {
            open(ctx, slates, st, act, rng != null ? rng : ctx.streams().stream(REACT, u, tick), arch);
        }
        if (act.message() != null) {
            // no sentiment is asked for, so val = 0; the message is about no particular item
            int to = act.message().to();
            st.events.add(u, -1, EventType.MESSAGE, -1, -1, 0f, to);
            st.text(tick, EventType.MESSAGE, -1, to, "message", act.message().text());
        }
        endSession(ctx, slates, st, act.leave(), act.reason());
    }

    /** The slate item the action opens: CLICK, CONSUME, then RATE, LIKE, SHARE, COMMENT, FOLLOW as asked. */
    private void open(ReactContext ctx, SlateBatch slates, LlmStep st, LlmAction act, UniformRandomProvider rng,
            int arch) {
        World world = ctx.world();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        EventBuffer out = st.events;
        int u = st.user;
        int s = st.slate;
        int tick = ctx.tick();
        int r = act.choice();
        int item = slates.item(s, r);
        double util = consumption.utility(catalog, pop.preferences(), u, pop.dim(), item);
        out.add(u, item, EventType.CLICK, s, r, (float) util);
        st.text(tick, EventType.CLICK, item, -1, "reason", act.reason());
        double sig = consumption.appeal(arch, util);
        out.add(u, item, EventType.CONSUME, s, r, Consumption.completion(sig, rng));
        if (act.rating() != null) {
            out.add(u, item, EventType.RATE, s, r, act.rating());
        }
        if (act.like()) {
            out.add(u, item, EventType.LIKE, s, r, 1f);
        }
        if (act.share()) {
            out.add(u, item, EventType.SHARE, s, r, 1f);
        }
        if (act.comment() != null) {
            float sentiment = act.rating() != null ? (act.rating() - 3) / 2f : (float) (2 * sig - 1);
            out.add(u, item, EventType.COMMENT, s, r, sentiment);
            st.text(tick, EventType.COMMENT, item, -1, "comment", act.comment());
        }
        int creator = catalog.creator(item);
        if (act.follow() && creator >= 0 && creator < pop.size() && creator != u && !world.graph().follows(u, creator)) {
            out.add(u, item, EventType.FOLLOW, s, r, 1f, creator);
        }
        consumption.drift(pop, catalog, u, item, arch);
    }

    /** The rule model decides this step; memory and satisfaction follow what it did. */
    void fallback(ReactContext ctx, SlateBatch slates, LlmStep st, String reason) {
        rule.react(ctx, slates, st.slate, st.slate + 1, st.events).toCompletableFuture().join();
        endSession(ctx, slates, st, false, reason);
    }

    private void endSession(ReactContext ctx, SlateBatch slates, LlmStep st, boolean leave, String reason) {
        LlmAgent a = agents[st.user];
        int u = st.user;
        double sessionUtility = 0;
        boolean left = false;
        for (int i = 0; i < st.events.size(); i++) {
            if (st.events.is(i, EventType.CLICK)) {
                sessionUtility += st.events.value(i);
            }
            left |= st.events.is(i, EventType.LEAVE);
        }
        double k = p.rule().churn().smoothing();
        a.satisfaction = (float) ((1 - k) * a.satisfaction + k * sessionUtility);
        if (leave && !left) {
            st.events.add(u, -1, EventType.LEAVE, -1, -1, a.satisfaction);
        }
        Observations.Observation o = Observations.observe(ctx.world().catalog(), prompts::describe, slates, st, reason);
        a.memory.add(ctx.tick(), o.text(), o.importance());
        a.sessions++;
        LlmParams.Reflection r = p.reflection();
        if (r.every() > 0 && a.sessions % r.every() == 0 && !lm.budgetExhausted()) {
            reflect(ctx, st, a);
        }
    }

    /** One extra call summarising recent memories into an important memory; failures are skipped. */
    private void reflect(ReactContext ctx, LlmStep st, LlmAgent a) {
        String prompt = Prompts.reflection(a.profile, a.memory.last(p.reflection().window()));
        ChatAnswer ans = ask(ctx, st, Prompts.REFLECTION_SYSTEM, prompt, "reflection");
        if (!ans.answered()) {
            return;
        }
        String insight = LlmAction.insight(ans.text().orElseThrow());
        if (!insight.isBlank()) {
            a.memory.add(ctx.tick(), "Reflection: " + (insight.length() > 300 ? insight.substring(0, 300) + "..."
                    : insight), 0.9, false);
        }
    }
}
