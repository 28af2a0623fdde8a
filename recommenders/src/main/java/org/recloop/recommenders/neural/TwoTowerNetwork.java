package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * The two towers of {@link TwoTowerRecommender} as NDArray operations over {@link Parameters}:
 * tensor 0 the item id table {@code [items, d]}, 1 the user map {@code M [d, d]}, 2 (with text)
 * the text projection {@code W [t, d]}.
 */
final class TwoTowerNetwork {
    private final int d;
    private final int items;
    private final int textDim;

    TwoTowerNetwork(int d, int items, int textDim) {
        this.d = d;
        this.items = items;
        this.textDim = textDim;
    }

    /** Item tower {@code [items, d]}: id rows plus projected text. */
    NDArray items(NDManager m, NDArray[] w, NDArray text) {
        return textDim == 0 ? w[0] : w[0].add(text.matMul(w[2]));
    }

    /** User tower {@code [b, d]}: the weighted mean of the history's item vectors, times M. */
    NDArray users(NDManager m, NDArray[] w, NDArray v, UserHistories.Batch hist, int b) {
        NDArray hv = v.get(m.create(hist.idx(), new Shape(b, hist.h())));
        NDArray weight = m.create(FloatBuffer.wrap(hist.weight()), new Shape(b, hist.h(), 1));
        return hv.mul(weight).sum(new int[] {1}).matMul(w[1]);
    }

    /**
     * User vectors of {@code users} (mean over their whole history, in Java) and item vectors,
     * without gradients. Items flagged {@code idless} get their text part only.
     */
    float[][] towers(NDManager fitManager, Parameters params, NDArray text, UserHistories histories, int[] users,
            boolean[] idless) {
        float[] v;
        try (NDManager step = fitManager.newSubManager()) {
            v = items(step, params.upload(step, false), text).toFloatArray();
        }
        float[] id = params.values(0);
        for (int i = 0; i < items; i++) {
            if (idless[i]) {
                for (int f = 0; f < d; f++) {
                    v[i * d + f] -= id[i * d + f];
                }
            }
        }
        float[] map = params.values(1);
        float[] out = new float[users.length * d];
        double[] mean = new double[d];
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            int n = histories.size(u);
            java.util.Arrays.fill(mean, 0);
            for (int q = 0; q < n; q++) {
                int i = histories.item(u, q);
                for (int f = 0; f < d; f++) {
                    mean[f] += v[i * d + f];
                }
            }
            for (int g = 0; g < d && n > 0; g++) {
                double mg = mean[g] / n;
                for (int f = 0; f < d; f++) {
                    out[k * d + f] += (float) (mg * map[g * d + f]);
                }
            }
        }
        return new float[][] {out, v};
    }
}
