package org.recloop.scenarios.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.recloop.core.capability.AgentMemories;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.UserModel;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.TickListener;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run stepped by a console instead of {@link RecLoopSim#runToEnd}. The {@link ScenarioRunner}
 * builds it exactly as for {@code recloop run} (world, run folder, database, metrics.csv, status)
 * on a thread of its own, hands the model over through its {@link ScenarioRunner.Driver} and waits
 * there until the console has ended the run ({@link #end}); then it records the final status and
 * closes the run folder as it always does.
 *
 * <p>Threading: {@link #start} and {@link #end} are called by the console (Swing's thread), the
 * ticks are stepped by the console's model thread in between; the three never overlap.
 */
final class LiveRun {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);

    private final CompletableFuture<RecLoopSim> built = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread runner;
    private volatile Path runDir;
    private volatile Throwable failure; // a tick that threw
    private volatile RunResult result;
    private volatile Throwable runnerFailure;
    private RecLoopSim sim;
    private volatile AgentMemories memories; // set before the model is handed over

    private LiveRun(ResolvedScenario rs, ScenarioRunner.Options options, List<TickListener> listeners,
            UserTrail trail) {
        ScenarioRunner.Observer observer = new ScenarioRunner.Observer() {
            @Override
            public void started(String runId, Path dir, RecLoopSim s) {
                runDir = dir;
            }

            @Override
            public void userModel(UserModel model) {
                memories = model instanceof AgentMemories m ? m : null;
            }

            @Override
            public void tick(TickView view) {
                trail.record(view);
            }
        };
        runner = new Thread(() -> {
            try {
                result = new ScenarioRunner().run(rs, options, listeners, observer, this::drive);
            } catch (RuntimeException | Error e) {
                runnerFailure = e;
                built.completeExceptionally(e);
            }
        }, "recloop-gui-run");
        runner.setDaemon(true);
    }

    /**
     * Builds the run and returns once its model can be stepped ({@code start()} not yet called).
     * A scenario the runner refuses (too large, bad data) throws its exception here.
     *
     * @param trail told each tick's slates and events on the model thread (it keeps the users it tracks)
     */
    static LiveRun start(ResolvedScenario rs, ScenarioRunner.Options options, List<TickListener> listeners,
            UserTrail trail) {
        LiveRun run = new LiveRun(rs, options, listeners, trail);
        run.runner.start();
        try {
            run.sim = run.built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        return run;
    }

    /** The runner's driver: hands the model to the console and waits until the console ends it. */
    private void drive(RecLoopSim s) {
        built.complete(s);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the console ran", e);
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    RecLoopSim sim() {
        return sim;
    }

    /** The scenario's user model as agent memories (an LLM model), or null (rule models have none). */
    AgentMemories memories() {
        return memories;
    }

    Path runDir() {
        return runDir;
    }

    /** Records that a tick threw: the run ends as 'failed' with this error. */
    void failed(Throwable e) {
        if (failure == null) {
            failure = e;
            sim.recordFailure(e);
        }
    }

    /**
     * Ends the run after {@code sim.finish()}: records 'finished' or 'interrupted' (unless a tick
     * failed), lets the runner close the run folder and waits for it.
     *
     * @return the run's result, or null if it failed (the failure is logged)
     */
    RunResult end() {
        if (failure == null) {
            try {
                sim.recordEnd();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        ended.countDown();
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runnerFailure != null) {
            LOG.error("run in {} failed: {}", runDir, runnerFailure.toString());
        }
        return result;
    }
}
