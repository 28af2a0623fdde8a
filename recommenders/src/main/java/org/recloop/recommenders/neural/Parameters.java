package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A model's trainable tensors, kept in Java float arrays, with Adam (Kingma and Ba 2015) applied
 * in Java.
 *
 * <p>Why in Java: the arrays outlive the native memory of a fit, so a refit starts from the last
 * parameters (warm start) and tables grow by fresh rows for new users and items; initialisation
 * comes from the run's seeded stream, not PyTorch's global generator; and the update is the same
 * sequence of float operations on every machine, so a fit is a function of its seed. Each step
 * uploads the tensors into a step-scoped {@link NDManager}, PyTorch computes the loss and its
 * gradients, and {@link #step} reads the gradients back.
 *
 * <p>Not thread-safe: one fit at a time, on the simulation thread.
 */
final class Parameters {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final List<String> names = new ArrayList<>();
    private final List<long[]> shapes = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private float[][] m;
    private float[][] v;
    private int t;

    /** Adds a tensor of the given shape; the first dimension is the row (table) dimension. */
    int add(String name, long[] shape, float[] init) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (init.length != n) {
            throw new IllegalArgumentException(name + ": " + init.length + " values for shape " + new Shape(shape));
        }
        names.add(name);
        shapes.add(shape.clone());
        values.add(init);
        return names.size() - 1;
    }

    int size() {
        return names.size();
    }

    float[] values(int index) {
        return values.get(index);
    }

    /** Starts a fit: fresh Adam moments (the parameters themselves are kept). */
    void resetOptimizer() {
        m = new float[values.size()][];
        v = new float[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            m[i] = new float[values.get(i).length];
            v[i] = new float[values.get(i).length];
        }
        t = 0;
    }

    /** Uploads every tensor into {@code step} (with gradients when {@code train}). */
    NDArray[] upload(NDManager step, boolean train) {
        NDArray[] out = new NDArray[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = step.create(FloatBuffer.wrap(values.get(i)), new Shape(shapes.get(i)));
            if (train) {
                out[i].setRequiresGradient(true);
            }
        }
        return out;
    }

    /** One Adam step from the gradients of {@code uploaded} (after backward). */
    void step(NDArray[] uploaded, float learningRate) {
        t++;
        float c1 = 1f - (float) Math.pow(BETA1, t);
        float c2 = 1f - (float) Math.pow(BETA2, t);
        for (int i = 0; i < uploaded.length; i++) {
            float[] g = uploaded[i].getGradient().toFloatArray();
            float[] w = values.get(i);
            float[] mi = m[i];
            float[] vi = v[i];
            for (int k = 0; k < w.length; k++) {
                float gk = g[k];
                if (gk == 0f && mi[k] == 0f) {
                    continue; // a row untouched so far (embedding tables): nothing to move
                }
                mi[k] = BETA1 * mi[k] + (1 - BETA1) * gk;
                vi[k] = BETA2 * vi[k] + (1 - BETA2) * gk * gk;
                w[k] -= learningRate * (mi[k] / c1) / ((float) Math.sqrt(vi[k] / c2) + EPS);
            }
        }
    }

    /** A copy of every tensor (for early stopping's best state). */
    float[][] snapshot() {
        float[][] s = new float[values.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = values.get(i).clone();
        }
        return s;
    }

    void restore(float[][] snapshot) {
        for (int i = 0; i < snapshot.length; i++) {
            System.arraycopy(snapshot[i], 0, values.get(i), 0, snapshot[i].length);
        }
    }

    /**
     * A table of {@code rows x d} keeping the first rows of {@code old} (warm start) and drawing
     * the others from N(0, std²) of {@code rng}.
     */
    static float[] table(float[] old, int rows, int d, double std, UniformRandomProvider rng) {
        float[] t = new float[rows * d];
        int kept = old == null ? 0 : Math.min(old.length, t.length);
        if (kept > 0) {
            System.arraycopy(old, 0, t, 0, kept);
        }
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = kept; i < t.length; i++) {
            t[i] = (float) (std * g.sample());
        }
        return t;
    }
}
