package org.recloop.scenarios.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.recloop.scenarios.runner.ContinuedRuns;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.study.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop fork RUN --at TICK --set path=value... --out DIR}. */
@Command(name = "fork", mixinStandardHelpOptions = true,
        description = "Start a new run that shares RUN's log up to and including tick TICK and runs the changed"
                + " scenario from there; the change must act after TICK (an intervention after it, more ticks).")
final class ForkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LlmOverrides llm = new LlmOverrides();

    @Parameters(index = "0", paramLabel = "RUN", description = "the parent run's folder")
    Path run;

    @Option(names = "--at", required = true, paramLabel = "TICK", description = "last tick shared with the parent (committed in its log)")
    int at;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "a changed scenario field, as sweep's --param"
            + " with one value, e.g. interventions[0].tick=30 or ticks=200; repeatable")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "parent folder of the fork's run folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: the parent's); results do not depend on it")
    Integer threads;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(execute());
        }
    }

    private int execute() {
        var err = spec.commandLine().getErr();
        if (ContinuedRunCall.refused(err, "fork", threads, llm, run)) {
            return 2;
        }
        if (PathArguments.refused(err, "fork", "--out", out)) {
            return 2;
        }
        List<Sweep.Axis> axes = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                err.println("recloop fork: --set must be PATH=VALUE, was '" + s + "'");
                return 2;
            }
            axes.add(new Sweep.Axis(s.substring(0, eq), List.of(s.substring(eq + 1))));
        }
        return ContinuedRunCall.execute("fork", spec.commandLine().getOut(), err, () -> {
            Path file = ContinuedRuns.parentScenario(run);
            if (!Files.exists(file)) {
                throw new ScenarioException(file.toString(), "", "no such file (is " + run + " a run folder?)");
            }
            String text;
            try {
                text = Files.readString(file);
            } catch (java.io.IOException e) {
                throw new ScenarioException(file.toString(), "", "cannot read: " + e.getMessage());
            }
            // the parent's seed is used whatever the scenario says (the fork shares its draws)
            var point = new Sweep(llm.environment()).plan(file, text, axes, List.of(0L)).get(0);
            return new ContinuedRuns(new ScenarioRunner(llm.environment())).fork(run, at, point.scenario(), out,
                    threads, List.of(), new ScenarioRunner.Observer() {});
        });
    }
}
