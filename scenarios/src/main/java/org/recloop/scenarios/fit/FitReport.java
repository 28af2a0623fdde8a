package org.recloop.scenarios.fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recloop.scenarios.output.AtomicFile;

/**
 * Runs a fit and reports it for people: the fitted parameters, the KS distances and densities at
 * the start and after the fit, optionally the accuracy ordering of classic recommenders, and the
 * scenario file it writes.
 */
public final class FitReport {

    private FitReport() {}

    /**
     * Fits, prints and writes the scenario to {@code out}.
     *
     * @param accuracy also compare the offline accuracy ordering (fits four recommenders twice)
     * @throws org.recloop.core.world.io.DataFileException when the file cannot be read
     * @throws IOException when {@code out} cannot be written
     */
    public static void fitAndWrite(WorldFit.Settings s, boolean accuracy, Path out, PrintWriter o) throws IOException {
        WorldFit fit = new WorldFit(s);
        WorldFit.Result r = fit.run();
        LogDistance d = r.distance();
        o.printf(Locale.ROOT, "real      %s: %,d users, %,d items, %,d interactions, density %.6f%n", s.file(),
                r.real().numUsers(), r.real().numItems(), r.real().size(), d.realDensity());
        o.printf(Locale.ROOT, "fit       %s: %d simulations of %d ticks, seed %d%n",
                String.join(", ", ordered(r.fitted())), r.evaluations(), r.ticks(), s.seed());
        o.println();
        o.printf(Locale.ROOT, "  %-18s %12s%n", "parameter", "value");
        for (FitParameter p : FitParameter.values()) {
            o.printf(Locale.ROOT, "  %-18s %12.4f  %s%n", p.key(), r.values().get(p),
                    r.fitted().contains(p) ? "fitted" : s.fixed().containsKey(p) ? "fixed" : "default");
        }
        o.println();
        o.printf(Locale.ROOT, "  %-18s %12s %12s %12s%n", "statistic", "real", "start", "fitted");
        o.printf(Locale.ROOT, "  %-18s %12s %12.4f %12.4f%n", "activity_ks", "", r.start().activityKs(),
                d.activityKs());
        o.printf(Locale.ROOT, "  %-18s %12s %12.4f %12.4f%n", "popularity_ks", "", r.start().popularityKs(),
                d.popularityKs());
        o.printf(Locale.ROOT, "  %-18s %12.6f %12.6f %12.6f%n", "density", d.realDensity(),
                r.start().simulatedDensity(), d.simulatedDensity());
        o.printf(Locale.ROOT, "  %-18s %,12d %,12d %,12d%n", "interactions", r.real().size(),
                Math.round(r.start().simulatedDensity() * r.real().numUsers() * (double) r.real().numItems()),
                r.simulated().size());
        if (accuracy) {
            AccuracyOrdering a = AccuracyOrdering.of(r.real(), r.simulated(), s.seed());
            o.println();
            o.printf(Locale.ROOT, "  %-18s %12s %12s%n", "ndcg@" + AccuracyOrdering.K, "real", "simulated");
            for (String name : a.algorithms()) {
                o.printf(Locale.ROOT, "  %-18s %12.4f %12.4f%n", name, a.real().get(name), a.simulated().get(name));
            }
            o.printf(Locale.ROOT, "ordering  real %s; simulated %s; most-popular below the others: real %s,"
                    + " simulated %s%n", String.join(" < ", AccuracyOrdering.ranking(a.real())),
                    String.join(" < ", AccuracyOrdering.ranking(a.simulated())),
                    yes(a.popularBelowPersonalised(a.real())), yes(a.popularBelowPersonalised(a.simulated())));
        }
        String yaml = FittedScenario.yaml(s, r, out);
        AtomicFile.write(out, p -> Files.writeString(p, yaml, StandardCharsets.UTF_8));
        o.println();
        o.println("wrote     " + out + "  (run it: recloop run " + out + ")");
        o.flush();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    /** Names of parameters in declaration order. */
    private static List<String> ordered(java.util.Set<FitParameter> set) {
        return java.util.Arrays.stream(FitParameter.values()).filter(set::contains).map(FitParameter::key).toList();
    }
}
