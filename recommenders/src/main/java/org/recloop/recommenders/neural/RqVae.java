package org.recloop.recommenders.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A residual-quantised variational autoencoder (RQ-VAE; Zeghidour et al. 2021, as used by TIGER,
 * Rajput et al. 2023) that turns item embeddings into {@code levels} codes of a {@code codebook}
 * -word codebook each: an MLP encoder to a latent vector, {@code levels} residual codebooks (each
 * quantises what the previous ones left), an MLP decoder back to the embedding.
 *
 * <p>Loss per item: {@code |x - x̂|² + Σ_l (|sg(r_l) - e_l|² + β |r_l - sg(e_l)|²)}, the
 * reconstruction plus each level's codebook and commitment terms; the decoder reads the
 * quantised latent through the straight-through estimator {@code z + sg(q - z)}. The nearest
 * codewords are found in Java from the uploaded codebooks (exact float order, no PyTorch argmin
 * tie rules). Codebooks start from residual k-means over the encoded items (the first fit only;
 * refits continue from the kept tensors, so an item keeps its codes unless its embedding or the
 * data really moved it).
 *
 * <p>Tensor layout in {@link Parameters}: 0..3 encoder (W1, b1, W2, b2), 4..7 decoder (W1, b1, W2,
 * b2), then the codebooks {@code [codebook, latent]}. Not thread-safe; deterministic given the
 * stream (batches, init) and the fixed PyTorch thread count.
 */
final class RqVae {
    private static final int KMEANS_ROUNDS = 10;
    private final int input;
    private final int hidden;
    private final int latent;
    private final int levels;
    private final int codebook;
    private final float beta;
    private float[][] kept;

    RqVae(int input, int hidden, int latent, int levels, int codebook, float beta) {
        this.input = input;
        this.hidden = hidden;
        this.latent = latent;
        this.levels = levels;
        this.codebook = codebook;
        this.beta = beta;
    }

    int input() {
        return input;
    }

    /**
     * Trains {@code epochs} passes over the items (in batches drawn from {@code rng}) and returns
     * the last epoch's mean loss per item.
     */
    double train(Engine engine, NDManager fitManager, float[] x, int epochs, int batchSize, float learningRate,
            UniformRandomProvider rng) {
        int n = x.length / input;
        Parameters params = parameters(rng);
        if (kept == null) {
            initCodebooks(x, n, params, rng);
        }
        params.resetOptimizer();
        double last = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(n, rng);
            double sum = 0;
            for (int start = 0; start < n; start += batchSize) {
                int b = Math.min(batchSize, n - start);
                float[] xb = new float[b * input];
                for (int s = 0; s < b; s++) {
                    System.arraycopy(x, order[start + s] * input, xb, s * input, input);
                }
                sum += step(engine, fitManager, params, xb, b, learningRate) * b;
            }
            last = sum / n;
        }
        kept = params.snapshot();
        return last;
    }

    private Parameters parameters(UniformRandomProvider rng) {
        Parameters p = new Parameters();
        p.add("encW1", new long[] {input, hidden}, keptOr(0, Parameters.table(null, input, hidden, 1 / Math.sqrt(input), rng)));
        p.add("encB1", new long[] {hidden}, keptOr(1, new float[hidden]));
        p.add("encW2", new long[] {hidden, latent}, keptOr(2, Parameters.table(null, hidden, latent, 1 / Math.sqrt(hidden), rng)));
        p.add("encB2", new long[] {latent}, keptOr(3, new float[latent]));
        p.add("decW1", new long[] {latent, hidden}, keptOr(4, Parameters.table(null, latent, hidden, 1 / Math.sqrt(latent), rng)));
        p.add("decB1", new long[] {hidden}, keptOr(5, new float[hidden]));
        p.add("decW2", new long[] {hidden, input}, keptOr(6, Parameters.table(null, hidden, input, 1 / Math.sqrt(hidden), rng)));
        p.add("decB2", new long[] {input}, keptOr(7, new float[input]));
        for (int l = 0; l < levels; l++) {
            p.add("codebook" + l, new long[] {codebook, latent}, keptOr(8 + l, new float[codebook * latent]));
        }
        return p;
    }

    private float[] keptOr(int index, float[] fresh) {
        return kept != null && kept[index].length == fresh.length ? kept[index].clone() : fresh;
    }

    private double step(Engine engine, NDManager fitManager, Parameters params, float[] xb, int b, float lr) {
        try (NDManager m = fitManager.newSubManager()) {
            NDArray[] w = params.upload(m, true);
            NDArray x = m.create(FloatBuffer.wrap(xb), new Shape(b, input));
            float loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray z = x.matMul(w[0]).add(w[1]).maximum(Ops.constant(m, 0f)).matMul(w[2]).add(w[3]);
                int[][] codes = quantise(z.toFloatArray(), b, live(params));
                NDArray r = z;
                NDArray q = null;
                NDArray quantLoss = null;
                for (int l = 0; l < levels; l++) {
                    NDArray e = w[8 + l].get(m.create(codes[l], new Shape(b)));
                    NDArray term = r.stopGradient().sub(e).square().sum()
                            .add(r.sub(e.stopGradient()).square().sum().mul(Ops.constant(m, beta)));
                    quantLoss = quantLoss == null ? term : quantLoss.add(term);
                    q = q == null ? e : q.add(e);
                    r = r.sub(e.stopGradient());
                }
                NDArray zq = z.add(q.sub(z).stopGradient());
                NDArray xr = zq.matMul(w[4]).add(w[5]).maximum(Ops.constant(m, 0f)).matMul(w[6]).add(w[7]);
                NDArray total = x.sub(xr).square().sum().add(quantLoss).mul(Ops.constant(m, 1f / b));
                loss = total.getFloat();
                gc.backward(total);
            }
            params.step(w, lr);
            return loss;
        }
    }

    /** Level-major nearest codewords of latent rows {@code z} (residual after each level). */
    private int[][] quantise(float[] z, int n, float[][] t) {
        float[] r = z.clone();
        int[][] codes = new int[levels][n];
        for (int l = 0; l < levels; l++) {
            float[] cb = t[8 + l];
            for (int s = 0; s < n; s++) {
                int best = nearest(r, s * latent, cb, codebook);
                codes[l][s] = best;
                for (int f = 0; f < latent; f++) {
                    r[s * latent + f] -= cb[best * latent + f];
                }
            }
        }
        return codes;
    }

    private int nearest(float[] r, int o, float[] cb, int words) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < words; c++) {
            double dist = 0;
            for (int f = 0; f < latent; f++) {
                double diff = r[o + f] - cb[c * latent + f];
                dist += diff * diff;
            }
            if (dist < bestD) {
                bestD = dist;
                best = c;
            }
        }
        return best;
    }

    /** Residual k-means: each level's codebook from the residuals the previous levels leave. */
    private void initCodebooks(float[] x, int n, Parameters params, UniformRandomProvider rng) {
        float[] r = encode(x, n, live(params));
        for (int l = 0; l < levels; l++) {
            float[] cb = params.values(8 + l);
            int[] order = permutation(n, rng);
            for (int c = 0; c < codebook; c++) {
                System.arraycopy(r, order[c % n] * latent, cb, c * latent, latent);
            }
            int[] assign = new int[n];
            for (int round = 0; round < KMEANS_ROUNDS; round++) {
                double[] sum = new double[codebook * latent];
                int[] count = new int[codebook];
                for (int s = 0; s < n; s++) {
                    assign[s] = nearest(r, s * latent, cb, codebook);
                    count[assign[s]]++;
                    for (int f = 0; f < latent; f++) {
                        sum[assign[s] * latent + f] += r[s * latent + f];
                    }
                }
                for (int c = 0; c < codebook; c++) {
                    for (int f = 0; f < latent && count[c] > 0; f++) {
                        cb[c * latent + f] = (float) (sum[c * latent + f] / count[c]);
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                int c = nearest(r, s * latent, cb, codebook);
                for (int f = 0; f < latent; f++) {
                    r[s * latent + f] -= cb[c * latent + f];
                }
            }
        }
    }

    /** Latent rows of the items, in Java (the same operations as the encoder in {@link #step}). */
    private float[] encode(float[] x, int n, float[][] t) {
        float[] h = DenseLayer.forward(x, n, input, t[0], t[1], hidden, true);
        return DenseLayer.forward(h, n, hidden, t[2], t[3], latent, false);
    }

    private static float[][] live(Parameters params) {
        float[][] t = new float[params.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = params.values(i);
        }
        return t;
    }

    /** Item-major codes ({@code levels} per item) of embeddings {@code x} under the trained model (after {@link #train}). */
    int[] codes(float[] x) {
        int n = x.length / input;
        int[][] byLevel = quantise(encode(x, n, kept), n, kept);
        int[] out = new int[n * levels];
        for (int s = 0; s < n; s++) {
            for (int l = 0; l < levels; l++) {
                out[s * levels + l] = byLevel[l][s];
            }
        }
        return out;
    }

    /** Mean squared reconstruction error {@code |x - decode(codes)|²} per item. */
    double reconstructionError(float[] x, int[] codes) {
        int n = x.length / input;
        float[] zq = new float[n * latent];
        for (int s = 0; s < n; s++) {
            for (int l = 0; l < levels; l++) {
                float[] cb = kept[8 + l];
                int c = codes[s * levels + l];
                for (int f = 0; f < latent; f++) {
                    zq[s * latent + f] += cb[c * latent + f];
                }
            }
        }
        float[] h = DenseLayer.forward(zq, n, latent, kept[4], kept[5], hidden, true);
        float[] xr = DenseLayer.forward(h, n, hidden, kept[6], kept[7], input, false);
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double d = x[k] - xr[k];
            sum += d * d;
        }
        return sum / n;
    }

    private static int[] permutation(int n, UniformRandomProvider rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
