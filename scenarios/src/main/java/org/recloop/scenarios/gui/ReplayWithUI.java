package org.recloop.scenarios.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.recloop.core.sim.TickSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sim.display.Controller;
import sim.display.Display2D;
import sim.display.GUIState;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The GUI over a finished run ({@code recloop gui --replay RUN}): the displays of a live run
 * (preference map, follow graph where the scenario has one, metrics chart, inspectors) driven
 * from the run's log by a {@link ReplayRun}, one committed tick per schedule step. MASON's
 * Console steps it at any speed (its delay slider), pauses and steps it one tick at a time, and
 * play after stop starts the replay again from the first tick. Nothing is simulated and nothing
 * is written: a 50k-user or LLM run is watched at the cost of reading its log.
 */
public final class ReplayWithUI extends GUIState {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayWithUI.class);

    private final Path runDir;
    private final int maxUsersDrawn;
    private final int refreshEvery;
    private final RecLoopDisplays displays;
    private final CountDownLatch quit = new CountDownLatch(1);
    private ReplayRun opened; // opened by the constructor, used by the first start
    private ReplayRun replay;
    private PreferenceMap map;

    private ReplayWithUI(ReplayRun first, int maxUsersDrawn, int refreshEvery) {
        super(new SimState(first.run().seed()));
        this.runDir = first.dir();
        this.opened = first;
        this.maxUsersDrawn = maxUsersDrawn;
        this.refreshEvery = refreshEvery;
        this.displays = new RecLoopDisplays(SocialGraphs.declared(resolvedConfig(first.dir())));
    }

    /**
     * Opens the run in {@code runDir} for replay.
     *
     * @throws NotReplayable if the folder is not a run, a live process still writes it, or it
     *     cannot be read
     */
    public static ReplayWithUI open(Path runDir, int maxUsersDrawn, int refreshEvery) throws NotReplayable {
        return new ReplayWithUI(ReplayRun.open(runDir), maxUsersDrawn, refreshEvery);
    }

    /** A folder {@code recloop gui --replay} cannot show; the message is one line naming it and why. */
    public static final class NotReplayable extends Exception {
        private static final long serialVersionUID = 1L;

        NotReplayable(String message) {
            super(message);
        }
    }

    /** The run's resolved scenario (resolved.json), or an empty object if it cannot be read. */
    private static JsonNode resolvedConfig(Path dir) {
        Path file = dir.resolve("resolved.json");
        try {
            return Files.isRegularFile(file) ? new ObjectMapper().readTree(file.toFile())
                    : new ObjectMapper().createObjectNode();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
            return new ObjectMapper().createObjectNode();
        }
    }

    public static String getName() {
        return "RecLoop replay";
    }

    @Override
    public void init(Controller c) {
        super.init(c);
        displays.init(this, c);
    }

    @Override
    public void start() {
        super.start();
        displays.charts.clear();
        if (replay != null) {
            replay.close();
        }
        replay = opened;
        opened = null;
        if (replay == null) {
            try {
                replay = ReplayRun.open(runDir); // a second play: from the first tick again
            } catch (NotReplayable e) {
                LOG.error("cannot replay: {}", e.getMessage());
                return;
            }
        }
        ReplayRun r = replay;
        map = new PreferenceMap(maxUsersDrawn, RecLoopWithUI.GRAPH_USERS, r.trail());
        map.refresh(r.world(), r.streams(), r.exposures());
        displays.attach(map);
        LOG.info("replaying {} ({} ticks, status {})", runDir, r.ticks(), r.run().status());
        state.schedule.scheduleRepeating((Steppable) s -> {
            TickSummary t = r.step();
            displays.charts.onTick(t);
            if (r.replayed() % refreshEvery == 0 || r.done()) {
                map.refresh(r.world(), r.streams(), r.exposures());
            }
        });
    }

    /** One logged tick; false (the Console stops) once every committed tick has been shown. */
    @Override
    public boolean step() {
        if (replay == null || replay.done()) {
            return false;
        }
        return super.step();
    }

    @Override
    public void finish() {
        super.finish();
        // keep the replay's world for the inspectors until the next start or quit
    }

    @Override
    public void quit() {
        super.quit();
        displays.quit();
        if (replay != null) {
            replay.close();
            replay = null;
        }
        if (opened != null) {
            opened.close();
            opened = null;
        }
        quit.countDown();
    }

    /** Opens MASON's Console over this replay (on Swing's thread). */
    public void openConsole() throws InterruptedException, java.lang.reflect.InvocationTargetException {
        javax.swing.SwingUtilities.invokeAndWait(() -> new sim.display.Console(this).setVisible(true));
    }

    /** Waits until the Console is closed. */
    public void awaitQuit() throws InterruptedException {
        quit.await();
    }

    // ---------------------------------------------------------------- for tests

    ReplayRun replay() {
        return replay;
    }

    PreferenceMap map() {
        return map;
    }

    MetricCharts charts() {
        return displays.charts;
    }

    Display2D mapDisplay() {
        return displays.mapDisplay();
    }

    Display2D graphDisplay() {
        return displays.graphDisplay();
    }
}
