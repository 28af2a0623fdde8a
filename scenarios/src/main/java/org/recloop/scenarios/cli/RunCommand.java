package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.recloop.core.log.RunStatus;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.TickListener;
import org.recloop.core.world.LoadPolicy;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioException;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.recloop.scenarios.schema.SizeLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop run SCENARIO [--seed N] [--out DIR] [--threads N]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario file headless and write its run folder (H2 database, metrics.csv).")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    LlmOverrides llm = new LlmOverrides();

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenario;

    @Option(names = "--seed", description = "run seed (default: the scenario's)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "parent folder of run folders (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--threads", description = "worker threads, 1 to " + SizeLimits.MAX_THREADS
            + " (default: the scenario's, else all processors); results do not depend on it")
    Integer threads;

    @Option(names = "--no-progress", description = "do not draw the progress bar")
    boolean noProgress;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "where the users' phases run: local (the default: this process's threads) or spark"
                    + " (needs recloop-spark.jar; bin/recloop picks it for --engine spark)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: the Spark master,"
            + " e.g. local[2] (the default: local[*]) or spark://host:7077")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "with --engine spark: user partitions"
            + " (default: the master's cores); results do not depend on it")
    Integer partitions;

    @Option(names = "--store", paramLabel = "STORE", description = "where events and slates go: h2 (the run's"
            + " database) or parquet (files per tick under log/); default: the scenario's log.store, else h2, and"
            + " parquet with --engine spark")
    String store;

    @Option(names = "--strict", description = "refuse data files with rows that would be dropped or merged"
            + " (duplicates, negative ratings, self-follows) instead of reporting them")
    boolean strict;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(execute());
        }
    }

    private int execute() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && (threads <= 0 || threads > SizeLimits.MAX_THREADS)) {
            err.println("recloop run: --threads must be between 1 and " + SizeLimits.MAX_THREADS + ", was " + threads);
            return 2;
        }
        if (llm.problem() != null) {
            err.println("recloop run: " + llm.problem());
            return 2;
        }
        if (PathArguments.refused(err, "run", "--out", out)) {
            return 2;
        }
        ResolvedScenario rs;
        try {
            ScenarioText.read(scenario); // a UTF-16 or binary file: say so before parsing it
            rs = new ScenarioLoader().load(scenario);
        } catch (ScenarioText.Unreadable e) {
            err.println("invalid scenario " + e.getMessage());
            return 2;
        } catch (ScenarioException e) {
            err.println("invalid scenario " + e.getMessage());
            return 2;
        }
        int ticks = rs.scenario().ticks();
        List<TickListener> listeners = new ArrayList<>();
        ProgressBar[] bar = new ProgressBar[1];
        long[] events = new long[1];
        long t0 = System.nanoTime();
        if (!noProgress) {
            listeners.add(t -> {
                events[0] += t.events() + t.exposures();
                double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
                bar[0].setExtraMessage(String.format(Locale.ROOT, "%,.0f rows/s", events[0] / secs));
                bar[0].stepTo(t.tick() + 1L);
            });
        }
        ScenarioRunner.Observer observer = new ScenarioRunner.Observer() {
            @Override
            public void dataLoaded(List<org.recloop.core.world.LoadReport> reports) {
                DataReportLines.print(o, reports);
            }

            @Override
            public void started(String runId, Path runDir, RecLoopSim sim) {
                o.println("run " + runId + "  ->  " + runDir);
                o.flush();
                if (!noProgress) {
                    bar[0] = new ProgressBarBuilder().setTaskName("ticks").setInitialMax(ticks)
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                            .build();
                }
            }
        };
        Engines.Outcome r;
        org.recloop.core.sim.TickEngine tickEngine;
        try {
            tickEngine = Engines.open(engine, master, partitions, store, rs, scenario, seed, threads, llm);
        } catch (Engines.Refused e) {
            err.println("recloop run: " + e.getMessage());
            return 2;
        }
        try (org.recloop.core.sim.TickEngine closing = tickEngine) {
            ScenarioRunner.Options options = new ScenarioRunner.Options(seed, threads, out, null,
                    strict ? LoadPolicy.STRICT : LoadPolicy.LENIENT, Engines.store(store, engine, rs));
            r = Engines.run(new ScenarioRunner(llm.environment()), closing, rs, options, listeners, observer);
        } catch (org.recloop.core.world.io.DataFileException e) {
            err.println("invalid data file " + e.getMessage());
            return 2;
        } catch (ScenarioException e) { // too large for the heap or its catalog: before any folder exists
            err.println("invalid scenario " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            if (bar[0] != null) {
                bar[0].close();
            }
            if (e instanceof org.recloop.core.log.EventLogException) {
                // the message names the cause (e.g. "disk full: <file>"); H2's own messages
                // quote whole multi-row INSERT statements and help nobody here
                err.println("run failed: " + e.getMessage());
                return 1;
            }
            err.println("run failed: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            return 1;
        }
        if (bar[0] != null) {
            bar[0].close();
        }
        printSummary(o, rs, r.result());
        if (r.engineLines() != null) {
            o.println(r.engineLines());
        }
        RunStatus status = r.result().status();
        return status == RunStatus.FINISHED ? 0 : status == RunStatus.DEGRADED ? 4 : 3;
    }

    /** The provenance lines of the closing table: code, Java, scenario and input hashes. */
    static void printProvenance(PrintWriter o, org.recloop.core.log.Provenance p) {
        o.println("code      RecLoop " + org.recloop.scenarios.runner.ScenarioRunner.codeVersion() + ", commit "
                + p.codeLabel() + ", Java " + p.javaVersion());
        o.println("scenario  sha256 " + p.scenarioSha256());
        for (org.recloop.core.log.Provenance.InputFile f : p.inputs()) {
            o.println("input     " + f.field() + "  " + f.path() + "  "
                    + f.sha256().map(h -> "sha256 " + h).orElse("(absent at start)"));
        }
    }

    static void printSummary(PrintWriter o, ResolvedScenario rs, RunResult r) {
        o.println();
        o.printf(Locale.ROOT, "%s %s: %d ticks in %.1f s (seed %d, %d threads, recommender %s)%n", r.runId(),
                r.status().label(), r.ticks(), r.wallSeconds(), r.seed(), r.threads(), rs.recommender().type());
        if (r.status() == RunStatus.DEGRADED) {
            o.println("degraded  more LLM calls failed than users.maxFailureShare allows: the fallback model made"
                    + " those decisions (see the runs table's error and llm_calls)");
        }
        o.println("database  " + r.dbFile().toAbsolutePath());
        o.println("jdbc      " + r.jdbcUrl());
        o.println("metrics   " + r.runDir().resolve("metrics.csv").toAbsolutePath());
        printProvenance(o, r.provenance());
        o.println();
        o.printf(Locale.ROOT, "  %-22s %14s%n", "count", "rows");
        o.printf(Locale.ROOT, "  %-22s %,14d%n", "sessions", r.sessions());
        o.printf(Locale.ROOT, "  %-22s %,14d%n", "exposures", r.exposures());
        o.printf(Locale.ROOT, "  %-22s %,14d%n", "events", r.events());
        o.printf(Locale.ROOT, "  %-22s %,14d%n", "  of which clicks", r.clicks());
        if (r.llmCalls() > 0) {
            o.printf(Locale.ROOT, "  %-22s %,14d, failed %,d (%.1f%%)%n", "llm calls", r.llmCalls(), r.llmFailedCalls(),
                    100.0 * r.llmFailedCalls() / r.llmCalls());
        }
        o.println();
        o.printf(Locale.ROOT, "  %-22s %12s %12s %12s%n", "metric", "first tick", "last tick", "change");
        for (Map.Entry<String, Double> e : r.lastMetrics().entrySet()) {
            Double f = r.firstMetrics().get(e.getKey());
            double l = e.getValue();
            o.printf(Locale.ROOT, "  %-22s %12.4f %12.4f %+12.4f%n", e.getKey(), f, l, l - f);
        }
        o.flush();
    }
}
