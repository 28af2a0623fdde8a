package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recloop.analysis.offline.OfflineData;
import org.recloop.core.world.LoadPolicy;
import org.recloop.core.world.LoadReport;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;
import picocli.CommandLine.Option;

/**
 * The {@code --data FILE|RUN_DIR}, {@code --min-rating} and {@code --strict} options of the offline
 * commands ({@code evaluate}, {@code sensitivity}, {@code unlearning}), as a picocli mixin so that
 * every command states and checks them alike: a run folder, a RecBole {@code .inter} file or a
 * ratings file, checked with {@code --min-rating}, loaded with the load policy of {@code --strict},
 * and the lines that say what was loaded.
 */
final class OfflineInput {

    @Option(names = "--data", required = true, paramLabel = "FILE|RUN_DIR",
            description = "MovieLens CSV (userId,movieId,rating,timestamp) or tab-separated u.data, a RecBole"
                    + " NAME.inter file (ids kept; NAME.user and NAME.item beside it widen users and items to the"
                    + " full population and catalog), or a run folder (its clicks, with the tick as time)")
    Path data;

    @Option(names = "--min-rating", paramLabel = "R",
            description = "rating files: only ratings >= R count as interactions (default: all)")
    Double minRating;

    @Option(names = "--strict", description = "refuse a rating file with rows that would be dropped or merged"
            + " (duplicate or negative ratings) instead of reporting them")
    boolean strict;

    /**
     * Whether these options are refused: a {@code --data} path that may not be read, or a
     * {@code --min-rating} that does not fit it; prints {@code recloop COMMAND: reason} to {@code err}.
     */
    boolean refused(PrintWriter err, String command) {
        if (PathArguments.refused(err, command, "--data", data)) {
            return true;
        }
        String problem = problem(data, minRating);
        if (problem != null) {
            err.println("recloop " + command + ": " + problem);
            return true;
        }
        return false;
    }

    /** {@link #load(Path, boolean, Double, PrintWriter, PrintWriter)} of these options. */
    OfflineData load(PrintWriter o, PrintWriter err) {
        return load(data, strict, minRating, o, err);
    }

    /** What is wrong with {@code --min-rating} for this input, or null. */
    static String problem(Path data, Double minRating) {
        if (minRating != null && !Double.isFinite(minRating)) {
            return "--min-rating must be a finite number, was " + minRating;
        }
        if (Files.isDirectory(data) && minRating != null) {
            return "--min-rating applies to rating files, not to run folders";
        }
        return null;
    }

    /**
     * Loads a run folder's log or a ratings file and prints the {@code data} line (and the file's
     * load report); null after printing {@code invalid data file ...} to {@code err}.
     */
    static OfflineData load(Path data, boolean strict, Double minRating, PrintWriter o, PrintWriter err) {
        OfflineData d;
        LoadReport loaded = null;
        try {
            if (Files.isDirectory(data)) {
                d = OfflineData.fromRun(data);
            } else if (data.getFileName().toString().endsWith(".inter")) {
                d = OfflineData.fromRecBole(data, minRating);
            } else {
                RatingsFile file = RatingsFile.read(data, strict ? LoadPolicy.STRICT : LoadPolicy.LENIENT);
                loaded = file.report();
                d = OfflineData.fromRatings(file, minRating);
            }
        } catch (DataFileException e) {
            err.println("invalid data file " + e.getMessage());
            return null;
        }
        o.printf(Locale.ROOT, "data      %s: %s (%,d users, %,d items, %,d interactions)%n", data, d.source(),
                d.interactions().numUsers(), d.interactions().numItems(), d.interactions().size());
        if (loaded != null) {
            DataReportLines.print(o, List.of(loaded));
        }
        return d;
    }
}
