package org.recloop.recommenders.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.recloop.recommenders.DenseInverse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native inverse: PyTorch's {@code linalg.inv} (LAPACK LU with blocked, vectorised BLAS) on
 * the CPU through DJL, in double. Why: EJML's single-threaded Java Cholesky takes minutes for a
 * 10,000-item Gram matrix, LAPACK seconds. Second choice after {@link LapackCholeskyInverse},
 * which needs half the flops but only exists where PyTorch's CPU library carries MKL. The engine runs with {@link TorchRuntime}'s fixed
 * intra-op thread count ({@code -Drecloop.torch.threads}, default 1), so the result does not
 * depend on the run's {@code --threads}. Native memory is scoped to one call (about 3·8·n² bytes
 * at peak, outside the Java heap).
 */
public final class TorchDenseInverse implements DenseInverse {
    private static final Logger LOG = LoggerFactory.getLogger(TorchDenseInverse.class);

    private final Engine engine;

    private TorchDenseInverse(Engine engine) {
        this.engine = engine;
    }

    /**
     * The native solver, or empty (with the reason logged once per call) when the PyTorch engine
     * cannot be loaded on this machine, so callers fall back to the Java path.
     */
    public static Optional<DenseInverse> available() {
        try {
            return Optional.of(new TorchDenseInverse(TorchRuntime.engine()));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("native dense inverse unavailable, using the Java fallback: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The native solver; fails if PyTorch cannot be loaded. */
    public static DenseInverse required() {
        return new TorchDenseInverse(TorchRuntime.engine());
    }

    @Override
    public String name() {
        return "torch-lapack";
    }

    @Override
    public double[] invert(double[] a, int n) {
        if (n == 0) {
            return new double[0];
        }
        try (NDManager m = engine.newBaseManager(Device.cpu())) {
            NDArray g = m.create(a, new Shape(n, n));
            double[] inv = g.inverse().toDoubleArray();
            for (double v : inv) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("the matrix is singular (the inverse has non-finite entries)");
                }
            }
            return inv;
        } catch (ai.djl.engine.EngineException e) {
            throw new IllegalStateException("PyTorch could not invert the matrix: " + e.getMessage(), e);
        }
    }
}
