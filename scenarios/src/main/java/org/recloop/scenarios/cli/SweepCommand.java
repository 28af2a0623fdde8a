package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.recloop.analysis.report.PairedComparison;
import org.recloop.analysis.report.SummaryPairs;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.io.DataFileException;
import org.recloop.scenarios.output.OutputLock;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.recloop.scenarios.schema.SizeLimits;
import org.recloop.scenarios.runner.MemoryEstimate;
import org.recloop.scenarios.study.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop sweep SCENARIO --param path=v1,v2 --seeds N --out DIR}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a scenario over a grid of parameter values x seeds (common random numbers across arms), "
                + "then aggregate final-tick metrics with means and 95%% confidence intervals.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LlmOverrides llm = new LlmOverrides();

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenario;

    @Option(names = "--param", paramLabel = "PATH=V1,V2", description = "a grid axis, e.g. recommender.type=als,random or users.driftRate=0,0.05; repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "5", description = "seeds per arm (default ${DEFAULT-VALUE}): the scenario's seed, seed+1, ...")
    int seeds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the runs and summary.csv")
    Path out;

    @Option(names = "--parallel", description = "runs at a time (default: processors / threads per run)")
    Integer parallel;

    @Option(names = "--threads", defaultValue = "1", description = "worker threads per run (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--baseline", paramLabel = "ARM", description = "the arm the others are compared with, seed by seed,"
            + " in paired.csv (default: the first arm)")
    String baseline;

    @Option(names = "--from-tick", paramLabel = "T", defaultValue = "0", description = "paired.csv also compares the"
            + " mean over ticks >= T (default ${DEFAULT-VALUE}: all ticks)")
    int fromTick;

    @Option(names = "--strict", description = "refuse data files with rows that would be dropped or merged"
            + " (duplicates, negative ratings, self-follows) instead of reporting them")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(execute());
        }
    }

    private int execute() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seeds <= 0 || threads <= 0 || (parallel != null && parallel <= 0)) {
            err.println("recloop sweep: --seeds, --threads and --parallel must be > 0");
            return 2;
        }
        if (threads > SizeLimits.MAX_THREADS || (parallel != null && parallel > SizeLimits.MAX_THREADS)) {
            err.println("recloop sweep: --threads and --parallel must be at most " + SizeLimits.MAX_THREADS);
            return 2;
        }
        if (llm.problem() != null) {
            err.println("recloop sweep: " + llm.problem());
            return 2;
        }
        if (fromTick < 0) {
            err.println("recloop sweep: --from-tick must be >= 0");
            return 2;
        }
        if (PathArguments.refused(err, "sweep", "--out", out)) {
            return 2;
        }
        String text;
        try {
            text = ScenarioText.read(scenario);
        } catch (ScenarioText.Unreadable e) {
            err.println("invalid scenario " + e.getMessage());
            return 2;
        }
        List<Sweep.Axis> axes = new ArrayList<>();
        try {
            for (String p : params) {
                axes.add(Sweep.Axis.parse(p));
            }
        } catch (IllegalArgumentException e) {
            err.println("recloop sweep: " + e.getMessage());
            return 2;
        }
        Sweep sweep = new Sweep(llm.environment());
        List<Sweep.Point> points;
        try {
            long first = new ScenarioLoader().parse(text, scenario.toString()).scenario().seed();
            List<Long> seedList = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                seedList.add(first + i);
            }
            points = sweep.plan(scenario, text, axes, seedList);
            requireMemory(points);
            if (baseline != null && points.stream().noneMatch(p -> p.arm().equals(baseline))) {
                err.println("recloop sweep: --baseline '" + baseline + "' is not an arm; the arms are "
                        + points.stream().map(Sweep.Point::arm).distinct().toList());
                return 2;
            }
        } catch (ScenarioException e) {
            err.println("invalid scenario " + e.getMessage());
            return 2;
        }
        // the sweep owns its whole --out: summary.csv and runs/ (see OutputLock)
        OutputLock lock;
        try {
            lock = OutputLock.acquire(out, Invocation.of(spec));
        } catch (OutputLock.BusyException e) {
            err.println("recloop sweep: " + e.getMessage());
            return OutputLock.EXIT_BUSY;
        }
        try (lock) {
            return runAndSummarize(o, err, sweep, points);
        }
    }

    private int runAndSummarize(PrintWriter o, PrintWriter err, Sweep sweep, List<Sweep.Point> points)
            throws Exception {
        int par = parallelRuns();
        Path runs = out.resolve("runs");
        o.printf(Locale.ROOT, "sweep: %d arms x %d seeds = %d runs, %d at a time -> %s%n", points.size() / seeds, seeds,
                points.size(), par, out);
        o.flush();
        List<Sweep.Outcome> outcomes;
        try {
            int[] doneCount = {0};
            outcomes = sweep.run(points, runs, par, threads, strict ? LoadPolicy.STRICT : LoadPolicy.LENIENT, r -> {
                doneCount[0]++;
                o.printf(Locale.ROOT, "  [%d/%d] %s seed %d: %s (%s)%n", doneCount[0], points.size(), r.arm(), r.seed(),
                        r.result().status().label(), r.result().runDir().getFileName());
                o.flush();
            });
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof DataFileException d) {
                err.println("invalid data file " + d.getMessage());
                return 2;
            }
            if (c instanceof ScenarioException s) { // a world read from a file, too large once loaded
                err.println("invalid scenario " + s.getMessage());
                return 2;
            }
            err.println("sweep failed: " + c);
            return 1;
        }
        long degraded = outcomes.stream()
                .filter(x -> x.result().status() == org.recloop.core.log.RunStatus.DEGRADED).count();
        if (degraded > 0) {
            o.printf(Locale.ROOT, "warning: %d of %d runs degraded (more failed LLM calls than users.maxFailureShare"
                    + " allows); their metrics are in the summary%n", degraded, outcomes.size());
        }
        List<Sweep.Stat> stats = Sweep.aggregate(outcomes);
        Map<String, List<String>> incomplete = Sweep.incomplete(points, outcomes);
        List<PairedComparison.Row> paired = SweepPairs.compare(outcomes, new PairedComparison.Options(baseline, fromTick));
        SummaryPairs pairs = SummaryPairs.of(paired);
        StringBuilder csv = new StringBuilder("arm,metric,n,mean,ci_low,ci_high,incomplete," + SummaryPairs.HEADER + "\n");
        o.println();
        o.printf(Locale.ROOT, "  %-40s %-22s %3s %12s %25s%n", "arm", "metric", "n", "mean", "95% CI");
        for (Sweep.Stat st : stats) {
            csv.append('"').append(st.arm().replace("\"", "\"\"")).append("\",").append(st.metric()).append(',')
                    .append(st.n()).append(',').append(fmt(st.mean())).append(',').append(fmt(st.low())).append(',')
                    .append(fmt(st.high())).append(',').append(String.join(" ", incomplete.getOrDefault(st.arm(),
                            List.of()))).append(pairs.cells(st.arm(), st.metric())).append('\n');
            o.printf(Locale.ROOT, "  %-40s %-22s %3d %12.5f   [%10.5f, %10.5f]%n", st.arm(), st.metric(), st.n(),
                    st.mean(), st.low(), st.high());
        }
        Set<String> armsWithStats = new HashSet<>();
        stats.forEach(st -> armsWithStats.add(st.arm()));
        for (Map.Entry<String, List<String>> e : incomplete.entrySet()) {
            if (!armsWithStats.contains(e.getKey())) { // no finished run: the arm still gets a row
                csv.append('"').append(e.getKey().replace("\"", "\"\"")).append("\",,0,,,,")
                        .append(String.join(" ", e.getValue())).append(",,,,,,\n");
            }
        }
        int left = incomplete.values().stream().mapToInt(List::size).sum();
        if (left > 0) {
            o.println();
            o.printf(Locale.ROOT, "interrupted: %d of %d runs finished; left out of the means:%n", points.size() - left,
                    points.size());
            incomplete.forEach((arm, missing) -> o.printf(Locale.ROOT, "  %-40s seed %s%n", arm,
                    String.join(", seed ", missing).replace(":", " ")));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.csv"), csv.toString());
        o.println("summary   " + out.resolve("summary.csv").toAbsolutePath());
        if (SweepPairs.write(paired, out.resolve("paired.csv"))) {
            o.println("paired    " + out.resolve("paired.csv").toAbsolutePath());
        }
        o.println("report    recloop report " + runs + " --out " + out.resolve("report"));
        o.flush();
        return left > 0 ? StopSignal.EXIT_INTERRUPTED : 0;
    }

    private int parallelRuns() {
        return parallel != null ? parallel : Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
    }

    /**
     * Refuses a sweep whose runs at a time would not fit the heap together, before its folder
     * exists. Worlds read from files are estimated by each run once loaded.
     */
    private void requireMemory(List<Sweep.Point> points) {
        int atOnce = Math.min(parallelRuns(), points.size());
        points.stream().map(p -> MemoryEstimate.stated(p.scenario()).map(e -> Map.entry(p, e)))
                .flatMap(java.util.Optional::stream)
                .max(java.util.Comparator.comparingLong(x -> x.getValue().total()))
                .ifPresent(x -> x.getValue().requireFits(x.getKey().scenario().file(), atOnce,
                        Runtime.getRuntime().maxMemory()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

}
