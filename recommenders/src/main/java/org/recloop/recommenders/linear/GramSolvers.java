package org.recloop.recommenders.linear;

import java.util.List;
import java.util.Optional;
import org.recloop.recommenders.DenseInverse;
import org.recloop.recommenders.neural.LapackCholeskyInverse;
import org.recloop.recommenders.neural.TorchDenseInverse;

/** Maps EASE's {@code solver} and {@code precision} parameters to a {@link DenseInverse}. */
final class GramSolvers {

    /** Accepted values of {@code solver}. */
    static final List<String> NAMES = List.of("auto", "torch", "java");

    /** Accepted values of {@code precision}. */
    static final List<String> PRECISIONS = List.of("auto", "double", "float");

    /**
     * From this many items on, {@code precision: auto} inverts in float. Why there: below it the
     * double inverse takes a few seconds at most, so exactness costs nothing; above it the float
     * Cholesky halves a fit that takes tens of seconds, and on the 9,697-item test file it gave
     * every user the same top-10 list as double (docs/PERFORMANCE.md). λ on the diagonal keeps
     * XᵀX + λI well conditioned (eigenvalues ≥ λ), which is what float precision needs.
     */
    static final int FLOAT_FROM_ITEMS = 4096;

    private GramSolvers() {}

    /**
     * {@code java}: EJML's Cholesky, always in double; {@code torch}: the native Cholesky (MKL's
     * potrf/potri inside PyTorch's CPU library) in the given precision, else PyTorch's LU inverse
     * (double), else an exception; {@code auto}: the same chain ending in EJML (each reason
     * logged). Why this order: the Cholesky route costs about n³ flops, the LU inverse about
     * 2.7·n³, EJML is pure Java.
     */
    static DenseInverse forName(String name, String precision, int items) {
        boolean single = precision.equals("float") || precision.equals("auto") && items >= FLOAT_FROM_ITEMS;
        return switch (name) {
            case "java" -> JavaDenseInverse.INSTANCE;
            case "torch" -> nativeSolver(single).orElseGet(TorchDenseInverse::required);
            case "auto" -> nativeSolver(single).or(TorchDenseInverse::available).orElse(JavaDenseInverse.INSTANCE);
            default -> throw new IllegalArgumentException("unknown solver '" + name + "'");
        };
    }

    private static Optional<DenseInverse> nativeSolver(boolean single) {
        return LapackCholeskyInverse.available(single);
    }
}
