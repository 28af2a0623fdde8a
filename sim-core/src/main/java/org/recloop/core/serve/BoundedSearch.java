package org.recloop.core.serve;

import org.recloop.core.world.ConsumptionHistory;

/**
 * Exact top k of one user over an {@link ItemScorer.Bounded} index: the block the scorer names
 * {@linkplain ItemScorer.Bounded#firstBlock first} is scored first, which fills the top k with
 * good items and so sets a high threshold; then every other block is scored
 * only if it could still put an item into the top k, that is unless its bound and first id rank
 * no higher than the worst kept pair ({@link TopK#admits}). The threshold only rises, so a block
 * skipped once could never have contributed later.
 *
 * <p>Why it is exact: the top k under (score descending, id ascending) is one fixed set of items
 * whatever the order they are offered in, and an item of a skipped block has a score at most its
 * block's bound and an id at least the block's first, so it would not have been admitted. Ties at
 * the threshold are therefore decided as in the dense scan: by the smaller id. Items are checked
 * against {@link SlateRanker#excluded}'s rules exactly as there, and only when they would enter.
 *
 * <p>Order of the work: a user costs the bounds, one pass over them (from the first block on,
 * wrapping around) and the blocks actually scored. Starting from the block with the highest bound
 * instead, and visiting the rest in descending order of bound (a binary heap, or sorting the
 * blocks left after the first), cost more than it saved on the Chaney world: the highest bounds
 * belong to blocks of items mixing two attributes, whose maxima overstate every one of their
 * items, and once the first block has set the threshold the order hardly changes what is scored. Buffers are kept between calls; one instance per thread (the {@link
 * SlateRanker}'s).
 */
final class BoundedSearch {

    private float[] bounds = new float[0];
    private float[] blockScores = new float[0];
    /** The index the cached block facts below describe (same {@code blockStarts} array). */
    private int[] indexStarts;
    private int[] firstItem = new int[0];

    /**
     * Offers the user's best items of {@code [0, n)} that pass the exclusion rules to {@code top}
     * (reset by the caller), the same set as offering every item in id order.
     */
    void search(ItemScorer.Bounded scorer, int u, int n, TopK top, ServeContext ctx, ConsumptionHistory consumed) {
        int[] items = scorer.blockItems();
        int[] starts = scorer.blockStarts();
        int nb = starts.length - 1;
        prepare(items, starts, nb);
        float[] bound = bounds;
        scorer.blockBounds(u, bound);
        if (nb == 0) {
            return;
        }
        int best = scorer.firstBlock(u);
        // from the first block on, wrapping around: an index keeps alike blocks together, so when
        // the first leaves the top short (its items consumed, say) its neighbours fill it well
        for (int q = 0; q < nb; q++) {
            int b = best + q < nb ? best + q : best + q - nb;
            if (top.admits(firstItem[b], bound[b])) {
                visit(scorer, b, u, n, top, ctx, consumed);
            }
        }
    }

    /** Scores block b and offers the items that would enter and are not excluded. */
    private void visit(ItemScorer.Bounded scorer, int b, int u, int n, TopK top, ServeContext ctx,
            ConsumptionHistory consumed) {
        int[] items = scorer.blockItems();
        int from = scorer.blockStarts()[b];
        int len = scorer.blockStarts()[b + 1] - from;
        float[] sc = blockScores;
        scorer.scoreBlock(u, b, sc);
        for (int j = 0; j < len; j++) {
            int item = items[from + j];
            float s = sc[j];
            // s == s: NaN scores are never served, as in the dense scan
            if (s == s && item < n && top.admits(item, s) && !SlateRanker.blocked(ctx, consumed, u, item)) {
                top.offer(item, s);
            }
        }
    }

    /** Sizes the buffers and caches each block's first item, once per index. */
    private void prepare(int[] items, int[] starts, int nb) {
        if (bounds.length < nb) {
            bounds = new float[nb];
        }
        if (starts == indexStarts) {
            return;
        }
        int longest = 0;
        firstItem = new int[nb];
        for (int b = 0; b < nb; b++) {
            longest = Math.max(longest, starts[b + 1] - starts[b]);
            firstItem[b] = starts[b] < starts[b + 1] ? items[starts[b]] : Integer.MAX_VALUE;
        }
        if (blockScores.length < longest) {
            blockScores = new float[longest];
        }
        indexStarts = starts;
    }
}
