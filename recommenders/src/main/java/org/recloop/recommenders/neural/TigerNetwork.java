package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * TIGER's sequence model (Rajput et al. 2023) over semantic IDs, as an encoder and a light
 * autoregressive code decoder.
 *
 * <p>Encoder: the {@link SasRecNetwork} causal transformer over the user's history, where an
 * item's input token is the sum of one embedding per level of its semantic ID (no item-id
 * embedding: items that share codes share parameters, which is the point of semantic IDs).
 * Decoder: for level {@code j}, {@code z_j = h + Σ_{k<j} D_k[c_k]} (the encoder state plus the
 * codes emitted so far), a residual MLP {@code u_j = z_j + W2_j·relu(W1_j·z_j + b1_j) + b2_j} and
 * a softmax over the level's codes {@code O_j·u_j + o_j}.
 *
 * <p>Why not the paper's T5 encoder-decoder over one token per code: the causal encoder gives a
 * state after every position of a window, so every position trains on its next item (teacher
 * forcing), as in SASRec, and beam search runs the encoder once per user and then only the small
 * decoder, in Java, per beam and level. The price is that the decoder reads the history through
 * one vector instead of cross-attending to every token.
 *
 * <p>Tensor layout in {@link Parameters}: the encoder's ({@link SasRecNetwork}; its item table is
 * a single zero padding row), then the {@code depth} input code tables {@code [vocab_l, d]}, the
 * {@code depth - 1} decoder code tables, then per level W1, b1, W2, b2, O, o.
 */
final class TigerNetwork {
    private static final int PER_LEVEL = 6;
    final SasRecNetwork encoder;
    final int d;
    final int depth;
    private final int encoderTensors;

    TigerNetwork(SasRecNetwork encoder, int depth) {
        this.encoder = encoder;
        this.d = encoder.d;
        this.depth = depth;
        this.encoderTensors = 2 + encoder.blocks * SasRecNetwork.PER_BLOCK + 2;
    }

    private int inputCodes(int level) {
        return encoderTensors + level;
    }

    private int decoderCodes(int level) {
        return encoderTensors + depth + level;
    }

    private int levelBase(int level) {
        return encoderTensors + 2 * depth - 1 + PER_LEVEL * level;
    }

    /** Adds every tensor for the given level vocabularies, keeping (and growing) those of {@code kept}. */
    void addTensors(Parameters params, int[] vocab, float[][] kept, UniformRandomProvider rng) {
        encoder.addTensors(params, new float[d], 0, kept, rng);
        double std = 1 / Math.sqrt(d);
        for (int l = 0; l < depth; l++) {
            add(params, "input" + l, vocab[l], d, 0.05, kept, rng);
        }
        for (int l = 0; l < depth - 1; l++) {
            add(params, "decoderInput" + l, vocab[l], d, 0.05, kept, rng);
        }
        for (int l = 0; l < depth; l++) {
            add(params, "w1_" + l, d, d, std, kept, rng);
            add(params, "b1_" + l, 1, d, 0, kept, rng);
            add(params, "w2_" + l, d, d, std, kept, rng);
            add(params, "b2_" + l, 1, d, 0, kept, rng);
            add(params, "out" + l, vocab[l], d, std, kept, rng);
            add(params, "outBias" + l, 1, vocab[l], 0, kept, rng);
        }
    }

    private static void add(Parameters params, String name, int rows, int cols, double std, float[][] kept,
            UniformRandomProvider rng) {
        int index = params.size();
        float[] old = kept != null && index < kept.length ? kept[index] : null;
        long[] shape = rows == 1 ? new long[] {cols} : new long[] {rows, cols};
        params.add(name, shape, Parameters.table(old, rows, cols, std, rng));
    }

    /**
     * Mean negative log-likelihood of the next items' codes at every non-padding position.
     *
     * @param in left-padded windows {@code [batch, L]} (item id + 1, 0 = padding)
     * @param targets per level, the next item's code at each position {@code [batch * L]}
     * @param mask 1 where a position has a next item, else 0 {@code [batch * L]}
     * @param itemCodes per level, every item's code {@code [items]}
     */
    NDArray loss(NDManager m, NDArray[] w, int[] in, int batch, int[][] targets, float[] mask, int[][] itemCodes,
            int[] vocab, UniformRandomProvider rng) {
        int l = encoder.length;
        NDArray h = encode(m, w, in, batch, itemCodes, rng);
        NDArray z = h;
        NDArray total = null;
        float count = 0;
        for (float v : mask) {
            count += v;
        }
        for (int j = 0; j < depth; j++) {
            int o = levelBase(j);
            NDArray u = z.add(z.matMul(w[o]).add(w[o + 1]).maximum(Ops.constant(m, 0f)).matMul(w[o + 2]).add(w[o + 3]));
            NDArray logits = u.matMul(w[o + 4].transpose()).add(w[o + 5]);
            float[] hot = new float[batch * l * vocab[j]];
            for (int s = 0; s < batch * l; s++) {
                if (mask[s] > 0) {
                    hot[s * vocab[j] + targets[j][s]] = 1f;
                }
            }
            NDArray ll = logits.logSoftmax(-1).mul(m.create(FloatBuffer.wrap(hot), new Shape(batch, l, vocab[j]))).sum();
            total = total == null ? ll : total.add(ll);
            if (j < depth - 1) {
                z = z.add(w[decoderCodes(j)].get(m.create(targets[j], new Shape(batch, l))));
            }
        }
        return total.neg().mul(Ops.constant(m, 1f / Math.max(1f, count)));
    }

    /** Encoder states {@code [batch, L, d]}; {@code rng} null: no dropout. */
    NDArray encode(NDManager m, NDArray[] w, int[] in, int batch, int[][] itemCodes, UniformRandomProvider rng) {
        int items = itemCodes[0].length;
        NDArray tokens = null;
        for (int lv = 0; lv < depth; lv++) {
            NDArray e = w[inputCodes(lv)].get(m.create(itemCodes[lv], new Shape(items)));
            tokens = tokens == null ? e : tokens.add(e);
        }
        NDArray[] enc = java.util.Arrays.copyOf(w, encoderTensors);
        enc[0] = w[0].concat(tokens, 0); // row 0: padding
        return encoder.forward(m, enc, in, batch, rng);
    }

    /**
     * The decoder in Java over trained tensors {@code t}: log-probabilities of every code of
     * {@code level} after the encoder state {@code h} and the codes {@code prefix}.
     */
    float[] logProbs(float[][] t, float[] h, int level, int[] prefix, int[] vocab) {
        float[] z = h.clone();
        for (int k = 0; k < level; k++) {
            float[] table = t[decoderCodes(k)];
            for (int f = 0; f < d; f++) {
                z[f] += table[prefix[k] * d + f];
            }
        }
        int o = levelBase(level);
        float[] a = DenseLayer.forward(z, 1, d, t[o], t[o + 1], d, true);
        float[] u = DenseLayer.forward(a, 1, d, t[o + 2], t[o + 3], d, false);
        for (int f = 0; f < d; f++) {
            u[f] += z[f];
        }
        int v = vocab[level];
        float[] out = t[o + 4];
        float[] logits = t[o + 5].clone();
        for (int c = 0; c < v; c++) {
            float s = 0f;
            for (int f = 0; f < d; f++) {
                s += out[c * d + f] * u[f];
            }
            logits[c] += s;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float x : logits) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : logits) {
            sum += Math.exp(x - max);
        }
        float logZ = (float) (max + Math.log(sum));
        for (int c = 0; c < v; c++) {
            logits[c] -= logZ;
        }
        return logits;
    }
}
