package org.recloop.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.recloop.scenarios.runner.ContinuedRuns;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.SizeLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop resume RUN [--threads N]}: continue a stopped or killed run to its last tick. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an interrupted, failed or killed run to its scenario's last tick, in its own folder;"
                + " the log is the one an uninterrupted run writes.")
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LlmOverrides llm = new LlmOverrides();

    @Parameters(index = "0", paramLabel = "RUN", description = "run folder")
    Path run;

    @Option(names = "--threads", description = "worker threads, 1 to " + SizeLimits.MAX_THREADS
            + " (default: the run's); results do not depend on it")
    Integer threads;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(execute());
        }
    }

    private int execute() {
        var err = spec.commandLine().getErr();
        if (ContinuedRunCall.refused(err, "resume", threads, llm, run)) {
            return 2;
        }
        return ContinuedRunCall.execute("resume", spec.commandLine().getOut(), err,
                () -> new ContinuedRuns(new ScenarioRunner(llm.environment())).resume(run, threads, List.of(),
                        new ScenarioRunner.Observer() {}));
    }
}
