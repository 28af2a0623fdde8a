package org.recloop.recommenders;

/**
 * Inverts a dense symmetric positive definite matrix, such as EASE's regularised Gram matrix
 * {@code XᵀX + λI}. The seam lets a model pick a native-backed solver (the LAPACK in PyTorch's
 * library, in {@code org.recloop.recommenders.neural}, the only package allowed to import DJL) while
 * the pure-Java solver stays available as the fallback.
 *
 * <p>Threading: one call at a time per instance is enough; implementations keep no state between
 * calls. Determinism: the result is a function of the input and of the solver (a native solver's
 * fixed thread count, never the run's pool size); two solvers may differ in the last bits.
 */
public interface DenseInverse {

    /**
     * Short name for logs and run info: {@code java-cholesky}, {@code torch-mkl-cholesky},
     * {@code torch-mkl-cholesky-f32} or {@code torch-lapack}.
     */
    String name();

    /**
     * The inverse of the {@code n × n} row-major matrix {@code a}, row-major.
     *
     * @param a the matrix; may be overwritten
     * @throws IllegalStateException if the matrix is not positive definite or the solver fails
     */
    double[] invert(double[] a, int n);
}
