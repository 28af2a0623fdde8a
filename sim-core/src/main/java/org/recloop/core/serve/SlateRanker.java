package org.recloop.core.serve;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.Purposes;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The one slate ranker of the scoring recommenders: from an {@link ItemScorer}'s scores it keeps
 * each user's top k items that pass the {@linkplain #excluded exclusion step}, best first, ties to
 * the smaller id ({@link TopK}), and fills what the scores leave from the scorer's {@link
 * Fallback}; before a model exists it serves {@linkplain #serveRandom random slates}.
 *
 * <p>Recommenders that keep their own slates (bandits, re-rankers, remote services) still call
 * {@link #excluded}, so every rule on what a user may be shown lives in that one method.
 *
 * <p>Speed: users are scored in blocks of 64 against blocks of 512 items (the item block stays in
 * cache), the top-k admission threshold is hoisted out of the item loop, and the consumed check
 * (a binary search) runs only for items that would enter the top k. Buffers are primitive arrays
 * kept per thread and reused across calls, so serving allocates nothing per slate. A dense scorer
 * that is also {@link ItemScorer.Bounded} is searched block by block ({@link BoundedSearch}) for
 * the users its bounds cover: the same slates without scoring every item.
 *
 * <p>Determinism: the result depends only on the scores, the consumption history and, for random
 * slates, the serve stream of (user, tick); never on blocks, chunks or threads. NaN scores are
 * never served.
 */
public final class SlateRanker {

    static final int USER_BLOCK = 64;
    static final int ITEM_BLOCK = 512;
    private static final int GROUP = 4;

    /** Buffers of the thread's last call; a nested call (a wrapper serving inside) makes its own. */
    private static final ThreadLocal<SlateRanker> LOCAL = new ThreadLocal<>();

    private final int k;
    private final TopK[] tops = new TopK[USER_BLOCK];
    private final int[] outItems;
    private final float[] outScores;
    private final float[] scores = new float[USER_BLOCK * ITEM_BLOCK];
    private final int[] users = new int[USER_BLOCK];
    private final int[] slateOf = new int[USER_BLOCK];
    private final int[] one = new int[1];
    private SparseScores sparse = new SparseScores(0);
    private final BoundedSearch bounded = new BoundedSearch();
    private final TopK searchTop;
    private float[] candidateScores = new float[0];
    private long[] order = new long[0];
    private boolean busy;

    private SlateRanker(int k) {
        this.k = k;
        for (int b = 0; b < USER_BLOCK; b++) {
            tops[b] = new TopK(k);
        }
        searchTop = new TopK(k);
        outItems = new int[k];
        outScores = new float[k];
    }

    // ---------------------------------------------------------------- shared steps

    /**
     * The exclusion and constraint step every recommender applies to every item it serves: false
     * only for an item of the catalog the user has not consumed, that was not retired and that no
     * exclude constraint of the user's {@linkplain ServeContext#constraints feed commands} names.
     */
    public static boolean excluded(ServeContext ctx, int user, int item) {
        return item < 0 || item >= ctx.numItems() || blocked(ctx, ctx.consumed(), user, item);
    }

    /** {@link #excluded} for an item known to be in the catalog (the ranking loops' check). */
    static boolean blocked(ServeContext ctx, ConsumptionHistory consumed, int u, int item) {
        return consumed.contains(u, item) || ctx.retired(item) || ctx.constraints().excludes(u, item);
    }

    /** Random slates for slates {@code [from, to)}: {@link #fillRandom} from the serve stream of (user, tick). */
    public static void serveRandom(SlateBatch slates, int from, int to, ServeContext ctx) {
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            UniformRandomProvider rng = ctx.streams().stream(Purposes.SERVE, u, ctx.tick());
            fillRandom(slates, s, u, ctx.numItems(), slates.k(), ctx, rng);
        }
    }

    /**
     * Fills slate {@code s} with up to k distinct random unconsumed items of {@code [0, n)}, each
     * with propensity (filled positions) / (candidates), the probability that it was put on the
     * slate, which inverse-propensity estimators need.
     */
    public static void fillRandom(SlateBatch slates, int s, int u, int n, int k, ConsumptionHistory consumed,
            UniformRandomProvider rng) {
        fillRandom(slates, s, u, n, k, new ServeContext(0, n, consumed, null), rng);
    }

    /** As above, leaving out the items {@code ctx} retired as well as the consumed ones. */
    private static void fillRandom(SlateBatch slates, int s, int u, int n, int k, ServeContext ctx,
            UniformRandomProvider rng) {
        ConsumptionHistory consumed = ctx.consumed();
        int candidates = n - consumed.size(u) - retiredUnconsumed(ctx, u, n) - constrainedAway(ctx, consumed, u, n);
        int want = Math.min(k, Math.max(0, candidates));
        if (want == 0) {
            return;
        }
        float propensity = (float) want / candidates;
        if (candidates <= 4 * k) {
            // few candidates left: partial Fisher-Yates over the explicit candidate list
            int[] cand = new int[candidates];
            int c = 0;
            for (int i = 0; i < n && c < candidates; i++) {
                if (!blocked(ctx, consumed, u, i)) {
                    cand[c++] = i;
                }
            }
            for (int r = 0; r < want; r++) {
                int j = r + rng.nextInt(candidates - r);
                int tmp = cand[r];
                cand[r] = cand[j];
                cand[j] = tmp;
                slates.set(s, r, cand[r], 0f, propensity, SlateSource.RECOMMENDER);
            }
            return;
        }
        // many candidates: rejection sampling, expected < 1.34 draws per position
        int r = 0;
        while (r < want) {
            int item = rng.nextInt(n);
            if (blocked(ctx, consumed, u, item) || onSlate(slates, s, r, item)) {
                continue;
            }
            slates.set(s, r++, item, 0f, propensity, SlateSource.RECOMMENDER);
        }
    }

    /** Retired items below n the user has not consumed (0 when nothing is retired). */
    private static int retiredUnconsumed(ServeContext ctx, int u, int n) {
        if (ctx.retiredCount() == 0) {
            return 0;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (ctx.retired(i) && !ctx.consumed().contains(u, i)) {
                c++;
            }
        }
        return c;
    }

    /** Items below n only the user's exclude constraints keep off (0 without any): one pass for such users. */
    private static int constrainedAway(ServeContext ctx, ConsumptionHistory consumed, int u, int n) {
        if (!ctx.constraints().hasExclude(u)) {
            return 0;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (ctx.constraints().excludes(u, i) && !consumed.contains(u, i) && !ctx.retired(i)) {
                c++;
            }
        }
        return c;
    }

    private static boolean onSlate(SlateBatch slates, int s, int filled, int item) {
        for (int r = 0; r < filled; r++) {
            if (slates.item(s, r) == item) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- ranking

    /** Fills slates {@code [from, to)} from the scorer's scores and fallback. */
    public static void rank(ItemScorer scorer, SlateBatch slates, int from, int to, ServeContext ctx) {
        SlateRanker r = acquire(slates.k());
        try {
            if (scorer instanceof ItemScorer.Candidates c) {
                r.rankCandidates(c, slates, from, to, ctx);
            } else if (scorer instanceof ItemScorer.Dense d) {
                r.rankDense(d, slates, from, to, ctx);
            } else {
                r.rankSparse((ItemScorer.Sparse) scorer, slates, from, to, ctx);
            }
        } finally {
            r.busy = false;
        }
    }

    private static SlateRanker acquire(int k) {
        SlateRanker r = LOCAL.get();
        if (r != null && !r.busy && r.k == k) {
            r.busy = true;
            return r;
        }
        SlateRanker fresh = new SlateRanker(k);
        if (r == null || !r.busy) {
            LOCAL.set(fresh);
        }
        fresh.busy = true;
        return fresh;
    }

    /**
     * Dense: blocks of users against blocks of items, each known user's top k kept as it goes;
     * users a {@link ItemScorer.Bounded} index covers are searched through it instead.
     */
    private void rankDense(ItemScorer.Dense scorer, SlateBatch slates, int from, int to, ServeContext ctx) {
        int n = Math.min(scorer.scoredItems(), ctx.numItems());
        Fallback fallback = scorer.fallback();
        ConsumptionHistory consumed = ctx.consumed();
        ItemScorer.Bounded index = scorer instanceof ItemScorer.Bounded b ? b : null;
        for (int s0 = from; s0 < to; s0 += USER_BLOCK) {
            int s1 = Math.min(to, s0 + USER_BLOCK);
            int nq = 0;
            for (int s = s0; s < s1; s++) {
                int u = slates.user(s);
                if (index != null && index.knows(u) && index.bounded(u)) {
                    TopK top = searchTop; // tops[] hold this block's dense users
                    top.reset(k);
                    bounded.search(index, u, n, top, ctx, consumed);
                    int r = emit(top, slates, s);
                    fillAfterScores(fallback, slates, s, u, r, n, ctx);
                } else if (scorer.knows(u)) {
                    tops[nq].reset(k);
                    slateOf[nq] = s;
                    users[nq++] = u;
                } else {
                    fillFallback(fallback, slates, s, u, 0, ctx, null);
                }
            }
            if (nq == 0) {
                continue;
            }
            for (int i0 = 0; i0 < n; i0 += ITEM_BLOCK) {
                int i1 = Math.min(n, i0 + ITEM_BLOCK);
                scorer.score(users, nq, i0, i1, scores, ITEM_BLOCK);
                for (int g = 0; g < nq; g++) {
                    offerRow(tops[g], users[g], scores, g * ITEM_BLOCK - i0, i0, i1, ctx, consumed);
                }
            }
            for (int g = 0; g < nq; g++) {
                int r = emit(tops[g], slates, slateOf[g]);
                fillAfterScores(fallback, slates, slateOf[g], users[g], r, n, ctx);
            }
        }
    }

    /**
     * Offers items {@code [i0, i1)} with scores {@code row[o + i]} that pass the threshold and
     * exclusion. Items come in ascending id order (the callers scan blocks upwards), so once the top
     * is full a score equal to the threshold cannot enter (ties go to the smaller id, already kept):
     * skipping those spares the consumed check for catalogs with many equal scores (nearly one-hot
     * attributes score many items exactly alike).
     */
    private static void offerRow(TopK top, int u, float[] row, int o, int i0, int i1, ServeContext ctx,
            ConsumptionHistory consumed) {
        float threshold = top.threshold();
        boolean full = top.full();
        for (int i = i0; i < i1; i++) {
            float sc = row[o + i];
            // the consumed check (a binary search) only for items that would enter
            if (sc >= threshold && (!full || sc > threshold) && !blocked(ctx, consumed, u, i)) {
                top.offer(i, sc);
                threshold = top.threshold();
                full = top.full();
            }
        }
    }

    /** Writes the top k of {@code top} into slate s; returns how many. */
    private int emit(TopK top, SlateBatch slates, int s) {
        int c = top.drainSorted(outItems, outScores);
        for (int r = 0; r < c; r++) {
            slates.set(s, r, outItems[r], outScores[r], 1f, SlateSource.RECOMMENDER);
        }
        return c;
    }

    /** After a dense top-k of {@code r} items: items newer than the scored ones (popularity fallback only). */
    private static void fillAfterScores(Fallback fallback, SlateBatch slates, int s, int u, int r, int scored,
            ServeContext ctx) {
        if (!fallback.isRandom() && r < slates.k()) {
            fillNewer(slates, s, u, r, Math.max(fallback.newerFrom(), scored), ctx);
        }
    }

    /**
     * Fills slate s from position r with the fallback: random slates (only for an empty slate), or
     * the popularity order (skipping items in {@code skip}) then newer items by id. An empty slate
     * is a user without scores: there the fallback's {@link ColdUsers} option decides.
     */
    private static void fillFallback(Fallback fallback, SlateBatch slates, int s, int u, int r, ServeContext ctx,
            SparseScores skip) {
        ColdUsers cold = r == 0 ? fallback.coldUsers() : ColdUsers.POPULAR;
        if (fallback.isRandom() || cold == ColdUsers.RANDOM) {
            if (r == 0) {
                fillRandom(slates, s, u, ctx.numItems(), slates.k(), ctx,
                        ctx.streams().stream(Purposes.SERVE, u, ctx.tick()));
            }
            return;
        }
        int k = slates.k();
        int[] popular = fallback.order();
        int capped = 0;
        if (cold == ColdUsers.DIVERSE && ctx.catalog() != null) {
            r = capped = fillOnePerTopic(popular, slates, s, u, ctx, skip);
        }
        for (int q = 0; q < popular.length && r < k; q++) {
            int j = popular[q];
            if ((skip == null || !skip.seen(j)) && !excluded(ctx, u, j) && !onSlate(slates, s, capped, j)) {
                slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        fillNewer(slates, s, u, r, fallback.newerFrom(), ctx);
    }

    /**
     * {@link ColdUsers#DIVERSE}'s first pass: the popularity order into an empty slate s, skipping
     * an item whose topic is already on the slate (items without a topic are never skipped for it);
     * returns how many items it placed.
     */
    private static int fillOnePerTopic(int[] popular, SlateBatch slates, int s, int u, ServeContext ctx,
            SparseScores skip) {
        int k = slates.k();
        int r = 0;
        for (int q = 0; q < popular.length && r < k; q++) {
            int j = popular[q];
            if ((skip == null || !skip.seen(j)) && !excluded(ctx, u, j) && !topicOnSlate(slates, s, r, ctx, j)) {
                slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return r;
    }

    private static boolean topicOnSlate(SlateBatch slates, int s, int filled, ServeContext ctx, int item) {
        int t = ctx.catalog().topic(item);
        if (t < 0) {
            return false;
        }
        for (int r = 0; r < filled; r++) {
            if (ctx.catalog().topic(slates.item(s, r)) == t) {
                return true;
            }
        }
        return false;
    }

    /** Items {@code first, first+1, ...} below the catalog size, from position r. */
    private static void fillNewer(SlateBatch slates, int s, int u, int r, int first, ServeContext ctx) {
        int k = slates.k();
        int n = ctx.numItems();
        for (int j = first; j < n && r < k; j++) {
            if (!excluded(ctx, u, j)) {
                slates.set(s, r++, j, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
    }

    /** Sparse: per user, the top k of the touched items, then the fallback skipping touched items. */
    private void rankSparse(ItemScorer.Sparse scorer, SlateBatch slates, int from, int to, ServeContext ctx) {
        sparse = sparse.ensure(scorer.scoredItems());
        SparseScores acc = sparse;
        int n = ctx.numItems();
        ConsumptionHistory consumed = ctx.consumed();
        Fallback fallback = scorer.fallback();
        TopK top = tops[0];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            scorer.score(u, acc);
            top.reset(k);
            for (int q = 0; q < acc.size(); q++) {
                int j = acc.touched(q);
                if (j < n && acc.score(j) >= top.threshold() && !blocked(ctx, consumed, u, j)) {
                    top.offer(j, acc.score(j));
                }
            }
            int r = emit(top, slates, s);
            if (r < k) {
                // fewer than k scored candidates: every scored one is on the slate
                fillFallback(fallback, slates, s, u, r, ctx, acc);
            }
            acc.clear();
        }
    }

    /**
     * Candidates: the known users are taken group by group (so runs of four share a group's
     * contiguous candidate block), each scored against its group's candidates, or against every
     * item when fewer than k unconsumed candidates remain.
     */
    private void rankCandidates(ItemScorer.Candidates scorer, SlateBatch slates, int from, int to,
            ServeContext ctx) {
        int n = Math.min(scorer.scoredItems(), ctx.numItems());
        Fallback fallback = scorer.fallback();
        ConsumptionHistory consumed = ctx.consumed();
        if (order.length < to - from) {
            order = new long[to - from];
        }
        int m = 0;
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (scorer.knows(u)) {
                order[m++] = ((long) scorer.groupOf(u) << 32) | s;
            } else {
                fillFallback(fallback, slates, s, u, 0, ctx, null);
            }
        }
        Arrays.sort(order, 0, m);
        int width = scorer.maxCandidates();
        if (candidateScores.length < GROUP * width) {
            candidateScores = new float[GROUP * width];
        }
        TopK top = tops[0];
        for (int a = 0; a < m;) {
            int group = (int) (order[a] >>> 32);
            int nq = 0;
            while (a < m && nq < GROUP && (int) (order[a] >>> 32) == group) {
                int s = (int) order[a++];
                slateOf[nq] = s;
                users[nq++] = slates.user(s);
            }
            int[] cand = scorer.candidates(group);
            int mc = cand.length;
            scorer.scoreCandidates(group, users, nq, candidateScores, mc);
            // candidates are in ascending id order: those below n are a prefix
            int inCatalog = mc;
            if (mc > 0 && cand[mc - 1] >= n) {
                int at = Arrays.binarySearch(cand, n);
                inCatalog = at >= 0 ? at : -1 - at; // n itself is a candidate, or where it would go
            }
            for (int g = 0; g < nq; g++) {
                int u = users[g];
                top.reset(k);
                int o = g * mc;
                float threshold = top.threshold();
                for (int c = 0; c < inCatalog; c++) {
                    float sc = candidateScores[o + c];
                    if (sc >= threshold && !blocked(ctx, consumed, u, cand[c])) {
                        top.offer(cand[c], sc);
                        threshold = top.threshold();
                    }
                }
                int found = inCatalog - Math.min(inCatalog, consumed.size(u) + ctx.retiredCount());
                if (found < k || top.size() < k && ctx.constraints().hasExclude(u)) { // commands excluded candidates
                    rescan(scorer, top, u, n, ctx, consumed);
                }
                int r = emit(top, slates, slateOf[g]);
                fillAfterScores(fallback, slates, slateOf[g], u, r, n, ctx);
            }
        }
    }

    /** Too few unconsumed candidates: every item of {@code [0, n)} scored for one user. */
    private void rescan(ItemScorer.Dense scorer, TopK top, int u, int n, ServeContext ctx, ConsumptionHistory consumed) {
        top.reset(k);
        int[] one = this.one;
        one[0] = u;
        for (int i0 = 0; i0 < n; i0 += ITEM_BLOCK) {
            int i1 = Math.min(n, i0 + ITEM_BLOCK);
            scorer.score(one, 1, i0, i1, scores, ITEM_BLOCK);
            offerRow(top, u, scores, -i0, i0, i1, ctx, consumed);
        }
    }
}
