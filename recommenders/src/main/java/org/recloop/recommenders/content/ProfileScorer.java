package org.recloop.recommenders.content;

import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;

/**
 * The scores {@code θ_u·a_i} of {@code content-nnls} for one recommend call: dense through {@link
 * FeatureMajor}, and searchable block by block through {@link AttributeBlocks} for every user
 * whose profile is finite and non-negative (every NNLS profile), when it is given an index (the
 * recommender gives one for {@linkplain AttributeBlocks#tight tight} catalogs). Both paths give
 * the same floats: each sum runs over the non-zero weights in ascending attribute order, which is
 * the dense scorer's order (it skips zero weights too). Users without a profile get random
 * slates. One thread; keeps the last user's non-zero weights.
 */
final class ProfileScorer implements ItemScorer.Bounded {

    private final float[][] profiles;
    private final int numItems;
    private final FeatureMajor.Block dense;
    /** Null when the index would not prune or does not apply (then every user is scored densely). */
    private final AttributeBlocks index;
    private final float[] weights;
    private final int[] at;
    private int nnz;
    private float[] scratch = new float[0];
    private int weightsOf = -1;

    ProfileScorer(float[][] profiles, int numItems, FeatureMajor features, AttributeBlocks index, int dim) {
        this.profiles = profiles;
        this.numItems = numItems;
        this.dense = features.block();
        this.index = index;
        this.weights = new float[dim];
        this.at = new int[dim];
    }

    @Override
    public int scoredItems() {
        return numItems;
    }

    @Override
    public Fallback fallback() {
        return Fallback.random();
    }

    @Override
    public boolean knows(int u) {
        return u < profiles.length && profiles[u] != null;
    }

    @Override
    public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
        dense.score(profiles, users, count, i0, i1, out, stride);
    }

    /** The index covers finite profiles without negative weights (the bound needs θ ≥ 0). */
    @Override
    public boolean bounded(int user) {
        if (index == null) {
            return false;
        }
        for (float w : profiles[user]) {
            if (!(w >= 0 && w < Float.POSITIVE_INFINITY)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int[] blockItems() {
        return index.blockItems;
    }

    @Override
    public int[] blockStarts() {
        return index.starts;
    }

    @Override
    public void blockBounds(int user, float[] out) {
        load(user);
        index.bounds(weights, at, nnz, out);
    }

    @Override
    public int firstBlock(int user) {
        load(user);
        if (scratch.length < index.blocks()) {
            scratch = new float[index.blocks()];
        }
        return index.leadingBlock(weights, at, nnz, scratch);
    }

    @Override
    public void scoreBlock(int user, int b, float[] out) {
        load(user);
        index.score(b, weights, at, nnz, out);
    }

    /** The user's non-zero weights in ascending attribute order (cached for the user's blocks). */
    private void load(int user) {
        if (user == weightsOf) {
            return;
        }
        float[] th = profiles[user];
        nnz = 0;
        for (int f = 0; f < th.length; f++) {
            if (th[f] != 0) {
                weights[nnz] = th[f];
                at[nnz++] = f;
            }
        }
        weightsOf = user;
    }
}
