package org.recloop.recommenders.linear;

import java.util.List;
import org.recloop.recommenders.DenseInverse;
import org.recloop.recommenders.neural.TorchDenseInverse;

/** Maps EASE's {@code solver} parameter to a {@link DenseInverse}. */
final class GramSolvers {

    /** Accepted values of {@code solver}. */
    static final List<String> NAMES = List.of("auto", "torch", "java");

    private GramSolvers() {}

    /**
     * {@code java}: EJML; {@code torch}: PyTorch or an exception; {@code auto}: PyTorch when its
     * engine loads on this machine, else EJML (the reason is logged).
     */
    static DenseInverse forName(String name) {
        return switch (name) {
            case "java" -> JavaDenseInverse.INSTANCE;
            case "torch" -> TorchDenseInverse.required();
            case "auto" -> TorchDenseInverse.available().orElse(JavaDenseInverse.INSTANCE);
            default -> throw new IllegalArgumentException("unknown solver '" + name + "'");
        };
    }
}
