package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.recloop.scenarios.bench.ChaneyBenchmark;
import org.recloop.scenarios.bench.Figure;
import org.recloop.scenarios.bench.MfBenchmark;
import org.recloop.scenarios.bench.SimBenchmark;
import org.recloop.scenarios.output.AtomicFile;
import org.recloop.scenarios.output.Folders;
import org.recloop.scenarios.runner.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recloop bench}: standard workloads, figures as medians of repeats, a table and a CSV. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark workload and print its figures (medians of repeats).")
final class BenchCommand implements Callable<Integer> {

    /** Every workload this command runs (SimBenchmark's three, MF training, the Chaney replication). */
    static final String WORKLOADS = "small, medium, large, mf, chaney";

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "small",
            description = "small (10k users x 2k items), medium (100k x 20k), large (1M x 100k), mf (MF training and serving),"
                    + " chaney (the Chaney et al. content-filtering study; --size small or large)")
    String workload;

    @Option(names = "--ticks", description = "override the workload's ticks")
    Integer ticks;

    @Option(names = "--users", defaultValue = "100000", description = "mf: users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--items", defaultValue = "20000", description = "mf: items (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--interactions", defaultValue = "5000000", description = "mf: interactions (default ${DEFAULT-VALUE})")
    long interactions;

    @Option(names = "--factors", defaultValue = "32", description = "mf: latent factors (default ${DEFAULT-VALUE})")
    int factors;

    @Option(names = "--repeats", defaultValue = "3", description = "repeats per figure; the median is reported")
    int repeats;

    @Option(names = "--threads", description = "worker threads (default: all processors)")
    Integer threads;

    @Option(names = "--sampled", description = "chaney: log the exposures of 10%% of sessions (default: all)")
    boolean sampled;

    @Option(names = "--size", defaultValue = "small",
            description = "chaney: small (10,000 users x 5,000 items x 20 steps) or large (100,000 x 10,000 x 50);"
                    + " default ${DEFAULT-VALUE}")
    String size;

    @Option(names = "--store",
            description = "chaney, small, medium, large: where events and slates go, h2 or parquet (log.store;"
                    + " default parquet for chaney, whose speed figures are taken with it, h2 otherwise)")
    String store;

    @Option(names = "--exposure-sampling",
            description = "small, medium, large: share of sessions whose slates are logged, 0 < s <= 1"
                    + " (log.exposureSampling; 1 = every slate; default: the workload's, 1 for small, 0.1 otherwise)")
    Double exposureSampling;

    @Option(names = "--warm-iterations",
            description = "small, medium, large: ALS sweeps of each refit after the first, started from the previous"
                    + " factors and clusters (recommender.warmIterations; 0 = every refit from scratch;"
                    + " default: the workload's, 1 for large, 0 otherwise)")
    Integer warmIterations;

    @Option(names = "--out", description = "CSV file (columns: workload,figure,value,unit)")
    Path out;

    @Option(names = "--keep-run", description = "small, medium, large: keep the run folder (in the temporary"
            + " directory) and print its path; by default it is deleted after the figures")
    boolean keepRun;

    /**
     * Runs the workload as a command of {@link StopSignal}: SIGTERM or Ctrl-C stops the simulation
     * after the tick in progress (the MF workload finishes its step), prints and writes the figures
     * of what was done and ends with 3. {@code --out FILE} is claimed for the whole command
     * ({@link OutFile}) and written atomically.
     */
    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            if (out == null) {
                return stop.exit(executeUnchecked());
            }
            return stop.exit(OutFile.locked(spec, "bench", out, this::executeUnchecked));
        }
    }

    private int executeUnchecked() {
        try {
            return execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int execute() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workload.equals("chaney")) {
            return chaney(o, err);
        }
        if (!workload.equals("mf")) {
            SimBenchmark.Workload w;
            try {
                w = SimBenchmark.Workload.of(workload, ticks);
            } catch (IllegalArgumentException e) {
                err.println("recloop bench: unknown workload '" + workload + "'; available: " + WORKLOADS);
                return 2;
            }
            if (ticks != null && ticks < 12) {
                err.println("recloop bench: --ticks must be >= 12 (steady state starts after the first refit)");
                return 2;
            }
            if (badStore(store, err)) {
                return 2;
            }
            if (exposureSampling != null && !(exposureSampling > 0 && exposureSampling <= 1)) {
                err.println("recloop bench: --exposure-sampling must be > 0 and <= 1, was " + exposureSampling);
                return 2;
            }
            if (warmIterations != null && warmIterations < 0) {
                err.println("recloop bench: --warm-iterations must be >= 0, was " + warmIterations);
                return 2;
            }
            w = w.logging(exposureSampling == null ? w.exposureSampling() : exposureSampling, store == null ? "h2" : store);
            if (warmIterations != null) {
                w = w.warm(warmIterations);
            }
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            Path dir = Files.createTempDirectory("recloop-bench-");
            try {
                return simulation(o, err, w, t, dir);
            } finally {
                if (!keepRun) {
                    Folders.deleteQuietly(dir, err); // a large run's log is several GB
                }
            }
        }
        if (users <= 0 || items <= 0 || interactions < users || repeats <= 0 || factors <= 0) {
            err.println("recloop bench: --users, --items, --factors, --repeats must be > 0 and --interactions >= --users");
            return 2;
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ExecutorService ex = t > 1 ? Executors.newFixedThreadPool(t) : null;
        List<Figure> figs;
        try {
            figs = new MfBenchmark(users, items, interactions, factors, repeats, ex, t).run(msg -> {
                err.println("bench: " + msg);
                err.flush();
            });
        } finally {
            if (ex != null) {
                ex.shutdown();
            }
        }
        o.printf(Locale.ROOT, "workload %s: %d users x %d items x %d interactions, %d threads, %s, Java %s%n", workload,
                users, items, interactions, t, java.time.LocalDate.now(), System.getProperty("java.version"));
        print(o, figs);
        writeCsv(figs);
        return finished(o);
    }

    /** Runs a simulation workload in {@code dir}, prints its table and writes the CSV. */
    private int simulation(PrintWriter o, PrintWriter err, SimBenchmark.Workload w, int t, Path dir) throws IOException {
        List<Figure> figs = new SimBenchmark(w, t, dir).run(msg -> {
            err.println("bench: " + msg);
            err.flush();
        });
        o.printf(Locale.ROOT, "workload %s: %d users x %d items, %d ticks, 10%% active, exposure sampling %s,"
                + " log.store %s, ALS warm sweeps %d, %d threads, %s, Java %s, max heap %d MiB%n",
                w.name(), w.users(), w.items(), w.ticks(), w.exposureSampling(), w.store(), w.warmIterations(), t,
                java.time.LocalDate.now(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        print(o, figs);
        writeCsv(figs);
        if (keepRun) {
            o.println("run folder (delete when done): " + dir);
        }
        return finished(o);
    }

    /** 0, or 3 with a note when a stop request cut the workload short. */
    private static int finished(PrintWriter o) {
        if (!StopSignal.stopRequested()) {
            return 0;
        }
        o.println("interrupted: the figures cover the work done before the stop request");
        o.flush();
        return StopSignal.EXIT_INTERRUPTED;
    }

    /**
     * The Chaney et al. content-filtering study ({@link ChaneyBenchmark}) at {@code --size}: small
     * (10,000 users x 5,000 items x 20 steps, the default, so CI stays quick) or large (100,000 x
     * 10,000 x 50).
     */
    private int chaney(PrintWriter o, PrintWriter err) throws IOException {
        ChaneyBenchmark.Size s;
        try {
            s = ChaneyBenchmark.Size.of(size);
        } catch (IllegalArgumentException e) {
            err.println("recloop bench: --size: " + e.getMessage());
            return 2;
        }
        if (repeats <= 0) {
            err.println("recloop bench: --repeats must be > 0");
            return 2;
        }
        if (badStore(store, err)) {
            return 2;
        }
        if (!Files.exists(ChaneyBenchmark.SOURCE)) { // after the arguments: a bad one is named wherever it is run
            err.println("recloop bench: run from the repository root (needs " + ChaneyBenchmark.SOURCE + ")");
            return 2;
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        String st = store == null ? "parquet" : store;
        List<Figure> figs = new ChaneyBenchmark(s, sampled, t, repeats, st).run(msg -> {
            err.println("bench: " + msg);
            err.flush();
        });
        if (figs.isEmpty()) {
            o.println("interrupted: no repeat finished; no figures");
            o.flush();
            return StopSignal.EXIT_INTERRUPTED;
        }
        o.printf(Locale.ROOT, "workload chaney (%s): %s, %d threads, log.store %s, %s, Java %s, max heap %d MiB%n",
                size, s.describe(), t, st, java.time.LocalDate.now(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        print(o, figs);
        writeCsv(figs);
        return finished(o);
    }

    private static void print(PrintWriter o, List<Figure> figs) {
        for (Figure f : figs) {
            o.printf(Locale.ROOT, "  %-75s %14.3f %s%n", f.figure(), f.value(), f.unit());
        }
        o.flush();
    }

    private void writeCsv(List<Figure> figs) throws IOException {
        if (out != null) {
            StringBuilder sb = new StringBuilder("workload,figure,value,unit\n");
            for (Figure f : figs) {
                sb.append(f.workload()).append(",\"").append(f.figure().replace("\"", "\"\"")).append("\",")
                        .append(String.format(Locale.ROOT, "%.6g", f.value())).append(',').append(f.unit()).append('\n');
            }
            AtomicFile.write(out, p -> Files.writeString(p, sb));
        }
    }

    /** A --store other than the log's stores: says so (exit 2 follows); null (the default) is fine. */
    private static boolean badStore(String value, PrintWriter err) {
        if (value == null) {
            return false;
        }
        try {
            org.recloop.core.sim.SimConfig.Log.checkStore("--store", value);
            return false;
        } catch (org.recloop.core.config.InvalidParameterException e) {
            err.println("recloop bench: " + e.getMessage());
            return true;
        }
    }
}
