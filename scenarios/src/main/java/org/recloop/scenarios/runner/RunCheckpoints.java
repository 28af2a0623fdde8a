package org.recloop.scenarios.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recloop.core.checkpoint.CheckpointException;
import org.recloop.core.checkpoint.CheckpointKeeper;
import org.recloop.core.checkpoint.CheckpointManifest;
import org.recloop.core.checkpoint.Checkpointed;
import org.recloop.core.checkpoint.Checkpoints;
import org.recloop.core.checkpoint.StateDigest;
import org.recloop.core.log.LogFork;
import org.recloop.core.log.ReplayingLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.react.UserModel;
import org.recloop.core.serve.Recommender;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.world.World;
import org.recloop.scenarios.schema.ResolvedScenario;

/**
 * The runner's part of checkpoints and continued runs: this run's identity, its {@link
 * CheckpointKeeper}, and how its log starts (a new run, a resumed one, or a fork whose parent's
 * rows are copied first). Keeps {@link ScenarioRunner} to a few calls.
 */
final class RunCheckpoints {

    private final Continuation continuation;
    private final String runId;
    private final CheckpointKeeper keeper;

    private RunCheckpoints(Continuation continuation, String runId, CheckpointKeeper keeper) {
        this.continuation = continuation;
        this.runId = runId;
        this.keeper = keeper;
    }

    /** This run's identity as its checkpoints record it. */
    static CheckpointManifest identity(String runId, ResolvedScenario rs, long seed) {
        return new CheckpointManifest(runId, RunProvenance.of(rs).scenarioSha256(), seed, RunProvenance.version(),
                RunProvenance.commit().orElse(""), -1, Map.of());
    }

    /**
     * Checks the continued run's checkpoints (refusing one of another run, scenario, seed or
     * code), removes those of ticks it never committed, and copies a fork's parent rows.
     *
     * @throws CheckpointException naming the checkpoint file and the field that differs
     */
    static RunCheckpoints prepare(Continuation c, String runId, Path dir, ResolvedScenario rs, long seed, int every) {
        CheckpointManifest identity = identity(runId, rs, seed);
        if (c == null) {
            return new RunCheckpoints(null, runId, CheckpointKeeper.forNewRun(dir, identity, every));
        }
        List<CheckpointManifest> refs = new ArrayList<>();
        for (CheckpointManifest m : Checkpoints.list(c.referenceDir())) {
            if (m.tick() > c.replayThrough()) {
                continue;
            }
            m.mismatch(c.reference()).ifPresent(why -> {
                throw new CheckpointException(Checkpoints.manifestFile(c.referenceDir(), m.tick()) + ": " + why);
            });
            refs.add(m);
        }
        if (c.isFork()) {
            try {
                LogFork.copy(c.referenceDir(), dir, c.replayThrough(), runId);
            } finally {
                if (c.parentLock() != null) {
                    c.parentLock().close();
                }
            }
        } else {
            Checkpoints.deleteAfter(dir, c.replayThrough());
        }
        return new RunCheckpoints(c, runId, new CheckpointKeeper(dir, identity, every, c.referenceDir(), refs));
    }

    int replayThrough() {
        return continuation == null ? -1 : continuation.replayThrough();
    }

    CheckpointKeeper keeper() {
        return keeper;
    }

    /** Digests of the model's state at tick boundaries: the world, what serves, and checkpointed components. */
    void attach(RecLoopSim sim, UserModel userModel, Recommender initial) {
        keeper.digestsFrom(() -> {
            List<Checkpointed> parts = new ArrayList<>();
            if (userModel instanceof Checkpointed c) {
                parts.add(c);
            }
            if (sim.recommender() instanceof Checkpointed c) {
                parts.add(c);
            }
            World w = sim.world();
            return StateDigest.of(w, new StateDigest.Serving(sim.recommenderName(), sim.recommender().modelVersion()),
                    parts);
        });
    }

    /** Opens the log: a new run, the resumed run's own row, or the fork's new row over its parent's rows. */
    void open(ReplayingLog log, RunInfo info, World world) {
        if (continuation == null) {
            log.open(info, world);
        } else {
            log.continueRun(runId, continuation.isFork() ? info : null);
        }
    }

    /** A run stopped cleanly before its end gets a checkpoint of its last tick. */
    void atEnd(RecLoopSim sim) {
        if (!sim.isDone()) {
            keeper.atCleanStop();
        }
    }
}
