package org.recloop.recommenders.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.lm.RankingDiagnostics;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

/**
 * {@code llm-rerank}: a language model re-ranks the candidates of any registered recommender. Per
 * served user, the prompt holds the user's recent items (titles, oldest first), the candidates
 * (titles with ids) and the scenario's instructions; the answer, a JSON ranking of candidate ids,
 * orders the slate ({@link RankingAnswer} says what is valid, {@link RankingDecision} how an
 * invalid answer is retried once and then falls back to the candidate order). The calls go through
 * the kernel's language-model service, so the response cache, token budget, retries, concurrency
 * limit and redaction are those of the LLM user agents; every attempt, invalid answer and fallback
 * is an llm_calls row with component {@code recommender}.
 *
 * <p>Serving: a range's requests are all sent at once (up to the model's {@code maxConcurrent} in
 * flight) and the slates are filled once all are answered, each from its own answer: the result
 * does not depend on completion order, and a replay from the response cache serves the same slates.
 * The candidate recommender learns as usual (fit, update, observe are forwarded).
 *
 * <p>Diagnostics, posted on the run's {@link RankingDiagnostics} for the {@code llm-ranking-bias}
 * metric: the candidates and the model's top of each ranked slate (popularity bias), fallbacks,
 * and, for a seeded share {@code probeShare} of served users (default 0: a probe costs a call), the
 * model's ranking of the same candidates in a shuffled order (position bias).
 */
public final class LlmRerankRecommender implements Recommender {

    static final long PROBE_SAMPLE = RandomStreams.purpose("recommender.llm.probe");
    static final long PROBE_SHUFFLE = RandomStreams.purpose("recommender.llm.probe.shuffle");

    /**
     * @param candidates the recommender whose candidates are re-ranked (a component spec; any type)
     * @param candidateCount candidates asked from it per user (at least the slate size is asked)
     * @param historyLength recent items of the user shown in the prompt
     * @param instructions what the model is told to do (the answer format is always appended)
     * @param probeShare share of served users whose candidates are asked again shuffled, to
     *     measure position bias (one more call each); 0 = off
     * @param model the chat model (server, call policy, response cache, token budget)
     */
    public record Params(JsonNode candidates, Integer candidateCount, Integer historyLength, String instructions,
            Double probeShare, ChatModelParams model) {
        public Params {
            if (candidates == null || candidates.isNull()) {
                throw new InvalidParameterException("candidates", "is required: the recommender whose candidates the"
                        + " model re-ranks, e.g. {type: als}");
            }
            candidateCount = Check.atMost("candidateCount",
                    Check.positive("candidateCount", candidateCount == null ? 20 : candidateCount), 200);
            historyLength = Check.atMost("historyLength",
                    Check.nonNegative("historyLength", historyLength == null ? 10 : historyLength), 200);
            instructions = instructions == null ? RankingPrompt.DEFAULT_INSTRUCTIONS : instructions.strip();
            if (instructions.isEmpty()) {
                throw new InvalidParameterException("instructions", "must not be blank (leave it out for the default)");
            }
            probeShare = Check.unit("probeShare", probeShare == null ? 0.0 : probeShare);
            model = model == null ? ChatModelParams.defaults() : model;
        }

        /** The kernel's spec of the model, with the response cache resolved by the scenario. */
        public ChatModelSpec spec(java.util.function.Function<String, Path> files) {
            return model.spec(files, model.cache().named() ? Optional.of(files.apply(model.cache().path()))
                    : Optional.empty());
        }
    }

    private final Recommender candidates;
    private final int candidateCount;
    private final double probeShare;
    private final String system;
    private final ChatModelSpec spec;
    private final Capabilities capabilities;
    private final RecentHistory history;
    private volatile LanguageModel lm;

    /**
     * @param p the parameters
     * @param candidates the candidate recommender, made from {@code p.candidates()}
     * @param spec the chat model's spec (from {@link Params#spec})
     * @param capabilities the run's: its language models (required), call journal and diagnostics board
     */
    public LlmRerankRecommender(Params p, Recommender candidates, ChatModelSpec spec, Capabilities capabilities) {
        this.candidates = Objects.requireNonNull(candidates, "candidates");
        this.candidateCount = p.candidateCount();
        this.probeShare = p.probeShare();
        this.system = RankingPrompt.system(p.instructions());
        this.spec = Objects.requireNonNull(spec, "spec");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.history = new RecentHistory(p.historyLength());
    }

    /** The recommender the candidates come from. */
    public Recommender candidates() {
        return candidates;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        candidates.fit(all, ctx);
        history.reset();
        history.add(all);
    }

    @Override
    public void fitFromScratch(Interactions all, TrainContext ctx) {
        candidates.fitFromScratch(all, ctx);
        history.reset();
        history.add(all);
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        candidates.update(tick, ctx);
        history.add(tick);
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        candidates.observe(shown, clicks, ctx);
    }

    @Override
    public int modelVersion() {
        return candidates.modelVersion();
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        LanguageModel model = model();
        int n = to - from;
        int[] users = new int[n];
        for (int s = 0; s < n; s++) {
            users[s] = slates.user(from + s);
        }
        int c = Math.max(candidateCount, slates.k());
        SlateBatch cand = new SlateBatch(users, c);
        candidates.recommend(cand, 0, n, ctx);
        List<CompletableFuture<RankingDecision.Outcome>> pending = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            pending.add(start(model, cand, s, users[s], ctx, slates.k()));
        }
        ModelCallJournal journal = capabilities.capability(ModelCallJournal.class).orElse(null);
        RankingDiagnostics board = capabilities.capability(RankingDiagnostics.class).orElse(null);
        for (int s = 0; s < n; s++) {
            RankingDecision.Outcome o = join(pending.get(s));
            if (o == null) {
                continue;
            }
            int len = Math.min(slates.k(), o.order().length);
            for (int r = 0; r < len; r++) {
                slates.set(from + s, r, o.order()[r], 1f - (float) r / o.order().length, 1f, SlateSource.RECOMMENDER);
            }
            if (journal != null) {
                journal.record(o.rows());
            }
            if (board != null) {
                post(board, ctx.tick(), o, len);
            }
        }
    }

    /** The decision of one slate, or a completed null when no candidate is left. */
    private CompletableFuture<RankingDecision.Outcome> start(LanguageModel model, SlateBatch cand, int s, int user,
            ServeContext ctx, int k) {
        int filled = cand.length(s);
        int[] ids = new int[filled];
        int len = 0;
        for (int r = 0; r < filled; r++) {
            // the candidate recommender excluded consumed and retired items already; re-applying the
            // shared exclusion step keeps the slate under the same rules whatever it is
            if (!SlateRanker.excluded(ctx, user, cand.item(s, r))) {
                ids[len++] = cand.item(s, r);
            }
        }
        if (len == 0) {
            return CompletableFuture.completedFuture(null);
        }
        int need = Math.min(k, len);
        int[] recent = history.of(user);
        String prompt = RankingPrompt.user(ctx.catalog(), recent, ids, len, need);
        String probePrompt = null;
        int[] shuffled = null;
        if (probeShare > 0 && ctx.streams().uniform(PROBE_SAMPLE, user, ctx.tick()) < probeShare) {
            shuffled = java.util.Arrays.copyOf(ids, len);
            UniformRandomProvider rng = ctx.streams().stream(PROBE_SHUFFLE, user, ctx.tick());
            for (int i = len - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            probePrompt = RankingPrompt.user(ctx.catalog(), recent, shuffled, len, need);
        }
        return new RankingDecision(model, system, ctx.tick(), user, ids, len, need).start(prompt, probePrompt,
                shuffled);
    }

    private static void post(RankingDiagnostics board, int tick, RankingDecision.Outcome o, int len) {
        if (!o.byModel()) {
            board.fellBack(tick);
            return;
        }
        // the model's full order holds every candidate: as a set it is the candidate list
        board.ranked(tick, o.user(), o.order(), java.util.Arrays.copyOf(o.order(), len));
        if (o.probeOrder() != null) {
            board.probed(tick, o.user(), o.order(), o.probeOrder());
        }
    }

    private static RankingDecision.Outcome join(CompletableFuture<RankingDecision.Outcome> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            // a replay's cache miss (IllegalStateException) fails the run with its own message
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private LanguageModel model() {
        LanguageModel m = lm;
        if (m == null) {
            synchronized (this) {
                m = lm;
                if (m == null) {
                    m = capabilities.capability(LanguageModels.class).orElseThrow(() -> new IllegalStateException(
                            "llm-rerank needs the run's language models, which only a run grants (capability"
                                    + " LanguageModels; " + capabilities + ")")).chat(spec);
                    lm = m;
                }
            }
        }
        return m;
    }
}
