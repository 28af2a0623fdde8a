package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recloop.analysis.export.DatasetExporter;
import org.recloop.analysis.export.ExportOptions;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.LogReadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recloop export RUN --format movielens|recbole|sequential|parquet --out DIR [--events ...]
 * [--exposures] [--ground-truth] [--split none|random|temporal|loo] [--force]}: a run's log as a
 * dataset with its card (see {@link DatasetExporter}).
 *
 * <p>Exit codes: 0 written, 1 the database or a file could not be read or written, 2 invalid
 * arguments (unknown format or event type, RUN not a run folder, --out not empty without
 * --force), 5 --out is being written by another command. Nothing is left under --out unless
 * the export completed.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run's log as a dataset (MovieLens CSV, RecBole atomic files, sequences or Parquet)"
                + " with a dataset card.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "run folder (holding recloop.mv.db)")
    Path run;

    @Mixin
    ExportArguments args;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ExportOptions options = args.options(err, "export");
        if (options == null) {
            return 2;
        }
        if (PathArguments.refused(err, "export", "RUN", run)) {
            return 2;
        }
        if (!Files.isRegularFile(run.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            err.println("recloop export: " + run + " is not a run folder (no " + H2EventLog.DB_NAME + ".mv.db in it)");
            return 2;
        }
        String problem = DatasetFolder.problem(args.out, args.force);
        if (problem != null) {
            err.println("recloop export: " + problem);
            return 2;
        }
        return export(spec, "export", run, args.out, options);
    }

    /** Exports {@code runDir} into {@code out} through a temporary folder and prints what was written. */
    static int export(CommandSpec spec, String command, Path runDir, Path out, ExportOptions options) {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = out.toAbsolutePath().normalize().getFileName().toString();
        DatasetExporter.Result[] result = new DatasetExporter.Result[1];
        long t0 = System.nanoTime();
        int code = DatasetFolder.write(spec, command, out, tmp -> {
            try {
                result[0] = DatasetExporter.export(runDir, tmp, name, options);
                return 0;
            } catch (LogReadException e) {
                err.println("recloop " + command + ": cannot read the run database in " + runDir + ": "
                        + (e.databaseInUse() ? "it is in use by a running run; wait for it to end" : e.getMessage()));
                return e.databaseInUse() ? 2 : 1;
            }
        });
        if (code != 0) {
            return code;
        }
        DatasetExporter.Result r = result[0];
        double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        o.printf(Locale.ROOT, "exported  %s (%s) -> %s%n", runDir.getFileName(), options.format().label(),
                out.toAbsolutePath().normalize());
        if (!r.run().finished()) {
            o.printf(Locale.ROOT, "incomplete run '%s': only the committed ticks 0..%d are exported (the card says"
                    + " so)%n", r.run().status(), r.run().lastCommittedTick());
        }
        for (Map.Entry<String, Long> f : r.files().entrySet()) {
            o.printf(Locale.ROOT, "  %-28s %,14d rows%n", f.getKey(), f.getValue());
        }
        o.printf(Locale.ROOT, "  %-28s%n  %-28s%n", "card.json", "CARD.md");
        o.printf(Locale.ROOT, "%,d interactions%s in %.1f s (%,.0f rows/s)%n", r.interactions(),
                options.exposures() ? String.format(Locale.ROOT, " and %,d exposures", r.exposures()) : "", secs,
                (r.interactions() + r.exposures()) / secs);
        o.flush();
        return 0;
    }
}
