package org.recloop.core.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.recloop.core.log.LogReplayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told of every tick boundary (as a {@link org.recloop.core.log.ReplayingLog}'s hook): checks a
 * replayed tick's state against the reference run's checkpoint at that tick, if it has one, and
 * writes this run's own checkpoints every {@code every} ticks and at a clean stop.
 *
 * <p>The reference is the run being continued: the run itself for {@code recloop resume}, the
 * parent for {@code recloop fork}. Simulation thread only.
 */
public final class CheckpointKeeper implements IntConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointKeeper.class);

    private final Path runDir;
    private final CheckpointManifest identity;
    private final int every;
    private final Path referenceDir;
    private final Map<Integer, CheckpointManifest> references = new HashMap<>();
    private Supplier<Map<String, String>> state;
    private int lastClosed = -1;

    /**
     * @param runDir this run's folder
     * @param identity this run's identity (its tick and parts are ignored)
     * @param every ticks between checkpoints (0: only at a clean stop)
     * @param referenceDir the folder of the run whose checkpoints verify the replay
     * @param references that run's checkpoints the replay passes (already checked with {@link
     *     CheckpointManifest#mismatch})
     */
    public CheckpointKeeper(Path runDir, CheckpointManifest identity, int every, Path referenceDir,
            List<CheckpointManifest> references) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.every = every;
        this.referenceDir = referenceDir;
        references.forEach(m -> this.references.put(m.tick(), m));
    }

    /** A keeper for a new run: nothing to check, checkpoints every {@code every} ticks. */
    public static CheckpointKeeper forNewRun(Path runDir, CheckpointManifest identity, int every) {
        return new CheckpointKeeper(runDir, identity, every, runDir, List.of());
    }

    /** Where the digests of the state at a tick boundary come from (set once the model exists). */
    public void digestsFrom(Supplier<Map<String, String>> digests) {
        this.state = Objects.requireNonNull(digests, "digests");
    }

    @Override
    public void accept(int tick) {
        lastClosed = tick;
        Map<String, String> digests = null;
        CheckpointManifest ref = references.get(tick);
        if (ref != null) {
            digests = state.get();
            List<String> differ = ref.differingParts(digests);
            if (!differ.isEmpty()) {
                throw new LogReplayException("the replayed state at the end of tick " + tick + " differs from "
                        + Checkpoints.manifestFile(referenceDir, tick) + " in: " + String.join(", ", differ));
            }
            LOG.info("replay matches checkpoint of tick {}", tick);
        }
        if (every > 0 && (tick + 1) % every == 0 && !Files.exists(Checkpoints.dir(runDir, tick))) {
            write(tick, digests != null ? digests : state.get());
        }
    }

    /** Writes a checkpoint of the last closed tick, unless there is one (a run stopped cleanly). */
    public void atCleanStop() {
        if (lastClosed >= 0 && state != null && !Files.exists(Checkpoints.dir(runDir, lastClosed))) {
            write(lastClosed, state.get());
        }
    }

    private void write(int tick, Map<String, String> digests) {
        long t0 = System.nanoTime();
        Checkpoints.write(runDir, identity.at(tick, digests));
        LOG.debug("checkpoint of tick {} written in {} ms", tick, (System.nanoTime() - t0) / 1_000_000);
    }
}
