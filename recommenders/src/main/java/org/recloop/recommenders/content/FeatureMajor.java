package org.recloop.recommenders.content;

import java.util.Arrays;
import org.recloop.core.world.Catalog;

/**
 * The catalog's item attributes transposed to feature-major order (one array per attribute) for
 * items {@code [0, items)}, so that scoring a profile against a block of items is, per attribute,
 * one multiply-add over contiguous items: a loop the JIT vectorises, where the item-major dot
 * product is a serial chain of dependent additions (about ten times slower at 20 attributes).
 *
 * <p>Scores are the same floats as the item-major {@code Σ_f θ_f·a_if} summed from f = 0 up,
 * because each item's sum is still accumulated in that order (only the loop nest is swapped).
 * Immutable once built; one instance serves every thread until the catalog's feature array or
 * size changes ({@link #matches}); each thread scores through its own {@link Block}.
 */
final class FeatureMajor {

    private final float[] source;
    private final int items;
    private final int dim;
    private final float[][] byFeature;
    /** Every attribute is finite, so a zero weight adds nothing to a sum and its pass can be skipped. */
    private final boolean finite;

    private FeatureMajor(float[] source, int items, int dim) {
        this.source = source;
        this.items = items;
        this.dim = dim;
        this.byFeature = new float[dim][items];
        boolean allFinite = true;
        for (int i = 0; i < items; i++) {
            for (int f = 0; f < dim; f++) {
                float v = source[i * dim + f];
                byFeature[f][i] = v;
                allFinite &= Float.isFinite(v);
            }
        }
        this.finite = allFinite;
    }

    /** {@code cached} if it still describes the catalog's first {@code items} items, else a new transpose. */
    static FeatureMajor of(FeatureMajor cached, Catalog cat, int items) {
        return cached != null && cached.matches(cat, items) ? cached : new FeatureMajor(cat.features(), items, cat.dim());
    }

    /** Same feature array (the catalog replaces it when items are added), same size and dimension. */
    boolean matches(Catalog cat, int n) {
        return source == cat.features() && items == n && dim == cat.dim();
    }

    /** Every attribute is finite: zero weights may be skipped (and are, by the scorer). */
    boolean finite() {
        return finite;
    }

    /** Buffers for scoring on one thread. */
    Block block() {
        return new Block();
    }

    /**
     * One thread's scoring buffers: the attributes of the current item range copied to arrays
     * that start at 0, and one row of sums. Starting at 0 matters: Java 17's JIT vectorises
     * {@code y[i] += t * x[i]} but not the same loop over offset ranges of two arrays.
     */
    final class Block {
        private final float[][] slice = new float[dim][0];
        private float[] row = new float[0];

        /**
         * Writes {@code out[g * stride + (i - i0)] = Σ_f θ_f·a_if} for each profile {@code
         * profiles[users[g]]}, {@code g < count}, and items {@code [i0, i1)}, summed from f = 0 up
         * (bit for bit the item-major dot product).
         */
        void score(float[][] profiles, int[] users, int count, int i0, int i1, float[] out, int stride) {
            int len = i1 - i0;
            if (row.length < len) {
                row = new float[len];
                for (int f = 0; f < dim; f++) {
                    slice[f] = new float[len];
                }
            }
            for (int f = 0; f < dim; f++) {
                System.arraycopy(byFeature[f], i0, slice[f], 0, len);
            }
            float[] sum = row;
            for (int g = 0; g < count; g++) {
                float[] th = profiles[users[g]];
                Arrays.fill(sum, 0, len, 0f);
                for (int f = 0; f < dim; f++) {
                    // NNLS profiles are mostly zeros (two thirds in the Chaney study); 0·a is ±0,
                    // and adding ±0 to a sum that started at +0 leaves its bits as they are (it is
                    // never -0: +0 + -0 is +0), so the pass is skipped without changing a score
                    if (th[f] != 0 || !finite) {
                        axpy(th[f], slice[f], sum, len);
                    }
                }
                System.arraycopy(sum, 0, out, g * stride, len);
            }
        }
    }

    /** {@code y[i] += t·x[i]} for {@code i < len}: both arrays from 0, so the loop vectorises. */
    private static void axpy(float t, float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += t * x[i];
        }
    }
}
