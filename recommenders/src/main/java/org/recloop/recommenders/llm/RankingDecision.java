package org.recloop.recommenders.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;

/**
 * One user's ranking decision in one tick, asynchronous: ask the model; an answer that is not a
 * valid ranking of the candidates ({@link RankingAnswer}) is relabelled {@code invalid} and asked
 * again once with the error; a second invalid answer, or a call that brings no answer (after the
 * language model's own retries), leaves the candidate order (a {@code fallback} row; a request the
 * token budget refused is its {@code budget} row). A position probe, when asked for, then sends the
 * candidates in a shuffled order ({@code probe} rows, no retry) and keeps the second ranking.
 *
 * <p>Rows are numbered from 1 within the decision and carry the {@code recommender} component.
 * The outcome depends only on the answers, never on when they arrive.
 */
final class RankingDecision {

    /** The answered outcome of a probe's call, to tell it from the ranking that is served. */
    static final String PROBE = "probe";

    /**
     * The decision: the order served (the model's, or the candidates' on fallback), whether the
     * model made it, the probe's order (null without a valid probe) and the llm_calls rows.
     */
    record Outcome(int user, int[] order, boolean byModel, int[] probeOrder, List<ModelCall> rows) {}

    private final LanguageModel lm;
    private final String system;
    private final int tick;
    private final int user;
    private final int[] candidates;
    private final int n;
    private final int need;
    private final List<ModelCall> rows = new ArrayList<>(3); // touched by one stage at a time

    /**
     * @param candidates candidate ids in candidate order (the first {@code n} count)
     * @param need the fewest candidates a valid answer must rank
     */
    RankingDecision(LanguageModel lm, String system, int tick, int user, int[] candidates, int n, int need) {
        this.lm = lm;
        this.system = system;
        this.tick = tick;
        this.user = user;
        this.candidates = candidates;
        this.n = n;
        this.need = need;
    }

    /**
     * Starts the decision.
     *
     * @param prompt the user message for the candidates in candidate order
     * @param probePrompt the user message for the same candidates shuffled, or null for no probe
     * @param shuffled the shuffled candidates of {@code probePrompt}
     */
    CompletableFuture<Outcome> start(String prompt, String probePrompt, int[] shuffled) {
        CompletableFuture<Outcome> main = ask(prompt, ChatRequest.OK).thenCompose(a -> {
            RankingAnswer.Result r = read(a);
            if (r == null || r.valid()) {
                return CompletableFuture.completedFuture(settle(r));
            }
            return ask(RankingPrompt.retry(prompt, r.error()), ChatRequest.OK).thenApply(b -> settle(read(b)));
        });
        if (probePrompt == null) {
            return main;
        }
        return main.thenCompose(o -> !o.byModel() ? CompletableFuture.completedFuture(o)
                : ask(probePrompt, PROBE).thenApply(p -> {
                    RankingAnswer.Result r = p.answered() ? RankingAnswer.parse(p.text().get(), shuffled, n, need) : null;
                    if (r != null && !r.valid()) {
                        relabelLast("invalid");
                    }
                    return new Outcome(user, o.order(), true, r != null && r.valid() ? r.order() : null,
                            List.copyOf(rows));
                }));
    }

    private CompletableFuture<ChatAnswer> ask(String prompt, String answeredOutcome) {
        return lm.completeAsync(new ChatRequest(system, prompt, tick, user, answeredOutcome,
                ModelCall.Component.RECOMMENDER)).thenApply(a -> {
                    for (ModelCall m : a.calls()) {
                        rows.add(m.withAttempt(rows.size() + 1));
                    }
                    return a;
                });
    }

    /** The answer read as a ranking (an invalid one relabels its row), or null when there is no answer. */
    private RankingAnswer.Result read(ChatAnswer a) {
        if (!a.answered()) {
            return null;
        }
        RankingAnswer.Result r = RankingAnswer.parse(a.text().get(), candidates, n, need);
        if (!r.valid()) {
            relabelLast("invalid");
        }
        return r;
    }

    /** The outcome of the ranking step: the model's order, or the candidate order with a fallback row. */
    private Outcome settle(RankingAnswer.Result r) {
        if (r != null && r.valid()) {
            return new Outcome(user, r.order(), true, null, List.copyOf(rows));
        }
        ModelCall last = rows.get(rows.size() - 1);
        if (!last.outcome().equals(ChatAnswer.BUDGET)) {
            rows.add(new ModelCall(tick, user, rows.get(0).promptHash(), last.model(), -1, -1, 0, "fallback",
                    rows.size() + 1, ModelCall.Component.RECOMMENDER));
        }
        return new Outcome(user, java.util.Arrays.copyOf(candidates, n), false, null, List.copyOf(rows));
    }

    private void relabelLast(String outcome) {
        rows.set(rows.size() - 1, rows.get(rows.size() - 1).withOutcome(outcome));
    }
}
