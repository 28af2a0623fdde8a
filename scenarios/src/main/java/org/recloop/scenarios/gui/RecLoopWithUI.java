package org.recloop.scenarios.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sim.display.Controller;
import sim.display.Display2D;
import sim.display.GUIState;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The MASON GUI over a scenario: a preference-space map, the sampled follow graph and a metrics
 * chart, stepped by MASON's Console. Each press of play builds a new run through the {@link
 * ScenarioRunner} ({@link LiveRun}) with the Console's seed and the edited {@link
 * ScenarioParameters}, and makes its {@link RecLoopSim} this GUI's {@code state}: the Console
 * steps the very model {@code recloop run} steps, one schedule step per tick, so the run folder
 * and the log are the same as a headless run's. Stop, or the last tick, ends the run: it is
 * recorded as 'finished' or 'interrupted' like a headless one.
 *
 * <p>The displays read the world only between ticks (MASON draws under the schedule's lock) and
 * draw at most {@link ScenarioParameters#getMaxUsersDrawn()} users, so the window stays
 * responsive whatever the population.
 */
public final class RecLoopWithUI extends GUIState {

    private static final Logger LOG = LoggerFactory.getLogger(RecLoopWithUI.class);
    /** Users whose follows the graph display shows (with the accounts they follow). */
    static final int GRAPH_USERS = 150;

    private final ScenarioParameters params;
    private final ScenarioRunner.Options options;
    private final RecLoopDisplays displays;
    private final MetricCharts charts;
    private final CountDownLatch quit = new CountDownLatch(1);
    private PreferenceMap map;
    private UserTrail trail;
    private LiveRun run;
    private RunResult lastResult;
    private StopSignal.Subscription stopSignal;

    /**
     * @param file the scenario file (named in errors about edited parameters)
     * @param rs the scenario
     * @param options seed (the Console's initial seed; else the scenario's), threads, output folder
     * @param maxUsersDrawn users (and items) the map draws at most
     * @param refreshEvery ticks between map refreshes
     */
    public RecLoopWithUI(Path file, ResolvedScenario rs, ScenarioRunner.Options options, int maxUsersDrawn,
            int refreshEvery) {
        super(new SimState(options.seed() != null ? options.seed() : rs.scenario().seed()));
        this.params = new ScenarioParameters(file, rs, maxUsersDrawn, refreshEvery);
        this.options = options;
        this.displays = new RecLoopDisplays(SocialGraphs.declared(rs.resolved()));
        this.charts = displays.charts;
    }

    public static String getName() {
        return "RecLoop";
    }

    @Override
    public Object getSimulationInspectedObject() {
        return params;
    }

    @Override
    public void init(Controller c) {
        super.init(c);
        displays.init(this, c);
    }

    @Override
    public void start() {
        long seed = state.seed(); // the Console's seed field, set just before start
        charts.clear();
        try {
            ResolvedScenario rs = params.resolve();
            trail = new UserTrail();
            trail.track(new int[0]); // nobody until the map has drawn its sample
            run = LiveRun.start(rs, new ScenarioRunner.Options(seed, options.threads(), options.outDir(), null,
                    options.data()), List.of(charts), trail);
            state = run.sim();
            map = new PreferenceMap(params.getMaxUsersDrawn(), GRAPH_USERS,
                    new UserNode.Sources(trail, run.memories(), run.sim().schedule));
        } catch (RuntimeException e) {
            run = null;
            state = new SimState(seed); // nothing to step: the Console stops at once
            LOG.error("cannot start the run: {}", e.getMessage());
            if (controller != null) {
                JOptionPane.showMessageDialog(null, e.getMessage(), "RecLoop: cannot start", JOptionPane.ERROR_MESSAGE);
            }
        }
        super.start();
        if (run == null) {
            return;
        }
        LOG.info("run folder {}", run.runDir());
        RecLoopSim sim = run.sim();
        refreshMap(sim);
        displays.attach(map);
        stopSignal = StopSignal.onStop(this::stopFromSignal);
        int every = params.getRefreshEvery();
        scheduleRepeatingImmediatelyAfter((Steppable) s -> {
            if (sim.ticksDone() % every == 0) {
                refreshMap(sim);
            }
        });
    }

    /**
     * Refreshes the map, and has the trail follow the drawn users: the user inspector shows the
     * recent slates and events of those users (at most {@link ScenarioParameters#getMaxUsersDrawn()}
     * of them, so the trail stays small whatever the population).
     */
    private void refreshMap(RecLoopSim sim) {
        map.refresh(sim);
        trail.track(map.drawnUserIds());
    }

    /**
     * Ctrl-C or SIGTERM: the process is about to end. A headless run finishes its tick and
     * records 'interrupted'; here the Console may be paused, so nothing would step the run to
     * that point. The Console's stop does what its stop button does (finish the run, recording
     * 'interrupted'); without a Console (tests) the run is ended directly under the schedule's
     * lock, so it never overlaps a tick.
     */
    private void stopFromSignal() {
        if (controller instanceof sim.display.Console console) {
            SwingUtilities.invokeLater(console::pressStop);
        } else {
            synchronized (state.schedule) {
                finish();
            }
        }
    }

    /** One tick; false (the Console stops) once the run has all its ticks, was asked to stop, or failed. */
    @Override
    public boolean step() {
        if (run == null || !run.sim().wantsMoreTicks()) {
            return false;
        }
        try {
            return super.step();
        } catch (RuntimeException | Error e) {
            LOG.error("tick failed: {}", e.toString());
            run.failed(e);
            return false;
        }
    }

    @Override
    public void finish() {
        super.finish();
        if (stopSignal != null) {
            stopSignal.close();
            stopSignal = null;
        }
        if (run != null) {
            lastResult = run.end();
            if (lastResult != null) {
                LOG.info("run {} {} after {} ticks", lastResult.runId(), lastResult.status().label(),
                        lastResult.ticks());
            }
            run = null;
        }
    }

    @Override
    public void quit() {
        super.quit();
        displays.quit();
        quit.countDown();
    }

    /** Opens MASON's Console over this GUI (on Swing's thread); the Console's play starts a run. */
    public void openConsole() throws InterruptedException, java.lang.reflect.InvocationTargetException {
        javax.swing.SwingUtilities.invokeAndWait(() -> new sim.display.Console(this).setVisible(true));
    }

    /** Waits until the Console is closed. */
    public void awaitQuit() throws InterruptedException {
        quit.await();
    }

    // ---------------------------------------------------------------- for tests and measurements

    /** The result of the last ended run, or null. */
    RunResult lastResult() {
        return lastResult;
    }

    /** The running model, or null between runs. */
    RecLoopSim sim() {
        return run == null ? null : run.sim();
    }

    PreferenceMap map() {
        return map;
    }

    /** The recent slates and events of the drawn users of the current (or last) run. */
    UserTrail trail() {
        return trail;
    }

    MetricCharts charts() {
        return charts;
    }

    Display2D mapDisplay() {
        return displays.mapDisplay();
    }

    Display2D graphDisplay() {
        return displays.graphDisplay();
    }

    MapPortrayals portrayals() {
        return displays.portrayals;
    }
}
