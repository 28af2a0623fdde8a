package org.recloop.recommenders.content;

import java.util.Arrays;
import org.recloop.core.world.Catalog;

/**
 * An exact retrieval index for scores {@code θ·a_i} with non-negative profile weights: the items
 * grouped by their dominant attribute (and, for items with a second attribute of at least {@link
 * #SPLIT}, by that one too), each group in descending order of the dominant attribute, cut into
 * blocks of at most {@link #BLOCK} items, and per block the maximum of every attribute, {@code
 * M_bf = max_{i ∈ b} a_if}, and its leader (the item with the largest dominant attribute).
 *
 * <p>Why the bound is exact for floats, with no epsilon: a score is the float sum {@code
 * (((0 + θ_0·a_0) + θ_1·a_1) + ...)} (zero weights skipped), and a bound is that same sum over
 * {@code M_b}. Rounding to nearest is non-decreasing, so for {@code θ_f ≥ 0} and {@code a_if ≤
 * M_bf} every product and every partial sum of the item is at most the bound's, and the computed
 * score of every item of the block is at most the computed bound, bit for bit. Blocks of items
 * with equal attributes (the one-hot items of the Chaney world) have bounds equal to their scores.
 *
 * <p>It pays when items are concentrated on few attributes, as in the Chaney et al. world
 * (nearly one-hot items): the search starts at the block whose leader scores highest, and most
 * other blocks are bounded away (on the study's 10,000-item catalog, with users who consumed their
 * best items, a few hundred items are scored per user). Mixed items get blocks of their own because one of them in a block of nearly
 * one-hot items would lift that block's maxima in its second attribute. {@link #tight} says whether the catalog is such; otherwise serving stays dense.
 * Immutable once built; shared by every serving thread until the catalog changes ({@link
 * #matches}).
 */
final class AttributeBlocks {

    /** Items per block: small enough for tight maxima, large enough that a block fills a top 10. */
    static final int BLOCK = 32;
    /**
     * The index is used when a uniform profile's bounds, summed over the items, exceed their
     * scores by at most this factor ({@link #tight}); one-hot catalogs are near 1, dense random
     * attributes several times that.
     */
    static final double MAX_LOOSENESS = 1.5;
    /** A second attribute at least this large puts an item among the mixed items of its two attributes. */
    static final float SPLIT = 0.01f;

    private final float[] source;
    private final int items;
    private final int dim;
    private final boolean usable;
    /** Item ids by block, ascending within a block. */
    final int[] blockItems;
    /** Block b is {@code blockItems[starts[b] .. starts[b + 1])}. */
    final int[] starts;
    /**
     * {@code columns[b * dim + f][j]}: attribute f of the j-th item of block b; one array per
     * block and attribute, starting at 0, so that scoring a block is one vectorised multiply-add
     * per non-zero weight (as in {@link FeatureMajor}).
     */
    private final float[][] columns;
    /** {@code maxima[f][b]}: the largest attribute f in block b, feature-major for vectorised bounds. */
    private final float[][] maxima;
    /**
     * The first block of each group of nearly pure items (no second attribute of SPLIT or more),
     * or of every group when there are none: the candidates for the first block to search.
     */
    private final int[] heads;
    /** {@code leaders[f][h]}: attribute f of the first item of block {@code heads[h]}, its largest dominant value. */
    private final float[][] leaders;

    private AttributeBlocks(float[] source, int items, int dim) {
        this.source = source;
        this.items = items;
        this.dim = dim;
        boolean ok = true;
        for (int i = 0; i < items * dim; i++) {
            ok &= Float.isFinite(source[i]) && source[i] >= 0;
        }
        int[] dom = dominant(source, items, dim);
        int[] order = byDominant(source, dom, items, dim);
        int[] cuts = cuts(source, order, dom, items, dim);
        int nb = cuts.length - 1;
        blockItems = order;
        starts = cuts;
        columns = new float[nb * dim][];
        maxima = new float[dim][nb];
        heads = heads(source, order, cuts, dom, dim);
        leaders = new float[dim][heads.length];
        for (int h = 0; h < heads.length; h++) {
            int leader = order[cuts[heads[h]]]; // the largest dominant value of its block (not yet sorted by id)
            for (int f = 0; f < dim; f++) {
                leaders[f][h] = source[leader * dim + f];
            }
        }
        for (int b = 0; b < nb; b++) {
            Arrays.sort(blockItems, starts[b], starts[b + 1]);
            for (int f = 0; f < dim; f++) {
                columns[b * dim + f] = new float[starts[b + 1] - starts[b]];
            }
            for (int p = starts[b]; p < starts[b + 1]; p++) {
                int i = blockItems[p];
                for (int f = 0; f < dim; f++) {
                    float v = source[i * dim + f];
                    columns[b * dim + f][p - starts[b]] = v;
                    maxima[f][b] = p == starts[b] ? v : Math.max(maxima[f][b], v);
                }
            }
        }
        this.usable = ok && items > 0 && items < 1 << 24 && looseness() <= MAX_LOOSENESS;
    }

    /** {@code cached} if it still describes the catalog's first {@code items} items, else a new index. */
    static AttributeBlocks of(AttributeBlocks cached, Catalog cat, int items) {
        return cached != null && cached.matches(cat, items) ? cached : new AttributeBlocks(cat.features(), items,
                cat.dim());
    }

    boolean matches(Catalog cat, int n) {
        return source == cat.features() && items == n && dim == cat.dim();
    }

    /** Whether the index serves: finite non-negative attributes, concentrated enough to prune. */
    boolean tight() {
        return usable;
    }

    int blocks() {
        return starts.length - 1;
    }

    /**
     * Item ids ordered by dominant attribute (the first largest); within it, items with a second
     * attribute of at least {@link #SPLIT} by that attribute (so a block of such mixed items shares
     * both strong attributes and its maxima stay tight), then by the dominant value descending,
     * then by id.
     */
    private static int[] byDominant(float[] a, int[] dom, int items, int dim) {
        int[] groupStart = new int[dim + 1];
        for (int i = 0; i < items; i++) {
            groupStart[dom[i] + 1]++;
        }
        for (int f = 0; f < dim; f++) {
            groupStart[f + 1] += groupStart[f];
        }
        int[] byGroup = new int[items];
        int[] fill = Arrays.copyOf(groupStart, dim);
        for (int i = 0; i < items; i++) {
            byGroup[fill[dom[i]]++] = i;
        }
        int[] out = new int[items];
        long[] keys = new long[items];
        for (int f = 0; f < dim; f++) {
            int from = groupStart[f];
            int to = groupStart[f + 1];
            for (int p = from; p < to; p++) {
                int i = byGroup[p];
                // descending value: the complement of its bits (non-negative floats order as
                // their bits); a catalog with negative or NaN attributes gets an order it never uses
                int bits = Float.floatToIntBits(Math.max(0f, a[i * dim + f])) & 0x7fffffff;
                keys[p] = ((long) mixedWith(a, i, f, dim) << 55) | ((long) (0x7fffffff - bits) << 24) | (p - from);
            }
            Arrays.sort(keys, from, to);
            for (int p = from; p < to; p++) {
                out[p] = byGroup[from + (int) (keys[p] & 0xffffff)];
            }
        }
        return out;
    }

    /** 0, or 1 + the item's second-largest attribute when it is at least SPLIT (catalogs of up to 255 attributes). */
    private static int mixedWith(float[] a, int i, int dom, int dim) {
        if (dim > 255) {
            return 0;
        }
        int second = -1;
        for (int f = 0; f < dim; f++) {
            if (f != dom && (second < 0 || a[i * dim + f] > a[i * dim + second])) {
                second = f;
            }
        }
        return second >= 0 && a[i * dim + second] >= SPLIT ? second + 1 : 0;
    }

    /** Block boundaries: runs of at most BLOCK items with one dominant attribute and one second strong one. */
    private static int[] cuts(float[] a, int[] order, int[] dom, int items, int dim) {
        int[] cuts = new int[items + 1];
        int nb = 0;
        int prev = -1;
        int inBlock = 0;
        for (int p = 0; p < items; p++) {
            int i = order[p];
            int group = dom[i] * 256 + mixedWith(a, i, dom[i], dim);
            if (group != prev || inBlock == BLOCK) {
                cuts[nb++] = p;
                inBlock = 0;
                prev = group;
            }
            inBlock++;
        }
        cuts[nb++] = items;
        return Arrays.copyOf(cuts, nb);
    }

    /** The first block of each pure group, or of each group if no group is pure. */
    private static int[] heads(float[] a, int[] order, int[] cuts, int[] dom, int dim) {
        int nb = cuts.length - 1;
        int[] pure = new int[nb];
        int[] any = new int[nb];
        int np = 0;
        int na = 0;
        int prev = -1;
        for (int b = 0; b < nb; b++) {
            int i = order[cuts[b]];
            int mixed = mixedWith(a, i, dom[i], dim);
            int group = dom[i] * 256 + mixed;
            if (group != prev) {
                any[na++] = b;
                if (mixed == 0) {
                    pure[np++] = b;
                }
                prev = group;
            }
        }
        return np > 0 ? Arrays.copyOf(pure, np) : Arrays.copyOf(any, na);
    }

    /** Each item's dominant attribute: the first largest. */
    private static int[] dominant(float[] a, int items, int dim) {
        int[] dom = new int[items];
        for (int i = 0; i < items; i++) {
            int top = 0;
            for (int f = 1; f < dim; f++) {
                if (a[i * dim + f] > a[i * dim + top]) {
                    top = f;
                }
            }
            dom[i] = top;
        }
        return dom;
    }

    /**
     * Σ over blocks of |b|·Σ_f M_bf against Σ_i Σ_f a_if: how far a uniform profile's bounds
     * exceed its scores on average (1 when every block's items are alike).
     */
    double looseness() {
        double bound = 0;
        double score = 0;
        for (int b = 0; b < blocks(); b++) {
            for (int f = 0; f < dim; f++) {
                bound += (double) maxima[f][b] * (starts[b + 1] - starts[b]);
            }
        }
        for (int i = 0; i < items * dim; i++) {
            score += source[i];
        }
        return score > 0 ? bound / score : Double.POSITIVE_INFINITY;
    }

    /**
     * {@code out[b]} = the float sum {@code Σ_f θ_f·M_bf} over the weights {@code w} at
     * attributes {@code at} ({@code nnz} of them, ascending attributes: the non-zero weights),
     * summed in that order like every score.
     */
    void bounds(float[] w, int[] at, int nnz, float[] out) {
        int nb = blocks();
        Arrays.fill(out, 0, nb, 0f);
        for (int j = 0; j < nnz; j++) {
            float t = w[j];
            float[] x = maxima[at[j]];
            for (int b = 0; b < nb; b++) {
                out[b] += t * x[b];
            }
        }
    }

    /**
     * Of the {@link #heads}, the block whose leader (its item with the largest dominant attribute)
     * scores highest for the weights: the first to search. Its items are among the user's best far
     * more often than those of the block with the highest bound, whose maxima may come from items
     * mixing two attributes, so the threshold starts high and most other blocks are never scored;
     * a mixed item never scores above the better of its two attributes' pure items. {@code
     * scratch} has room for every block.
     */
    int leadingBlock(float[] w, int[] at, int nnz, float[] scratch) {
        int nh = heads.length;
        Arrays.fill(scratch, 0, nh, 0f);
        for (int j = 0; j < nnz; j++) {
            float t = w[j];
            float[] x = leaders[at[j]];
            for (int h = 0; h < nh; h++) {
                scratch[h] += t * x[h];
            }
        }
        int best = 0;
        for (int h = 1; h < nh; h++) {
            if (scratch[h] > scratch[best]) {
                best = h;
            }
        }
        return heads[best];
    }

    /**
     * {@code out[j]} = the score of {@code blockItems[starts[b] + j]}: per item the float sum over
     * the non-zero weights in ascending attribute order, as {@link FeatureMajor} sums it.
     */
    void score(int b, float[] w, int[] at, int nnz, float[] out) {
        int len = starts[b + 1] - starts[b];
        Arrays.fill(out, 0, len, 0f);
        int o = b * dim;
        for (int j = 0; j < nnz; j++) {
            axpy(w[j], columns[o + at[j]], out, len);
        }
    }

    /** {@code y[i] += t·x[i]} for {@code i < len}: both arrays from 0, so the loop vectorises. */
    private static void axpy(float t, float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += t * x[i];
        }
    }
}
