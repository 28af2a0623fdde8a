package org.recloop.core.serve;

import java.util.Arrays;
import java.util.Optional;

/**
 * The scores of the model that serves the next slates, one user at a time over the whole catalog,
 * for measurements that need the scores of items no slate showed (the prediction shift of a
 * poisoning attack, say). Serving never goes through here: the {@link SlateRanker} reads the
 * {@link ItemScorer} directly.
 *
 * <p>Three states: the recommender does not score at all (no {@link ModelScores} capability:
 * {@link #scoring()} is false), it scores but has no model yet (before the first fit:
 * {@link #scoreAll} is false for every user), or it has scores.
 *
 * <p>Threading: one instance per tick, used on the simulation thread. The scorer is made on first
 * use, so a tick without a metric that needs scores costs nothing.
 */
public final class ServedScores {

    /** No scores (tick views built outside a run, recommenders that do not score). */
    public static final ServedScores NONE = new ServedScores(null, null);

    private final ModelScores source;
    private final ServeContext ctx;
    private Optional<ItemScorer> scorer;
    private float[] block;
    private SparseScores sparse;

    private ServedScores(ModelScores source, ServeContext ctx) {
        this.source = source;
        this.ctx = ctx;
    }

    /** The scores of {@code recommender} in {@code ctx}, or {@link #NONE} if it does not score. */
    public static ServedScores of(Recommender recommender, ServeContext ctx) {
        return recommender instanceof ModelScores m ? new ServedScores(m, ctx) : NONE;
    }

    /** Whether the recommender ranks by model scores at all (it may still have no model yet). */
    public boolean scoring() {
        return source != null;
    }

    /** The context the scores are for (null for {@link #NONE}). */
    public ServeContext context() {
        return ctx;
    }

    /**
     * Writes the user's score of every item {@code [0, out.length)} into {@code out}; items the
     * model gives no score (beyond {@link ItemScorer#scoredItems()}, or out of a sparse model's
     * reach) get {@code -Infinity}. Returns false, leaving {@code out} unspecified, when there are
     * no scores for this user: no model yet, or the model does not know the user (it would serve
     * the fallback).
     */
    public boolean scoreAll(int user, float[] out) {
        if (source == null) {
            return false;
        }
        if (scorer == null) {
            scorer = source.modelScores(ctx);
        }
        if (scorer.isEmpty()) {
            return false;
        }
        ItemScorer s = scorer.get();
        int n = Math.min(out.length, s.scoredItems());
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        if (s instanceof ItemScorer.Dense d) {
            if (!d.knows(user)) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            // room for four rows, as the Dense contract asks; one user in row 0
            if (block == null || block.length < 4 * n) {
                block = new float[4 * n];
            }
            d.score(new int[] {user}, 1, 0, n, block, n);
            System.arraycopy(block, 0, out, 0, n);
            return true;
        }
        ItemScorer.Sparse sp = (ItemScorer.Sparse) s;
        sparse = sparse == null ? new SparseScores(out.length) : sparse.ensure(out.length);
        sp.score(user, sparse);
        if (sparse.size() == 0) {
            return false;
        }
        for (int q = 0; q < sparse.size(); q++) {
            int item = sparse.touched(q);
            if (item < n) {
                out[item] = sparse.score(item);
            }
        }
        return true;
    }
}
