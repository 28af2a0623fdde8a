package org.recloop.agents.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import org.recloop.agents.llm.LlmParams;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.ConversationBoard;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.react.WrappingUserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.World;

/**
 * {@code conversational}: any user model (the {@code users} spec answers the slates, unchanged),
 * whose sessions are, with probability {@code share} (drawn per user and tick), a conversation
 * with the platform's conversational recommender ({@link RecommenderAgent}) instead: the user
 * ({@code userAgent: rule}, {@link RuleConversationUser}, or {@code llm}, {@link
 * LlmConversationUser}) asks, the agent calls its tools (the scenario's recommender, through the
 * slate it served this session; catalog search; item details) and offers items, for up to {@code
 * maxTurns} exchanges.
 *
 * <p>What a conversation leaves: its messages in the conversations table; the session's slate
 * replaced by the items offered in the conversation (source {@code conversation}, in the order
 * offered, at most the slate size, the accepted item always on it); a CLICK (val = true utility)
 * and a CONSUME on the accepted item, so the recommender learns from it and every metric counts
 * it; llm_calls rows (component {@code conversation} for the agent, {@code user_agent} for an LLM
 * user) through the run's {@link ModelCallJournal}; and its end on the run's {@link
 * ConversationBoard} for the {@code conversation} metric.
 *
 * <p>Threading and determinism: conversations run concurrently on the model's own pool (up to the
 * agent model's {@code maxConcurrent} at once; each blocks on its calls, one after the other), so
 * a slow or unreachable server costs a tick the time of its slowest conversations, not their sum.
 * Each writes only its user's slate row and its own buffers, the buffers are joined in slate
 * order and the rows handed over by user, so the log does not depend on thread count or
 * completion order.
 */
public final class ConversationalUserModel extends WrappingUserModel {

    static final long CONVERSE = RandomStreams.purpose("agents.conversation.start");

    /**
     * @param users the user model that answers the slates outside conversations (a component spec)
     * @param share chance an active user's session is a conversation
     * @param maxTurns exchanges before the conversation ends as {@code timeout}
     * @param maxToolCalls tool calls of the agent per turn before it must answer
     * @param offer items the agent may offer per turn (and {@code recommend}'s default k)
     * @param recallK the k of recall@k: an accepted item counts when among the user's true top k
     * @param userAgent {@code rule} (templates, cheap) or {@code llm} (a chat model plays the user)
     * @param search the agent's search tool: {@code minilm} (the MiniLM index of item texts, as LLM
     *     agents' searches) or {@code titles} (title substring, or "topic T"; no model to load)
     * @param acceptTop the rule user accepts an item among its true top {@code acceptTop} unconsumed items
     * @param model the recommender agent's chat model
     * @param userModel the LLM user's chat model (default: {@code model})
     * @param cache the response cache of both (relative to the scenario's folder)
     * @param budget their token budget; once used up every turn falls back
     */
    public record Params(JsonNode users, Double share, Integer maxTurns, Integer maxToolCalls, Integer offer,
            Integer recallK, String userAgent, String search, Integer acceptTop, org.recloop.core.lm.ChatProvider model,
            org.recloop.core.lm.ChatProvider userModel, org.recloop.core.lm.ResponseCacheParams cache, LlmParams.Budget budget) {
        public Params {
            if (users == null || users.isNull()) {
                throw new InvalidParameterException("users", "is required: the user model that answers the slates"
                        + " outside conversations, e.g. {type: mnl}");
            }
            share = Check.unit("share", share == null ? 0.2 : share);
            maxTurns = Check.atMost("maxTurns", Check.positive("maxTurns", maxTurns == null ? 4 : maxTurns), 50);
            maxToolCalls = Check.atMost("maxToolCalls",
                    Check.positive("maxToolCalls", maxToolCalls == null ? 3 : maxToolCalls), 20);
            offer = Check.atMost("offer", Check.positive("offer", offer == null ? 3 : offer), 20);
            recallK = Check.positive("recallK", recallK == null ? 10 : recallK);
            userAgent = userAgent == null ? "rule" : userAgent;
            if (!userAgent.equals("rule") && !userAgent.equals("llm")) {
                throw new InvalidParameterException("userAgent", "must be 'rule' or 'llm', was '" + userAgent + "'");
            }
            search = search == null ? "minilm" : search;
            if (!search.equals("minilm") && !search.equals("titles")) {
                throw new InvalidParameterException("search", "must be 'minilm' or 'titles', was '" + search + "'");
            }
            acceptTop = Check.positive("acceptTop", acceptTop == null ? 20 : acceptTop);
            model = model == null ? org.recloop.core.lm.ChatProvider.defaults() : model;
            userModel = userModel == null ? model : userModel;
            cache = cache == null ? new org.recloop.core.lm.ResponseCacheParams(null, null) : cache;
            budget = budget == null ? new LlmParams.Budget(null) : budget;
        }

        /** The agent's and the LLM user's chat models (the latter empty for rule users), cache resolved. */
        public List<Optional<ChatModelSpec>> specs(java.util.function.Function<String, java.nio.file.Path> files) {
            Optional<java.nio.file.Path> path = cache.path() == null ? Optional.empty()
                    : Optional.of(files.apply(cache.path()));
            boolean replay = cache.mode().equals("replay");
            // baseUrlsFile, like the cache, relative to the scenario's folder
            return List.of(Optional.of(model.spec(files, "model", path, replay, budget.maxTokens())), userAgent.equals("llm")
                    ? Optional.of(userModel.spec(files, "userModel", path, replay, budget.maxTokens())) : Optional.empty());
        }
    }

    private final Params p;
    private final ChatModelSpec agentSpec;
    private final Optional<ChatModelSpec> userSpec;
    private final Capabilities capabilities;
    private final Map<Integer, List<ConversationTurn>> turns = new ConcurrentSkipListMap<>();
    private final Map<Integer, List<ModelCall>> calls = new ConcurrentSkipListMap<>();
    private LanguageModel agentModel;
    private LanguageModel userModel;
    private org.recloop.agents.llm.CatalogTextSearch semantic;
    private java.util.concurrent.ExecutorService pool;
    private LanguageModels own; // made outside a run: closed with this model

    public ConversationalUserModel(Params p, UserModel inner, List<Optional<ChatModelSpec>> specs,
            Capabilities capabilities) {
        super(inner);
        this.p = Objects.requireNonNull(p, "p");
        this.agentSpec = specs.get(0).orElseThrow();
        this.userSpec = specs.get(1);
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public void init(World w, RandomStreams streams) {
        inner.init(w, streams);
        LanguageModels models = capabilities.capability(LanguageModels.class).orElse(null);
        if (models == null) { // made outside a run (a tool, a test): language models of its own, from the environment
            models = own = new org.recloop.agents.llm.LangChainLanguageModels(
                    org.recloop.agents.llm.Environment.system(), streams);
        }
        agentModel = models.chat(agentSpec);
        userModel = userSpec.map(models::chat).orElse(null);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        pool = java.util.concurrent.Executors.newFixedThreadPool(agentSpec.maxConcurrent(), r -> {
            Thread t = new Thread(r, "recloop-conversation-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        semantic = p.search().equals("minilm") ? new org.recloop.agents.llm.CatalogTextSearch(models) : null;
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        // runs of ordinary sessions go to the inner model, each into its own buffer; conversations
        // answer in between; the buffers are joined in slate order once all are done
        List<EventBuffer> parts = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int s = from;
        while (s < to) {
            int e = s;
            while (e < to && !converses(ctx, slates.user(e))) {
                e++;
            }
            if (e > s) {
                EventBuffer b = new EventBuffer(Math.max(16, 2 * (e - s)));
                parts.add(b);
                pending.add(inner.react(ctx, slates, s, e, b).toCompletableFuture());
            }
            if (e < to) {
                EventBuffer b = new EventBuffer(16);
                parts.add(b);
                int slate = e;
                pending.add(CompletableFuture.runAsync(() -> converse(ctx, slates, slate, b), pool));
                e++;
            }
            s = e;
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (EventBuffer b : parts) {
                out.addAll(b);
            }
        });
    }

    private boolean converses(ReactContext ctx, int user) {
        return p.share() > 0 && ctx.streams().uniform(CONVERSE, user, ctx.tick()) < p.share();
    }

    private void converse(ReactContext ctx, SlateBatch slates, int s, EventBuffer out) {
        int user = slates.user(s);
        int[] served = new int[slates.length(s)];
        for (int r = 0; r < served.length; r++) {
            served[r] = slates.item(s, r);
        }
        RuleConversationUser rules = new RuleConversationUser(ctx.world(), p.acceptTop());
        ConversationUser side = userModel == null ? rules : new LlmConversationUser(ctx.world(), userModel, rules);
        Conversation.Outcome o = Conversation.run(ctx.world(), ctx.tick(), user, served,
                new RecommenderAgent(agentModel, p.maxToolCalls(), p.offer()), side, p.maxTurns(), p.offer(),
                p.recallK(), semantic);
        // the conversation's slate: the items offered, in order, the accepted one always on it
        List<Integer> shown = new ArrayList<>(o.offered());
        int accepted = o.ended().accepted();
        if (shown.size() > slates.k()) {
            shown = new ArrayList<>(shown.subList(0, slates.k()));
            if (accepted >= 0 && !shown.contains(accepted)) {
                shown.set(slates.k() - 1, accepted);
            }
        }
        slates.clear(s);
        for (int r = 0; r < shown.size(); r++) {
            slates.set(s, r, shown.get(r), 1f - (float) r / shown.size(), 1f, SlateSource.CONVERSATION);
        }
        if (accepted >= 0) {
            int pos = shown.indexOf(accepted);
            out.add(user, accepted, EventType.CLICK, s, pos, ctx.world().population().trueScore(ctx.world().catalog(),
                    user, accepted));
            out.add(user, accepted, EventType.CONSUME, s, pos, 1f);
        }
        turns.put(user, o.rows());
        ModelCallJournal journal = capabilities.capability(ModelCallJournal.class).orElse(null);
        if (journal != null) {
            journal.record(o.calls());
        } else if (!o.calls().isEmpty()) {
            calls.put(user, o.calls());
        }
        capabilities.capability(ConversationBoard.class).ifPresent(b -> b.post(ctx.tick(), o.ended()));
    }

    @Override
    public List<ConversationTurn> drainConversations() {
        List<ConversationTurn> all = new ArrayList<>(inner.drainConversations());
        turns.values().forEach(all::addAll);
        turns.clear();
        return all;
    }

    @Override
    public List<ModelCall> drainModelCalls() {
        List<ModelCall> all = new ArrayList<>(inner.drainModelCalls());
        calls.values().forEach(all::addAll);
        calls.clear();
        return all;
    }

    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        super.clickProbabilities(ctx, slates, from, to, out);
        // a conversation replaces its session's slate: the served slate's probabilities are not its truth
        for (int s = from; s < to; s++) {
            if (converses(ctx, slates.user(s))) {
                java.util.Arrays.fill(out, s * slates.k(), (s + 1) * slates.k(), Float.NaN);
            }
        }
    }

    /**
     * False: a conversation's end goes to the run's {@link ConversationBoard} and its llm_calls rows
     * to the run's {@link ModelCallJournal}, and on an executor's copy of the run those are the
     * copy's, which nobody reads; an engine that runs the users elsewhere would lose them, so it
     * refuses this model.
     */
    @Override
    public boolean movesUserState() {
        return false;
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (own != null) {
            own.close();
        }
        super.close();
    }
}
