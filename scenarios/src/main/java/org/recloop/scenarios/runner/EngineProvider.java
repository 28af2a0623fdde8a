package org.recloop.scenarios.runner;

import org.recloop.core.sim.TickEngine;

/**
 * An engine that runs the per-user phases of a tick elsewhere than on the kernel's threads, found
 * with {@link java.util.ServiceLoader} so that its libraries (Spark's, for {@code --engine spark})
 * stay off the default launcher's class path.
 */
public interface EngineProvider {

    /** The name {@code recloop run --engine} selects it by, e.g. {@code "spark"}. */
    String name();

    /**
     * Opens the engine for one run: connects to its cluster and checks it can be used. Called
     * before the run folder is made, so a refusal leaves nothing behind.
     *
     * @throws EngineUnavailableException with a message naming what is wrong (e.g. the master URL)
     */
    TickEngine open(EngineRequest request) throws EngineUnavailableException;

    /** A refusal to open: the message is shown to the user as it is. */
    final class EngineUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public EngineUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
