package org.recloop.scenarios.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.recloop.core.checkpoint.CheckpointException;
import org.recloop.core.checkpoint.CheckpointManifest;
import org.recloop.core.log.EventLogException;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.RunRow;
import org.recloop.core.sim.TickListener;
import org.recloop.scenarios.output.OutputLock;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * {@code recloop resume} and {@code recloop fork}: a run that continues one already logged.
 *
 * <p>The state at the continued tick is rebuilt by replaying the scenario from tick 0 with the
 * same seed (every draw is keyed by seed, purpose, user and tick, so the replay reproduces the
 * world, the user models' state, the recommender's fits and updates, and pending interventions
 * exactly, whatever the components are); each replayed tick is checked against the log and
 * against the run's checkpoints, and nothing is written before the first new tick. So a resumed
 * run logs exactly what an uninterrupted one logs, or stops saying where it would not. What the
 * replay costs is the simulation time of the replayed ticks, without their writes; an LLM user
 * model is replayed from its response cache (a call the cache cannot answer would go to the
 * server again, and a different answer stops the replay at the first differing tick).
 */
public final class ContinuedRuns {

    /** The run as its database records it. */
    record LoggedRun(String runId, long seed, int threads, String status, int lastCommittedTick, String codeVersion,
            String codeCommit, String scenarioSha256) {

        CheckpointManifest identity() {
            return new CheckpointManifest(runId, scenarioSha256, seed, codeVersion, codeCommit, -1, Map.of());
        }
    }

    private final ScenarioRunner runner;

    public ContinuedRuns(ScenarioRunner runner) {
        this.runner = java.util.Objects.requireNonNull(runner, "runner");
    }

    /**
     * Continues a stopped, failed or killed run to its scenario's last tick: a killed run's
     * database is recovered first ({@link H2EventLog#recover}), then its committed ticks are
     * replayed and checked, and the run goes on in the same folder and database.
     *
     * @param threads replaces the run's thread count if not null (the log does not depend on it)
     * @throws CheckpointException if the run cannot be continued (finished, changed scenario
     *     file, other code, a foreign checkpoint, or killed before any tick was committed, when
     *     nothing is left to resume), naming the file and field
     * @throws OutputLock.BusyException if the run is still going
     */
    public RunResult resume(Path runDir, Integer threads, List<TickListener> listeners, ScenarioRunner.Observer observer)
            throws OutputLock.BusyException {
        Path dir = runDir.toAbsolutePath().normalize();
        Path scenario = dir.resolve("scenario.yaml");
        if (!Files.exists(dir.resolve(H2EventLog.DB_NAME + ".mv.db")) || !Files.exists(scenario)) {
            throw new CheckpointException("no run in " + dir + " (expected recloop.mv.db and scenario.yaml)");
        }
        OutputLock lock;
        try {
            lock = OutputLock.acquire(dir, "recloop resume");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir, e);
        }
        try {
            if (!recorded(dir)) {
                throw new CheckpointException(dir.resolve(H2EventLog.DB_NAME + ".mv.db") + ": no run is recorded in"
                        + " it (the run was stopped before its first rows reached the disk), so there is nothing to"
                        + " resume; " + startOver(scenario));
            }
            H2EventLog.recover(dir);
            LoggedRun run = read(dir);
            if (!List.of("interrupted", "failed").contains(run.status())) {
                throw new CheckpointException(dir + ": the run is '" + run.status() + "'; only an interrupted, failed"
                        + " or killed run can be resumed");
            }
            if (run.lastCommittedTick() < 0) {
                throw new CheckpointException(dir + ": no tick was committed before the run stopped, so there is"
                        + " nothing to resume; " + startOver(scenario));
            }
            ResolvedScenario rs = new ScenarioLoader().load(scenario);
            requireSameCode(dir, run, rs);
            Continuation c = new Continuation(run.runId(), dir, lock, run.lastCommittedTick(), dir, run.identity(), null);
            // the store the run was made with: --store (or --engine spark) may have set it over the file's
            return runner.run(rs, new ScenarioRunner.Options(run.seed(), threads != null ? threads : run.threads(),
                    dir.getParent(), null, null, loggedStore(dir)), listeners, observer,
                    org.recloop.core.sim.RecLoopSim::runToEnd, c);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Starts a new run in a new folder under {@code outDir} that shares the log of {@code
     * parentDir} up to and including {@code atTick} and runs {@code changed} from there. The
     * change may act only after {@code atTick} (an intervention after it, more ticks): the shared
     * ticks are replayed with it and checked against the parent's log, so a change that would
     * have altered them stops the fork, naming the first tick and column that differ.
     *
     * @param changed the parent's scenario with the fork's changes applied (see {@link
     *     #parentScenario})
     */
    public RunResult fork(Path parentDir, int atTick, ResolvedScenario changed, Path outDir, Integer threads,
            List<TickListener> listeners, ScenarioRunner.Observer observer) throws OutputLock.BusyException {
        Path parent = parentDir.toAbsolutePath().normalize();
        LoggedRun run = read(parent);
        if (atTick < 0 || atTick > run.lastCommittedTick()) {
            throw new CheckpointException(parent + ": --at must be a committed tick, 0 to " + run.lastCommittedTick()
                    + ", was " + atTick);
        }
        requireSameCode(parent, run, null);
        if (changed.scenario().ticks() != null && changed.scenario().ticks() <= atTick + 1) {
            throw new CheckpointException("ticks: the fork must run past tick " + atTick + ", was "
                    + changed.scenario().ticks());
        }
        OutputLock parentLock;
        try {
            parentLock = OutputLock.acquire(parent, "recloop fork");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + parent, e);
        }
        Continuation c = new Continuation(null, null, null, atTick, parent, run.identity(), parentLock);
        try {
            // the parent's store, unless the changes name one: the fork continues the parent's files
            String store = changed.namesLogStore() ? null : loggedStore(parent);
            return runner.run(changed, new ScenarioRunner.Options(run.seed(), threads != null ? threads : run.threads(),
                    outDir, null, null, store), listeners, observer, org.recloop.core.sim.RecLoopSim::runToEnd, c);
        } finally {
            parentLock.close(); // closed after the copy already; closing twice is harmless
        }
    }

    private static boolean recorded(Path dir) {
        try {
            return RunRow.recorded(dir);
        } catch (EventLogException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    /** What to do with a run that holds nothing to resume. */
    private static String startOver(Path scenario) {
        return "start it again with: recloop run " + scenario + " (this folder can then be deleted)";
    }

    /** The scenario file of a logged run, to apply a fork's changes to. */
    public static Path parentScenario(Path runDir) {
        return runDir.toAbsolutePath().normalize().resolve("scenario.yaml");
    }

    /** Refuses to continue a run made by other code, or whose scenario file changed since. */
    private static void requireSameCode(Path dir, LoggedRun run, ResolvedScenario rs) {
        CheckpointManifest now = new CheckpointManifest(run.runId(),
                rs == null ? run.scenarioSha256() : RunProvenance.of(rs).scenarioSha256(), run.seed(),
                RunProvenance.version(), RunProvenance.commit().orElse(""), -1, Map.of());
        run.identity().mismatch(now).ifPresent(why -> {
            throw new CheckpointException(dir.resolve("recloop.mv.db") + " (runs table): "
                    + (why.startsWith("scenarioSha256") ? "scenario.yaml was changed since the run started; " : "")
                    + why);
        });
    }

    private static LoggedRun read(Path dir) {
        RunRow r;
        try {
            r = RunRow.read(dir);
        } catch (EventLogException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        return new LoggedRun(r.runId(), r.seed(), r.threads(), r.status(), r.lastCommittedTick(), r.codeVersion(),
                r.codeCommit(), r.scenarioSha256());
    }

    /** The {@code log.store} a run's {@code resolved.json} records, or null (a run from before it did). */
    static String loggedStore(Path runDir) {
        Path resolved = runDir.resolve("resolved.json");
        if (!Files.exists(resolved)) {
            return null;
        }
        try {
            String store = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(resolved))
                    .path("log").path("store").asText("");
            return store.isEmpty() ? null : store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resolved, e);
        }
    }
}
