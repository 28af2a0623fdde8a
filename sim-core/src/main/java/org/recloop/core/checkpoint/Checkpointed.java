package org.recloop.core.checkpoint;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A component with state of its own beyond the world (a user model's memories, a store of feed
 * commands) that a checkpoint should cover. Its state goes into the checkpoint's digest, so a
 * continued run whose replay rebuilt a different state is stopped instead of silently logging
 * something an uninterrupted run would not.
 *
 * <p>Called on the simulation thread at a tick boundary; must write the same bytes for the same
 * state, in a fixed order (no hash-map iteration order, no wall clock).
 */
public interface Checkpointed {

    /** Names the part in the manifest and in a refusal, e.g. {@code "feedCommands"}. */
    String checkpointName();

    /** Writes the state that later ticks depend on. */
    void writeState(DataOutput out) throws IOException;
}
