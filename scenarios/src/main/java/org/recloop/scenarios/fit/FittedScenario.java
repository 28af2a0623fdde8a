package org.recloop.scenarios.fit;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The scenario file of a fitted world: the {@code ratings} catalog and population of the file,
 * MNL users with the fitted parameters and no drift, random slates, the fit's seed and ticks. Run
 * as it is, it reproduces the fit's log (the same clicks, see {@link ChoiceSimulation}); change the
 * recommender or the drift to study a platform on the fitted users.
 */
final class FittedScenario {

    private FittedScenario() {}

    /**
     * The YAML text.
     *
     * @param out where it will be written: the data path is written relative to its folder
     *     when both are on the same file system root, absolute otherwise
     */
    static String yaml(WorldFit.Settings s, WorldFit.Result r, Path out) {
        String path = dataPath(s.worldFile(), out);
        String name = s.file().getFileName().toString().replaceAll("[^A-Za-z0-9_-]+", "-");
        StringBuilder y = new StringBuilder();
        y.append("# A world fitted to ").append(s.file().getFileName()).append(" by recloop calibrate --fit ")
                .append(String.join(",", r.fitted().stream().map(FitParameter::key).sorted().toList())).append('\n');
        y.append(String.format(Locale.ROOT,
                "# KS distance real vs simulated: activity %.4f, popularity %.4f; density real %.6f, simulated %.6f%n",
                r.distance().activityKs(), r.distance().popularityKs(), r.distance().realDensity(),
                r.distance().simulatedDensity()));
        y.append("# Random slates and no drift: what the fit simulated. Replace the recommender (and set\n");
        y.append("# users.driftRate) to study a platform on these users.\n");
        y.append("name: fitted-").append(name).append('\n');
        y.append("description: ratings world fitted to ").append(quote(s.file().getFileName().toString())).append('\n');
        y.append("seed: ").append(s.seed()).append('\n');
        y.append("ticks: ").append(r.ticks()).append('\n');
        y.append("slateSize: ").append(s.slateSize()).append('\n');
        y.append("world:\n");
        String common = "type: ratings, path: " + quote(path) + ", dimensions: " + s.dimensions() + ", minRating: "
                + num(s.minRating());
        y.append("  catalog: {").append(common).append("}\n");
        y.append("  population: {").append(common).append(", meanActivity: ")
                .append(num(r.values().get(FitParameter.MEAN_ACTIVITY))).append(", activityExponent: ")
                .append(num(r.values().get(FitParameter.ACTIVITY_EXPONENT))).append("}\n");
        y.append("users:\n  type: mnl\n");
        for (FitParameter p : FitParameter.values()) {
            if (p.ofUsers()) {
                y.append("  ").append(p.key()).append(": ").append(num(r.values().get(p)))
                        .append(r.fitted().contains(p) ? "   # fitted" : "").append('\n');
            }
        }
        y.append("  driftRate: 0.0\n");
        y.append("recommender: random\n");
        y.append("metrics: [ctr, coverage, gini-exposure]\n");
        return y.toString();
    }

    private static String dataPath(Path file, Path out) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = out.toAbsolutePath().normalize().getParent();
        if (dir != null && abs.getRoot() != null && abs.getRoot().equals(dir.getRoot())) {
            return dir.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)",
                ".0$1");
    }

    /** A YAML single-quoted scalar. */
    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
