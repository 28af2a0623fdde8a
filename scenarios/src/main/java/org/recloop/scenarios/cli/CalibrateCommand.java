package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recloop.analysis.calibrate.Calibration;
import org.recloop.analysis.calibrate.InteractionProfile;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;
import org.recloop.scenarios.output.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recloop calibrate --data REAL_FILE --dataset DIR [--out FILE]}: compares a generated
 * dataset (the {@code ratings.csv} of a {@code --format movielens} export) with a real
 * interaction file (MovieLens CSV or u.data) — see {@link Calibration} — and prints the table.
 *
 * <p>{@code recloop calibrate --data REAL_FILE --fit [NAMES] --out SCENARIO}: fits a {@code
 * ratings} world to the file instead (see {@link CalibrateFit}) and writes a scenario that runs it.
 *
 * <p>Exit codes: 0 compared or fitted, 1 --out could not be written, 2 invalid arguments or
 * unreadable input (one line naming the file and the reason).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Compare a generated dataset with a real interaction file: Kolmogorov-Smirnov distance of user"
                + " activity, item popularity and session length, Gini, density, rating distribution.",
            "With --fit: fit a ratings world (MNL users on random slates) to the file so that its simulated log"
                + " matches the file's activity and popularity distributions and density, and write the scenario."})
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "REAL_FILE",
            description = "the real interactions: MovieLens CSV (user,item,rating,timestamp) or tab-separated u.data")
    Path data;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "compare: a dataset exported with --format movielens (reads its ratings.csv)")
    Path dataset;

    @Option(names = "--out", paramLabel = "FILE", description = "compare: also write the table as CSV"
            + " (statistic,real,dataset,ks_distance); --fit: the scenario file to write (required)")
    Path out;

    @Mixin
    CalibrateFit fit;

    @Option(names = "--real-session-gap", paramLabel = "N", defaultValue = "1800",
            description = "largest gap inside one session of the real file, in its timestamp unit (default:"
                    + " ${DEFAULT-VALUE}, 30 minutes of seconds)")
    long realGap;

    @Option(names = "--dataset-session-gap", paramLabel = "N", defaultValue = "0",
            description = "largest gap inside one session of the dataset, in ticks (default: ${DEFAULT-VALUE}:"
                    + " a session is one tick's visit)")
    long datasetGap;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (fit.requested()) {
            if (dataset != null) {
                err.println("recloop calibrate: give --dataset (compare) or --fit (fit a world), not both");
                return 2;
            }
            return fit.call(data, out, err, o);
        }
        if (dataset == null) {
            err.println("recloop calibrate: give --dataset DIR to compare with a generated dataset, or --fit to fit"
                    + " a world to --data");
            return 2;
        }
        if (realGap < 0 || datasetGap < 0) {
            err.println("recloop calibrate: --real-session-gap and --dataset-session-gap must be >= 0");
            return 2;
        }
        if (PathArguments.refused(err, "calibrate", "--data", data)
                || PathArguments.refused(err, "calibrate", "--dataset", dataset)) {
            return 2;
        }
        Path ratings = dataset.resolve("ratings.csv");
        if (!Files.isDirectory(dataset) || !Files.isRegularFile(ratings)) {
            err.println("recloop calibrate: --dataset " + dataset + " holds no ratings.csv (export the run with"
                    + " --format movielens)");
            return 2;
        }
        InteractionProfile real;
        InteractionProfile gen;
        try {
            real = profile(data, realGap);
            gen = profile(ratings, datasetGap);
        } catch (DataFileException e) {
            err.println("recloop calibrate: invalid data file " + e.getMessage());
            return 2;
        }
        List<Calibration.Row> rows = Calibration.compare(real, gen);
        o.printf(Locale.ROOT, "real      %s: %s%n", data, real);
        o.printf(Locale.ROOT, "dataset   %s: %s%n%n", ratings, gen);
        o.print(Calibration.table(rows));
        o.flush();
        if (out != null) {
            try {
                AtomicFile.write(out, p -> Files.writeString(p, Calibration.csv(rows), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("recloop calibrate: cannot write " + out + ": " + e.getMessage());
                return 1;
            }
            o.println("wrote     " + out);
        }
        return 0;
    }

    private static InteractionProfile profile(Path file, long gap) {
        RatingsFile f = RatingsFile.read(file, LoadPolicy.LENIENT);
        return InteractionProfile.of(f.users(), f.items(), f.ratings(), f.timestamps(), gap);
    }
}
