package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Small tensor helpers that keep autograd safe.
 *
 * <p>Why: DJL's {@code x.mul(2f)} wraps the number in a temporary NDArray over Java direct
 * memory and closes it right after the call, but PyTorch's autograd keeps that tensor for the
 * backward pass (the factor of a product, both sides of a maximum), so the gradient is computed
 * from freed memory: rarely wrong, never reproducible. Constants made here live in the step's
 * manager until the step is closed, after backward.
 */
final class Ops {
    private Ops() {}

    static NDArray constant(NDManager step, float v) {
        return step.create(v);
    }

    /** {@code max(z, 0) + log(1 + exp(-|z|))}, without overflow for large |z|. */
    static NDArray softplus(NDManager step, NDArray z) {
        return z.maximum(constant(step, 0f)).add(z.abs().neg().exp().add(constant(step, 1f)).log());
    }

    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
