package org.recloop.analysis.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Compares a generated dataset with a real interaction file, statistic by statistic: counts,
 * density, Gini of activity and popularity, mean and median activity, popularity and session
 * length, the share of every rating value, and the two-sample Kolmogorov–Smirnov distance
 * (the largest gap between the two empirical distribution functions, 0 = same distribution,
 * 1 = disjoint) of activity, popularity and session length.
 *
 * <p>The distances are given twice for activity and popularity: on the raw counts (row
 * {@code _mean}: do users act as often as in the real data?) and on the counts divided by their
 * mean (row {@code _cv}, beside the coefficient of variation: is the shape of the distribution
 * the same, whatever the size of the world?). A scenario of a different size than
 * the real data can only be tuned on the second.
 */
public final class Calibration {

    /**
     * One line of the comparison.
     *
     * @param statistic its name
     * @param real the value in the real file
     * @param dataset the value in the generated dataset
     * @param ksDistance the Kolmogorov–Smirnov distance, or NaN for a statistic that is not a distribution
     */
    public record Row(String statistic, double real, double dataset, double ksDistance) {}

    private Calibration() {}

    /** The comparison of {@code real} and {@code dataset}, in a fixed order. */
    public static List<Row> compare(InteractionProfile real, InteractionProfile dataset) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("users", real.users(), dataset.users(), Double.NaN));
        rows.add(new Row("items", real.items(), dataset.items(), Double.NaN));
        rows.add(new Row("interactions", real.interactions(), dataset.interactions(), Double.NaN));
        rows.add(new Row("density", real.density(), dataset.density(), Double.NaN));
        distribution(rows, "activity", real.activity(), dataset.activity());
        distribution(rows, "popularity", real.popularity(), dataset.popularity());
        double[] rs = real.sessionLengths();
        double[] ds = dataset.sessionLengths();
        rows.add(new Row("sessions", rs.length, ds.length, Double.NaN));
        rows.add(new Row("session_length_mean", InteractionProfile.mean(rs), InteractionProfile.mean(ds), ks(rs, ds)));
        rows.add(new Row("session_length_median", InteractionProfile.median(rs), InteractionProfile.median(ds),
                Double.NaN));
        Map<Float, Long> rr = real.ratingCounts();
        Map<Float, Long> dr = dataset.ratingCounts();
        TreeSet<Float> values = new TreeSet<>(rr.keySet());
        values.addAll(dr.keySet());
        for (float v : values) {
            rows.add(new Row("rating_share_" + label(v), share(rr, v, real.interactions()),
                    share(dr, v, dataset.interactions()), Double.NaN));
        }
        return rows;
    }

    private static void distribution(List<Row> rows, String name, double[] real, double[] dataset) {
        rows.add(new Row(name + "_gini", InteractionProfile.gini(real), InteractionProfile.gini(dataset), Double.NaN));
        rows.add(new Row(name + "_mean", InteractionProfile.mean(real), InteractionProfile.mean(dataset),
                ks(real, dataset)));
        rows.add(new Row(name + "_median", InteractionProfile.median(real), InteractionProfile.median(dataset),
                Double.NaN));
        rows.add(new Row(name + "_cv", cv(real), cv(dataset), ks(scaled(real), scaled(dataset))));
    }

    /** Coefficient of variation (standard deviation / mean): the spread, whatever the scale. */
    private static double cv(double[] v) {
        double m = InteractionProfile.mean(v);
        if (m == 0) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / v.length) / m;
    }

    private static double[] scaled(double[] v) {
        double m = InteractionProfile.mean(v);
        double[] s = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            s[k] = m == 0 ? 0 : v[k] / m;
        }
        return s;
    }

    /** The two-sample KS statistic; NaN when a side has fewer than two values (Commons Math needs two). */
    static double ks(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(a, b);
    }

    private static double share(Map<Float, Long> counts, float v, long n) {
        return n == 0 ? 0 : counts.getOrDefault(v, 0L) / (double) n;
    }

    private static String label(float v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Float.toString(v);
    }

    /** The rows as a table for people. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s %14s %14s %8s%n", "statistic", "real",
                "dataset", "KS"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-24s %14s %14s %8s%n", r.statistic(), number(r.real()),
                    number(r.dataset()), Double.isNaN(r.ksDistance()) ? "" : String.format(Locale.ROOT, "%.3f",
                            r.ksDistance())));
        }
        return sb.toString();
    }

    /** The rows as CSV: {@code statistic,real,dataset,ks_distance} (empty distance when none). */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("statistic,real,dataset,ks_distance\n");
        for (Row r : rows) {
            sb.append(r.statistic()).append(',').append(r.real()).append(',').append(r.dataset()).append(',')
                    .append(Double.isNaN(r.ksDistance()) ? "" : Double.toString(r.ksDistance())).append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 0.01 ? "%.6f" : "%.4f", v);
    }
}
