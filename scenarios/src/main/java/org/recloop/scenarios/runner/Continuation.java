package org.recloop.scenarios.runner;

import java.nio.file.Path;
import org.recloop.core.checkpoint.CheckpointManifest;
import org.recloop.scenarios.output.OutputLock;

/**
 * How a run continues one already logged ({@link ContinuedRuns}): resume (the same folder) or
 * fork (a new folder holding the parent's rows up to the fork's tick).
 *
 * @param runId the run to continue (resume), or null for a new folder (fork)
 * @param dir its folder (resume), or null (fork)
 * @param lock the resumed folder's lock, held since it was recovered (resume), or null
 * @param replayThrough the last tick already logged, replayed without writing
 * @param referenceDir the folder whose checkpoints the replay is checked against
 * @param reference the identity of the run whose log and checkpoints are continued
 * @param parentLock the parent's lock while its rows are copied (fork), or null
 */
record Continuation(String runId, Path dir, OutputLock lock, int replayThrough, Path referenceDir,
        CheckpointManifest reference, OutputLock parentLock) {

    boolean isFork() {
        return dir == null;
    }
}
