package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The SASRec network (Kang and McAuley, ICDM 2018) as NDArray operations over {@link
 * Parameters}: item and position embeddings, {@code blocks} pre-norm blocks of causal multi-head
 * self-attention and a point-wise feed-forward layer, a final layer norm.
 *
 * <p>Tensor layout in {@link Parameters}: 0 items {@code [items+1, d]} (row 0 is padding), 1
 * positions {@code [L, d]}, then 12 per block (ln1 γ β, Wq, Wk, Wv, Wo, ln2 γ β, W1, b1, W2, b2),
 * then the final ln γ β. Dropout masks are drawn in Java from the fit's stream (PyTorch's own
 * generator is never used), so training is reproducible.
 */
final class SasRecNetwork {
    static final int PER_BLOCK = 12;
    final int d;
    final int length;
    final int blocks;
    final int heads;
    final float dropout;

    SasRecNetwork(int d, int length, int blocks, int heads, float dropout) {
        this.d = d;
        this.length = length;
        this.blocks = blocks;
        this.heads = heads;
        this.dropout = dropout;
    }

    /** Shapes and initial values of every tensor but the item table (index 0). */
    void addTensors(Parameters params, float[] itemTable, int items, float[][] kept, UniformRandomProvider rng) {
        params.add("items", new long[] {items + 1L, d}, itemTable);
        params.add("positions", new long[] {length, d}, keptOr(kept, 1, Parameters.table(null, length, d, 0.05, rng)));
        double std = 1 / Math.sqrt(d);
        for (int b = 0; b < blocks; b++) {
            int base = 2 + b * PER_BLOCK;
            params.add("ln1g" + b, new long[] {d}, keptOr(kept, base, ones(d)));
            params.add("ln1b" + b, new long[] {d}, keptOr(kept, base + 1, new float[d]));
            for (int w = 0; w < 4; w++) {
                params.add("att" + w + "_" + b, new long[] {d, d}, keptOr(kept, base + 2 + w, Parameters.table(null, d, d, std, rng)));
            }
            params.add("ln2g" + b, new long[] {d}, keptOr(kept, base + 6, ones(d)));
            params.add("ln2b" + b, new long[] {d}, keptOr(kept, base + 7, new float[d]));
            params.add("w1_" + b, new long[] {d, d}, keptOr(kept, base + 8, Parameters.table(null, d, d, std, rng)));
            params.add("b1_" + b, new long[] {d}, keptOr(kept, base + 9, new float[d]));
            params.add("w2_" + b, new long[] {d, d}, keptOr(kept, base + 10, Parameters.table(null, d, d, std, rng)));
            params.add("b2_" + b, new long[] {d}, keptOr(kept, base + 11, new float[d]));
        }
        int f = 2 + blocks * PER_BLOCK;
        params.add("lnFg", new long[] {d}, keptOr(kept, f, ones(d)));
        params.add("lnFb", new long[] {d}, keptOr(kept, f + 1, new float[d]));
    }

    private static float[] keptOr(float[][] kept, int index, float[] fresh) {
        return kept != null && index < kept.length && kept[index].length == fresh.length ? kept[index] : fresh;
    }

    private static float[] ones(int n) {
        float[] o = new float[n];
        java.util.Arrays.fill(o, 1f);
        return o;
    }

    /**
     * Hidden states {@code [B, L, d]} for left-padded input sequences {@code seq} (item id + 1,
     * 0 = padding). {@code rng} null: no dropout (inference).
     */
    NDArray forward(NDManager m, NDArray[] w, int[] seq, int batch, UniformRandomProvider rng) {
        int l = length;
        float[] pad = new float[batch * l];
        float[] mask = new float[batch * l * l];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < l; t++) {
                pad[b * l + t] = seq[b * l + t] == 0 ? 0f : 1f;
                for (int s = 0; s < l; s++) {
                    boolean blocked = s > t || seq[b * l + s] == 0;
                    mask[(b * l + t) * l + s] = blocked ? -1e9f : 0f;
                }
            }
        }
        NDArray padMask = m.create(FloatBuffer.wrap(pad), new Shape(batch, l, 1));
        NDArray attMask = m.create(FloatBuffer.wrap(mask), new Shape(batch, 1, l, l));
        NDArray x = w[0].get(m.create(seq, new Shape(batch, l))).mul(Ops.constant(m, (float) Math.sqrt(d))).add(w[1]).mul(padMask);
        x = drop(m, x, rng);
        int dh = d / heads;
        for (int b = 0; b < blocks; b++) {
            int o = 2 + b * PER_BLOCK;
            NDArray q = norm(m, x, w[o], w[o + 1]);
            NDArray qh = split(q.matMul(w[o + 2]), batch, dh);
            NDArray kh = split(x.matMul(w[o + 3]), batch, dh);
            NDArray vh = split(x.matMul(w[o + 4]), batch, dh);
            NDArray att = qh.matMul(kh.transpose(0, 1, 3, 2)).mul(Ops.constant(m, (float) (1 / Math.sqrt(dh)))).add(attMask).softmax(-1);
            NDArray a = att.matMul(vh).transpose(0, 2, 1, 3).reshape(batch, l, d).matMul(w[o + 5]);
            x = q.add(drop(m, a, rng));
            NDArray y = norm(m, x, w[o + 6], w[o + 7]);
            NDArray f = y.matMul(w[o + 8]).add(w[o + 9]).maximum(Ops.constant(m, 0f));
            f = drop(m, drop(m, f, rng).matMul(w[o + 10]).add(w[o + 11]), rng);
            x = y.add(f).mul(padMask);
        }
        int f = 2 + blocks * PER_BLOCK;
        return norm(m, x, w[f], w[f + 1]);
    }

    private NDArray split(NDArray x, int batch, int dh) {
        return x.reshape(batch, length, heads, dh).transpose(0, 2, 1, 3);
    }

    private static NDArray norm(NDManager m, NDArray x, NDArray gamma, NDArray beta) {
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray c = x.sub(mu);
        NDArray var = c.square().mean(new int[] {-1}, true);
        return c.div(var.add(Ops.constant(m, 1e-8f)).sqrt()).mul(gamma).add(beta);
    }

    private NDArray drop(NDManager m, NDArray x, UniformRandomProvider rng) {
        if (rng == null || dropout == 0f) {
            return x;
        }
        long n = x.size();
        float[] keep = new float[(int) n];
        float scale = 1f / (1f - dropout);
        for (int i = 0; i < keep.length; i++) {
            keep[i] = rng.nextFloat() < dropout ? 0f : scale;
        }
        return x.mul(m.create(FloatBuffer.wrap(keep), x.getShape()));
    }
}
