package org.recloop.scenarios.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recloop.core.sim.SimConfig;
import org.recloop.scenarios.gui.RecLoopWithUI;
import org.recloop.scenarios.gui.ReplayWithUI;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.recloop.scenarios.schema.SizeLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recloop gui SCENARIO [--seed N] [--out DIR] [--threads N] [--max-users N] [--refresh-every N]},
 * or {@code recloop gui --replay RUN [--max-users N] [--refresh-every N]}.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Watch a scenario in the MASON GUI: Console (play, pause, step, speed, seed, parameters),"
                + " a preference-space map, the follow graph and metric charts. Each play writes a run folder"
                + " like 'recloop run'. With --replay RUN, the same displays show a finished run from its log,"
                + " at any speed, without writing to it.")
final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenario;

    @Option(names = "--replay", paramLabel = "RUN", description = "replay a finished run folder instead of running a"
            + " scenario (read-only)")
    Path replay;

    @Option(names = "--seed", description = "the Console's initial seed (default: the scenario's)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "parent folder of run folders (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--threads", description = "worker threads, 1 to " + SizeLimits.MAX_THREADS
            + " (default: the scenario's, else all processors); results do not depend on it")
    Integer threads;

    @Option(names = "--max-users", paramLabel = "N", defaultValue = "2000",
            description = "users (and items) drawn at most, a seeded sample (default: ${DEFAULT-VALUE})")
    int maxUsers;

    @Option(names = "--refresh-every", paramLabel = "TICKS", defaultValue = "2",
            description = "ticks between refreshes of the preference map (default: ${DEFAULT-VALUE})")
    int refreshEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && (threads <= 0 || threads > SimConfig.Run.MAX_THREADS)) {
            err.println("recloop gui: --threads must be between 1 and " + SimConfig.Run.MAX_THREADS + ", was " + threads);
            return 2;
        }
        if (maxUsers <= 0 || refreshEvery <= 0) {
            err.println("recloop gui: --max-users and --refresh-every must be positive, were " + maxUsers + " and "
                    + refreshEvery);
            return 2;
        }
        if ((scenario == null) == (replay == null)) {
            err.println("recloop gui: give either a SCENARIO file or --replay RUN");
            return 2;
        }
        if (replay != null) {
            return replay(err);
        }
        if (PathArguments.refused(err, "gui", "--out", out)) {
            return 2;
        }
        if (GraphicsEnvironment.isHeadless()) {
            err.println(NO_DISPLAY);
            return 2;
        }
        ResolvedScenario rs;
        try {
            ScenarioText.read(scenario);
            rs = new ScenarioLoader().load(scenario);
        } catch (ScenarioText.Unreadable | ScenarioException e) {
            err.println("invalid scenario " + e.getMessage());
            return 2;
        }
        RecLoopWithUI gui = new RecLoopWithUI(scenario, rs, new ScenarioRunner.Options(seed, threads, out), maxUsers,
                refreshEvery);
        gui.openConsole();
        gui.awaitQuit();
        return 0;
    }

    private static final String NO_DISPLAY = "recloop gui: no display: set DISPLAY, or run it under xvfb-run";

    /** {@code --replay RUN}: the folder is checked (a run, not being written) before any window opens. */
    private int replay(PrintWriter err) throws Exception {
        if (PathArguments.refused(err, "gui", "--replay", replay)) {
            return 2;
        }
        ReplayWithUI gui;
        try {
            gui = ReplayWithUI.open(replay, maxUsers, refreshEvery);
        } catch (ReplayWithUI.NotReplayable e) {
            err.println("recloop gui: cannot replay: " + e.getMessage());
            return 2;
        }
        if (GraphicsEnvironment.isHeadless()) {
            gui.quit(); // closes the log
            err.println(NO_DISPLAY);
            return 2;
        }
        gui.openConsole();
        gui.awaitQuit();
        return 0;
    }
}
