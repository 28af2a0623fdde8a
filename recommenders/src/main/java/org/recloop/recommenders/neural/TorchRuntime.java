package org.recloop.recommenders.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.recloop.core.config.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch engine, loaded once per JVM, fully offline.
 *
 * <p>Why offline: DJL downloads a native PyTorch build on first use unless told otherwise. The
 * native CPU library ships in the {@code pytorch-native-cpu} Maven jar, so {@code
 * ai.djl.offline=true} is set before the engine class loads and DJL extracts the library from the
 * class path (into {@code ~/.djl.ai} or {@code DJL_CACHE_DIR}) instead of fetching it. A CUDA
 * build is swapped in by replacing that jar with {@code pytorch-native-cu*}.
 *
 * <p>Why a fixed intra-op thread count: PyTorch splits reductions (matrix products, sums) over its
 * threads, and the order of float additions, hence the last bits of a result, depends on that
 * split. The count is set once from {@code recloop.torch.threads} (default 1), never from the
 * run's {@code --threads}, so a seeded fit gives the same model whatever the run's pool size.
 */
final class TorchRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);

    /** System property: PyTorch intra-op threads (default 1). */
    static final String THREADS_PROPERTY = "recloop.torch.threads";

    private static volatile Engine engine;
    private static volatile boolean autoFallbackLogged;

    private TorchRuntime() {}

    /** Whether the engine was loaded in this JVM (tests that must load it first check this). */
    static boolean loaded() {
        return engine != null;
    }

    /** The engine, loading it offline with a fixed thread count on first use. */
    static Engine engine() {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (TorchRuntime.class) {
            if (engine == null) {
                System.setProperty("ai.djl.offline", "true");
                String threads = Integer.toString(threads());
                System.setProperty("ai.djl.pytorch.num_threads", threads);
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                try {
                    engine = Engine.getEngine("PyTorch");
                } catch (RuntimeException | UnsatisfiedLinkError ex) {
                    throw new IllegalStateException("cannot load the PyTorch engine offline (DJL "
                            + "ai.djl.offline=true): is ai.djl.pytorch:pytorch-native-cpu on the class path? "
                            + ex.getMessage(), ex);
                }
                LOG.info("PyTorch engine {} loaded offline, {} intra-op thread(s)", engine.getVersion(), threads);
            }
            return engine;
        }
    }

    /** The intra-op thread count from {@code -Drecloop.torch.threads} (default 1). */
    static int threads() {
        String v = System.getProperty(THREADS_PROPERTY, "1");
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + v + ": must be a positive integer");
    }

    /**
     * Checks a {@code device} parameter ({@code cpu}, {@code gpu} or {@code auto}) without
     * loading the engine for {@code cpu}. Meant for load time, before a run starts.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code gpu} on a machine where
     *     PyTorch sees no GPU
     */
    static void check(String device) {
        if (!device.equals("cpu")) {
            resolve(device);
        }
    }

    /**
     * The DJL device for a {@code device} parameter: {@code auto} is the first GPU when PyTorch
     * sees one, else the CPU (logged once per JVM).
     */
    static Device resolve(String device) {
        switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (engine().getGpuCount() == 0) {
                    throw new InvalidParameterException("device", "gpu, but PyTorch sees no GPU on this machine "
                            + "(CPU native library, or no CUDA device); use device: cpu or auto");
                }
                return Device.gpu();
            case "auto":
                if (engine().getGpuCount() > 0) {
                    return Device.gpu();
                }
                if (!autoFallbackLogged) {
                    autoFallbackLogged = true;
                    LOG.info("device: auto found no GPU; neural recommenders train on the CPU");
                }
                return Device.cpu();
            default:
                throw new InvalidParameterException("device", "'" + device + "' is not one of cpu, gpu, auto");
        }
    }

    /** Validates a device name without touching the engine (for Params records). */
    static String validName(String device) {
        String d = device == null ? "cpu" : device.toLowerCase(Locale.ROOT);
        if (!d.equals("cpu") && !d.equals("gpu") && !d.equals("auto")) {
            throw new InvalidParameterException("device", "'" + device + "' is not one of cpu, gpu, auto");
        }
        return d;
    }
}
