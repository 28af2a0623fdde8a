package org.recloop.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recloop.core.world.io.DataFileException;
import org.recloop.scenarios.fit.FitParameter;
import org.recloop.scenarios.fit.FitReport;
import org.recloop.scenarios.fit.WorldFit;
import picocli.CommandLine.Option;

/**
 * The options of {@code recloop calibrate --fit}: which parameters to fit, which to fix, and the
 * size of the simulations; checks them and runs {@link FitReport}. Every bad value gives one
 * line naming the option (or file) and the reason, before the file is read.
 */
final class CalibrateFit {

    @Option(names = "--fit", arity = "0..1", fallbackValue = "default", paramLabel = "NAMES",
            description = "fit a ratings world to --data; NAMES: comma-separated, of beta, noClickUtility,"
                    + " positionDecay, qualityWeight, meanActivity, activityExponent (default, or without a value:"
                    + " beta,noClickUtility,qualityWeight,activityExponent)")
    String names;

    @Option(names = "--fix", paramLabel = "NAME=VALUE", split = ",",
            description = "--fit: hold a parameter that is not fitted at this value (default: beta 5,"
                    + " noClickUtility 0.4, positionDecay 0.7, qualityWeight 0, activityExponent 1, meanActivity"
                    + " 1.5 x mean ratings per user / ticks)")
    Map<String, String> fixes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "--fit: seed of the world and of every simulation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--ticks", paramLabel = "N", defaultValue = "0",
            description = "--fit: ticks of each simulation and of the scenario (default: twice the largest number"
                    + " of ratings of one user, at least 20)")
    int ticks;

    @Option(names = "--evaluations", paramLabel = "N", defaultValue = "100",
            description = "--fit: at most N simulations (grid, then Nelder-Mead; default: ${DEFAULT-VALUE})")
    int evaluations;

    @Option(names = "--dimensions", paramLabel = "N", defaultValue = "16",
            description = "--fit: latent dimensions of the world's ALS fit (default: ${DEFAULT-VALUE})")
    int dimensions;

    @Option(names = "--min-rating", paramLabel = "R", defaultValue = "4.0",
            description = "--fit: ratings >= R are what the world's tastes are fitted on (default: ${DEFAULT-VALUE})")
    double minRating;

    @Option(names = "--slate-size", paramLabel = "K", defaultValue = "10",
            description = "--fit: items per slate (default: ${DEFAULT-VALUE})")
    int slateSize;

    @Option(names = "--world-data", paramLabel = "FILE",
            description = "--fit: build the world (tastes, items, activity) from this interaction file instead of"
                    + " --data, whose statistics are still the target; ids are matched by their raw values")
    Path worldData;

    @Option(names = "--no-accuracy", description = "--fit: skip the offline accuracy ordering check (it fits"
            + " most-popular, item-knn, als and ease on the real file and on the simulated log)")
    boolean noAccuracy;

    boolean requested() {
        return names != null;
    }

    int call(Path data, Path out, PrintWriter err, PrintWriter o) {
        if (out == null) {
            err.println("recloop calibrate: --fit needs --out FILE, the scenario file to write");
            return 2;
        }
        WorldFit.Settings settings;
        try {
            settings = settings(data);
        } catch (IllegalArgumentException e) {
            err.println("recloop calibrate: " + e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(data)) {
            err.println("recloop calibrate: --data " + data + ": no such file");
            return 2;
        }
        if (worldData != null && !Files.isRegularFile(worldData)) {
            err.println("recloop calibrate: --world-data " + worldData + ": no such file");
            return 2;
        }
        try {
            FitReport.fitAndWrite(settings, !noAccuracy, out, o);
        } catch (DataFileException e) {
            err.println("recloop calibrate: invalid data file " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("recloop calibrate: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private WorldFit.Settings settings(Path data) {
        Set<FitParameter> fit = EnumSet.noneOf(FitParameter.class);
        if (names.equals("default")) {
            fit.addAll(FitParameter.DEFAULT_FIT);
        } else {
            for (String n : List.of(names.split(","))) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException("--fit: empty parameter name in '" + names + "'");
                }
                fit.add(option("--fit", n));
            }
        }
        Map<FitParameter, Double> fixed = new EnumMap<>(FitParameter.class);
        if (fixes != null) {
            for (Map.Entry<String, String> e : fixes.entrySet()) {
                FitParameter p = option("--fix", e.getKey());
                double v;
                try {
                    v = Double.parseDouble(e.getValue().trim());
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("--fix " + p.key() + ": not a number: '" + e.getValue() + "'");
                }
                try {
                    fixed.put(p, p.check(v));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("--fix " + x.getMessage());
                }
                if (fit.contains(p)) {
                    throw new IllegalArgumentException("--fix " + p.key() + ": it is also in --fit");
                }
            }
        }
        positive("--evaluations", evaluations);
        positive("--dimensions", dimensions);
        positive("--slate-size", slateSize);
        if (ticks < 0) {
            throw new IllegalArgumentException("--ticks must be >= 0 (0 = from the data), was " + ticks);
        }
        if (!Double.isFinite(minRating)) {
            throw new IllegalArgumentException("--min-rating must be a finite number, was " + minRating);
        }
        return new WorldFit.Settings(data, worldData, dimensions, minRating, fit, fixed, seed, ticks, slateSize, evaluations);
    }

    private static FitParameter option(String option, String name) {
        try {
            return FitParameter.of(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static void positive(String option, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(option + " must be > 0, was " + v);
        }
    }
}
