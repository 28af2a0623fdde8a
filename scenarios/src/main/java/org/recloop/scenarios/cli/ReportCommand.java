package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.recloop.analysis.report.PairedComparison;
import org.recloop.analysis.report.RelativeToReference;
import org.recloop.analysis.report.ReportWriter;
import org.recloop.analysis.report.RunData;
import org.recloop.core.world.io.DataFileException;
import org.recloop.scenarios.output.OutputLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recloop report RUN... --out DIR}: an HTML report over run folders (see
 * {@link org.recloop.analysis.report}). RUN is a run folder (it holds metrics.csv) or a folder
 * whose sub-folders are runs, such as a sweep's output folder or {@code runs/} (searched one
 * level deep). Runs are grouped into arms: the {@code arm} of resolved.json, else
 * {@code "<scenario name> / <recommender type>"}.
 *
 * <p>Exit codes: 0 written, 1 the report could not be written, 2 a missing folder, a folder
 * without runs, a malformed run folder, or a {@code --baseline} that is not an arm, 5 the {@code --out} folder is in use by another command
 * ({@link OutputLock}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report over runs: a table of runs, their scenarios, final-tick means with 95%%"
                + " confidence intervals per arm, and one chart per metric (mean per arm over ticks with a 95%%"
                + " confidence band). Also writes <metric>.png, <metric>.csv and summary.csv, and paired.csv (each arm"
                + " minus the baseline arm, seed by seed) when arms share seeds.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "a run folder, or a folder of run folders (searched one level deep, e.g. a sweep's output)")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "folder to write index.html and the charts and CSV files into (created if needed)")
    Path out;

    @Option(names = "--baseline", paramLabel = "ARM", description = "the arm the others are compared with, seed by seed,"
            + " in paired.csv and the page's paired table (default: the first arm)")
    String baseline;

    @Option(names = "--from-tick", paramLabel = "T", defaultValue = "0", description = "the paired table also compares"
            + " the mean over ticks >= T (default ${DEFAULT-VALUE}: all ticks)")
    int fromTick;

    @Option(names = "--relative-to", paramLabel = "ARM", description = "also report every metric of the other arms"
            + " divided by this arm's value at the same seed and tick, as <metric>_relative (Chaney et al. report"
            + " homogenisation and utility relative to the ideal recommender)")
    String relativeTo;

    @Override
    public Integer call() {
        if (System.getenv("DISPLAY") == null) {
            // charts are drawn off-screen; without this, macOS would open a Dock icon. With a display
            // (a desktop, or Xvfb on CI) the JVM is left as it is: AWT decides once per JVM, and a GUI
            // in the same JVM (the GUI tests) must not be made headless by a report
            System.setProperty("java.awt.headless", "true");
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // ---- find the run folders
        Set<Path> folders = new LinkedHashSet<>();
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                err.println("recloop report: " + (Files.exists(in) ? "not a folder: " : "no such folder: ") + in);
                return 2;
            }
            List<Path> found;
            try {
                found = runFolders(in);
            } catch (IOException e) {
                err.println("recloop report: cannot list " + in + ": " + e.getMessage());
                return 2;
            }
            if (found.isEmpty()) {
                err.println("recloop report: no runs found in " + in
                        + " (a run folder holds metrics.csv; sub-folders are searched one level deep)");
                return 2;
            }
            for (Path f : found) {
                folders.add(f.toAbsolutePath().normalize());
            }
        }
        // ---- read them
        List<RunData> runs = new ArrayList<>();
        for (Path f : folders) {
            try {
                runs.add(RunData.read(f));
            } catch (DataFileException e) {
                err.println("invalid data file " + e.getMessage());
                return 2;
            }
        }
        if (fromTick < 0) {
            err.println("recloop report: --from-tick must be >= 0");
            return 2;
        }
        List<String> arms = PairedComparison.arms(runs);
        if (baseline != null && !arms.contains(baseline)) {
            err.println("recloop report: --baseline '" + baseline + "' is not an arm of these runs; the arms are " + arms);
            return 2;
        }
        if (relativeTo != null) {
            if (!arms.contains(relativeTo)) {
                err.println("recloop report: --relative-to '" + relativeTo + "' is not an arm of these runs; the arms are "
                        + arms);
                return 2;
            }
            runs = RelativeToReference.add(runs, relativeTo);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println("recloop report: --out is a file, not a folder: " + out);
            return 2;
        }
        // ---- write, holding the report folder (its summary.csv would clobber a sweep's)
        Path index;
        try (OutputLock lock = OutputLock.acquire(out, Invocation.of(spec))) {
            index = new ReportWriter().write(runs, out, new PairedComparison.Options(baseline, fromTick));
        } catch (OutputLock.BusyException e) {
            err.println("recloop report: " + e.getMessage());
            return OutputLock.EXIT_BUSY;
        } catch (IOException | RuntimeException e) {
            err.println("recloop report: cannot write the report to " + out + ": " + e);
            return 1;
        }
        o.printf("report of %d %s in %d %s%n", runs.size(), runs.size() == 1 ? "run" : "runs", arms.size(),
                arms.size() == 1 ? "arm" : "arms");
        for (RunData r : runs) {
            if (!r.outcome().finished()) {
                o.printf("not finished: %s is '%s' after %d ticks%s%n", r.runId(), r.outcome().status(), r.rows(),
                        r.outcome().detail().isEmpty() ? "" : " (" + r.outcome().detail() + ")");
            }
        }
        o.println(index.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** The folder itself if it is a run, else its sub-folders that are runs, by name. */
    static List<Path> runFolders(Path dir) throws IOException {
        if (isRun(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(ReportCommand::isRun).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean isRun(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("metrics.csv"));
    }
}
