package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.recloop.analysis.export.ExportFormat;
import org.recloop.analysis.export.ExportOptions;
import org.recloop.analysis.offline.Split;
import org.recloop.core.react.EventType;
import picocli.CommandLine.Option;

/** The dataset options shared by {@code export} and {@code generate}. */
final class ExportArguments {

    @Option(names = "--format", required = true, paramLabel = "movielens|recbole|sequential|parquet",
            description = "movielens: CSV user,item,rating,timestamp; recbole: atomic files (.inter, .user, .item);"
                    + " sequential: one line per user, items in time order; parquet: Parquet files")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset folder to write")
    Path out;

    @Option(names = "--events", split = ",", paramLabel = "TYPE", defaultValue = "click",
            description = "event types that count as interactions (default: ${DEFAULT-VALUE}), e.g. click,consume,rate")
    List<String> events;

    @Option(names = "--exposures", description = "also write the exposures (impressions: position, score, propensity,"
            + " clicked)")
    boolean exposures;

    @Option(names = "--ground-truth", description = "also write the ground truth: users' true preferences and"
            + " fake-account marks, items' quality and popularity prior")
    boolean groundTruth;

    @Option(names = "--split", defaultValue = "none", paramLabel = "none|random|temporal|loo",
            description = "also write train, valid and test parts as separate files (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "share of each user's interactions held out for test, then for validation, by the random"
                    + " and temporal splits (default: ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--split-seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the random split (default: ${DEFAULT-VALUE}; the same as evaluate --seed gives"
                    + " the same test rows)")
    long splitSeed;

    @Option(names = "--force", description = "replace --out if it exists and is not empty")
    boolean force;

    /** The options, or null after printing {@code recloop <command>: <problem>} to {@code err}. */
    ExportOptions options(PrintWriter err, String command) {
        ExportFormat f;
        try {
            f = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            return refuse(err, command, "unknown --format '" + format + "'; available: " + ExportFormat.available());
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String e : events) {
            try {
                types.add(EventType.valueOf(e.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException x) {
                return refuse(err, command, "unknown event type '" + e + "' in --events; available: "
                        + eventNames());
            }
        }
        Optional<Split.Method> method = Optional.empty();
        if (!split.equalsIgnoreCase("none")) {
            try {
                method = Optional.of(Split.Method.parse(split));
            } catch (IllegalArgumentException x) {
                return refuse(err, command, "--split must be none, random, temporal or loo, was '" + split + "'");
            }
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            return refuse(err, command, "--test-fraction must be in (0, 1), was " + testFraction);
        }
        return new ExportOptions(f, types, exposures, groundTruth, method, testFraction, splitSeed);
    }

    private static String eventNames() {
        StringBuilder sb = new StringBuilder();
        for (EventType t : EventType.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static ExportOptions refuse(PrintWriter err, String command, String problem) {
        err.println("recloop " + command + ": " + problem);
        return null;
    }
}
