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

/**
 * The {@code --data FILE|RUN_DIR} input of the offline commands ({@code evaluate},
 * {@code sensitivity}; a run folder, a RecBole {@code .inter} file or a ratings file): checking it with {@code --min-rating}, loading it with the load policy of
 * {@code --strict}, and the lines that say what was loaded.
 */
final class OfflineInput {

    private OfflineInput() {}

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
