package org.recloop.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recloop.analysis.offline.LogReplay;
import org.recloop.core.metric.Metric;
import org.recloop.core.world.io.DataFileException;
import org.recloop.scenarios.output.AtomicFile;
import org.recloop.scenarios.registry.Component;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.Registry;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.runner.StopSignal;
import org.recloop.scenarios.schema.FieldException;
import org.recloop.scenarios.schema.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop metrics RUN --metrics a,b --out FILE}: metrics computed offline over a run's log. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute metrics offline over a run's log (replaying its committed ticks) and write them as CSV.")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "run folder")
    Path run;

    @Option(names = "--metrics", split = ",", description = "metric types with their defaults, e.g. gini-exposure,calibration")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME[:PARAMS]", description = "a metric with parameters, repeatable,"
            + " e.g. 'attack:{targets: [101, 202, 303], k: 10}'")
    List<String> specs = new ArrayList<>();

    @Option(names = "--out", required = true, description = "CSV file: tick, then one column per metric value")
    Path out;

    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            return stop.exit(execute());
        }
    }

    private int execute() {
        PrintWriter err = spec.commandLine().getErr();
        if (PathArguments.refused(err, "metrics", "RUN", run)) {
            return 2;
        }
        if (!Files.exists(run.resolve("recloop.mv.db"))) {
            err.println("recloop metrics: no run database in " + run);
            return 2;
        }
        String unwritable = unwritable(out);
        if (unwritable != null) { // before the replay, which may take minutes
            err.println("recloop metrics: --out " + out + " " + unwritable);
            return 2;
        }
        ObjectMapper m = ScenarioLoader.newMapper();
        Registry registry = StandardComponents.registry(m);
        List<Metric> list = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (metrics.isEmpty() && specs.isEmpty()) {
            err.println("recloop metrics: give --metrics NAME,... or --metric NAME[:PARAMS]");
            return 2;
        }
        try {
            for (int i = 0; i < metrics.size(); i++) {
                add(registry.<Metric>resolve(Kind.METRIC, m.getNodeFactory().textNode(metrics.get(i).strip()),
                        "metrics[" + i + "]"), list, names);
            }
            for (int i = 0; i < specs.size(); i++) {
                add(registry.<Metric>resolve(Kind.METRIC, AlgorithmSpec.parse(m, specs.get(i)), "--metric[" + i + "]"),
                        list, names);
            }
        } catch (FieldException | IllegalArgumentException e) {
            err.println("recloop metrics: " + e.getMessage());
            return 2;
        }
        return OutFile.locked(spec, "metrics", out, () -> replay(err, list, names));
    }

    /**
     * Replays the log and writes the CSV. The replay cannot be cut short, so a stop request
     * (SIGTERM, Ctrl-C) that arrives during it lets it finish, writes the complete file and ends
     * with 3; one that arrives before it starts writes nothing.
     */
    private int replay(PrintWriter err, List<Metric> list, List<String> names) {
        if (StopSignal.stopRequested()) {
            err.println("recloop metrics: interrupted before the replay; nothing written");
            return StopSignal.EXIT_INTERRUPTED;
        }
        List<Map<String, Double>> rows;
        try {
            rows = LogReplay.run(run, list);
        } catch (DataFileException e) {
            err.println("invalid data file " + e.getMessage());
            return 2;
        }
        StringBuilder sb = new StringBuilder("tick");
        names.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (int t = 0; t < rows.size(); t++) {
            sb.append(t);
            for (String n : names) {
                Double v = rows.get(t).get(n);
                sb.append(',').append(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", v));
            }
            sb.append('\n');
        }
        try {
            AtomicFile.write(out, p -> Files.writeString(p, sb));
        } catch (IOException e) {
            err.println("recloop metrics: cannot write " + out + ": " + describe(e));
            return 1;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(rows.size() + " ticks -> " + out.toAbsolutePath());
        if (StopSignal.stopRequested()) {
            o.println("interrupted: the replay in progress was finished and written in full");
            o.flush();
            return StopSignal.EXIT_INTERRUPTED;
        }
        return 0;
    }

    /** Why a CSV file cannot be written at {@code file}, or null when it can (as far as can be told before writing). */
    static String unwritable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a folder; give the name of a CSV file";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.exists(parent)) {
            return "is in a folder that does not exist (" + parent + ")";
        }
        if (!Files.isDirectory(parent)) {
            return "is inside " + parent + ", which is a file, not a folder";
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            return "is not writable (permission denied or a read-only place)";
        }
        return null;
    }

    /** An I/O error in words (no exception class names). */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static void add(Component<Metric> component, List<Metric> list, List<String> names) {
        Metric metric = component.create();
        list.add(metric);
        names.addAll(metric.names());
    }
}
