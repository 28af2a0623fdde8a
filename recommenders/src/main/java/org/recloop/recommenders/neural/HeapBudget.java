package org.recloop.recommenders.neural;

import java.util.Locale;

/**
 * A size check before a model is allocated: an estimate of the bytes a fit needs against the
 * heap the JVM may still grow to, so that a model too large fails with its size and a remedy
 * rather than an {@link OutOfMemoryError} trace mid-fit.
 *
 * <p>The estimate counts the Java copies (parameters, two Adam moments, a best-state snapshot,
 * the served factors): 5 floats per parameter plus the named extras. Native (PyTorch) memory
 * is off-heap and of the same order; it is not counted against {@code -Xmx}.
 */
final class HeapBudget {
    private HeapBudget() {}

    static void check(String model, long parameterFloats, long extraBytes) {
        // in double: absurd sizes must not wrap around to a small long
        double needed = (double) parameterFloats * 5 * Float.BYTES + extraBytes;
        long need = needed >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) needed;
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: the model needs about %,d MB of heap (%,d parameters), but only %,d MB are free "
                            + "(-Xmx %,d MB); lower dimensions or raise -Xmx",
                    model, mb(need), parameterFloats, mb(available), mb(rt.maxMemory())));
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
