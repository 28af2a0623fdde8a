package org.recloop.recommenders.rerank;

import java.util.Arrays;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Popularity-bias mitigation with xQuAD over a head and a long-tail group (Abdollahpouri,
 * Burke and Mobasher, FLAIRS 2019). The head holds the most clicked items that together account
 * for {@code headShare} of all clicks seen so far (learned from {@code fit}/{@code update}); the
 * rest is the long tail. Greedily, {@code score(i) = (1-λ)·rel(i) + λ·Σ_g P(g|u)·[i∈g]·Π_{j∈S}(1 -
 * [j∈g])}, with P(g|u) the (Laplace-smoothed) share of group g among the user's consumed items:
 * the first item of a group not yet on the slate gets a bonus proportional to the user's taste
 * for that group.
 */
public final class LongTailXquadReranker extends RerankingRecommender {

    /**
     * @param lambda weight of group coverage against relevance, in [0, 1]
     * @param headShare share of clicks the head group accounts for
     * @param candidates candidates asked from the base per user
     * @param base the recommender whose candidates are re-ranked
     */
    public record Params(Double lambda, Double headShare, Integer candidates, com.fasterxml.jackson.databind.JsonNode base) {
        public Params {
            lambda = Check.unit("lambda", lambda == null ? 0.5 : lambda);
            headShare = Check.unit("headShare", headShare == null ? 0.2 : headShare);
            candidates = Check.positive("candidates", candidates == null ? 50 : candidates);
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to re-rank");
            }
        }
    }

    private final double lambda;
    private final double headShare;
    private long[] clicks = new long[0];
    private volatile boolean[] head = new boolean[0];

    public LongTailXquadReranker(Recommender base, double lambda, double headShare, int candidates) {
        super(base, candidates);
        this.lambda = lambda;
        this.headShare = headShare;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        super.fit(all, ctx);
        clicks = new long[all.numItems()];
        count(all);
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        super.update(tick, ctx);
        if (clicks.length < tick.numItems()) {
            clicks = Arrays.copyOf(clicks, tick.numItems());
        }
        count(tick);
    }

    private void count(Interactions data) {
        for (int item : data.items()) {
            if (item >= clicks.length) {
                clicks = Arrays.copyOf(clicks, item + 1);
            }
            clicks[item]++;
        }
        head = headItems(clicks, headShare);
    }

    /** Items, most clicked first (ties: smaller id), until their clicks reach {@code share} of all. */
    static boolean[] headItems(long[] clicks, double share) {
        boolean[] h = new boolean[clicks.length];
        long total = 0;
        for (long c : clicks) {
            total += c;
        }
        if (total == 0) {
            return h;
        }
        Integer[] idx = new Integer[clicks.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> clicks[a] != clicks[b] ? Long.compare(clicks[b], clicks[a]) : Integer.compare(a, b));
        long acc = 0;
        for (Integer i : idx) {
            if (acc >= share * total) {
                break;
            }
            h[i] = true;
            acc += clicks[i];
        }
        return h;
    }

    /** True if the item is in the head group now. */
    public boolean isHead(int item) {
        boolean[] h = head;
        return item < h.length && h[item];
    }

    @Override
    protected int select(int user, int[] items, float[] rel, int n, int k, int[] chosen, ServeContext ctx) {
        boolean[] h = head;
        ConsumptionHistory hist = ctx.consumed();
        int inHead = 0;
        int size = hist.size(user);
        for (int i = 0; i < size; i++) {
            int it = hist.item(user, i);
            if (it < h.length && h[it]) {
                inHead++;
            }
        }
        double pHead = (inHead + 1.0) / (size + 2.0);
        double pTail = 1 - pHead;
        boolean headOnSlate = false;
        boolean tailOnSlate = false;
        boolean[] used = new boolean[n];
        int m = Math.min(k, n);
        for (int r = 0; r < m; r++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (used[j]) {
                    continue;
                }
                boolean isHead = items[j] < h.length && h[items[j]];
                double cover = isHead ? (headOnSlate ? 0 : pHead) : (tailOnSlate ? 0 : pTail);
                double sc = (1 - lambda) * rel[j] + lambda * cover;
                if (sc > bestScore) {
                    bestScore = sc;
                    best = j;
                }
            }
            used[best] = true;
            chosen[r] = best;
            if (items[best] < h.length && h[items[best]]) {
                headOnSlate = true;
            } else {
                tailOnSlate = true;
            }
        }
        return m;
    }
}
