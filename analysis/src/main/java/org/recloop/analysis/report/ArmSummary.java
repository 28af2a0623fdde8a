package org.recloop.analysis.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The runs of one arm, summarised per metric and tick: the number of runs with a value, their
 * mean and a two-sided 95% confidence interval of the mean, {@code mean ± t(0.975, n-1)·s/sqrt(n)}
 * with {@code s} the sample standard deviation (Student t with n - 1 degrees of freedom). With a
 * single run there is no interval ({@code ciLow = ciHigh = mean}); with none, every figure is NaN.
 *
 * <p>Runs of different lengths are aligned on the tick: each tick uses the runs that have a
 * value for the metric there (a missing value, NaN, counts as no value).
 */
public final class ArmSummary {

    /** Confidence level of the intervals. */
    public static final double CONFIDENCE = 0.95;

    private static final Map<Integer, Double> T_QUANTILES = new ConcurrentHashMap<>();

    /**
     * Summary of one metric at one tick.
     *
     * @param tick the tick
     * @param n runs with a value at this tick
     * @param mean their mean (NaN if n = 0)
     * @param ciLow lower end of the 95% confidence interval (the mean if n = 1, NaN if n = 0)
     * @param ciHigh upper end of the 95% confidence interval (the mean if n = 1, NaN if n = 0)
     */
    public record Point(int tick, int n, double mean, double ciLow, double ciHigh) {
        /** Half-width of the interval: 0 for a single run, NaN for none. */
        public double halfWidth() {
            return (ciHigh - ciLow) / 2;
        }
    }

    private final String arm;
    private final List<RunData> runs;
    private final List<String> metrics;
    private final Map<String, List<Point>> series = new LinkedHashMap<>();

    private ArmSummary(String arm, List<RunData> runs) {
        this.arm = arm;
        this.runs = List.copyOf(runs);
        Set<String> names = new LinkedHashSet<>();
        for (RunData r : runs) {
            names.addAll(r.metrics());
        }
        this.metrics = List.copyOf(names);
        for (String m : metrics) {
            series.put(m, summarise(m));
        }
    }

    /** Summarises the given runs as one arm (whatever their own arm labels). */
    public static ArmSummary of(String arm, List<RunData> runs) {
        Objects.requireNonNull(arm, "arm");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("arm '" + arm + "' has no runs");
        }
        return new ArmSummary(arm, runs);
    }

    /** Groups runs by {@link RunData#arm()}, arms in the order of their first run. */
    public static List<ArmSummary> byArm(List<RunData> runs) {
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : runs) {
            groups.computeIfAbsent(r.arm(), k -> new ArrayList<>()).add(r);
        }
        List<ArmSummary> out = new ArrayList<>();
        groups.forEach((arm, rs) -> out.add(new ArmSummary(arm, rs)));
        return out;
    }

    public String arm() {
        return arm;
    }

    public List<RunData> runs() {
        return runs;
    }

    /** Metrics of any run of the arm, in the order first seen. */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * The metric over ticks: one point per tick that any run of the arm has (n may be 0 there if
     * no run has a value); empty if no run of the arm has the metric.
     */
    public List<Point> series(String metric) {
        return series.getOrDefault(metric, List.of());
    }

    /**
     * The final-tick summary: the point of the last tick at which at least one run has a value,
     * or null if no run has any value for the metric.
     */
    public Point last(String metric) {
        List<Point> s = series(metric);
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.get(i).n() > 0) {
                return s.get(i);
            }
        }
        return null;
    }

    private List<Point> summarise(String metric) {
        TreeSet<Integer> ticks = new TreeSet<>();
        int[] cols = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            cols[i] = r.column(metric);
            if (cols[i] >= 0) {
                for (int t : r.ticks()) {
                    ticks.add(t);
                }
            }
        }
        List<Point> out = new ArrayList<>(ticks.size());
        double[] buf = new double[runs.size()];
        for (int tick : ticks) {
            int n = 0;
            for (int i = 0; i < runs.size(); i++) {
                if (cols[i] < 0) {
                    continue;
                }
                RunData r = runs.get(i);
                int row = r.row(tick);
                if (row >= 0) {
                    double v = r.values()[row][cols[i]];
                    if (!Double.isNaN(v)) {
                        buf[n++] = v;
                    }
                }
            }
            out.add(point(tick, buf, n));
        }
        return Collections.unmodifiableList(out);
    }

    /** Mean and 95% t-interval of the first {@code n} values (none of them NaN). */
    static Point point(int tick, double[] values, int n) {
        if (n == 0) {
            return new Point(tick, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        // shifted by the first value: equal values give their value exactly, and a zero-width interval
        double shift = values[0];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i] - shift;
        }
        double mean = shift + sum / n;
        if (n == 1) {
            return new Point(tick, 1, mean, mean, mean);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Point(tick, n, mean, mean - half, mean + half);
    }

    /** Mean and 95% t-interval of the values; NaN values are left out. */
    public static Point point(int tick, double... values) {
        double[] kept = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                kept[n++] = v;
            }
        }
        return point(tick, kept, n);
    }

    /** The two-sided 95% quantile of Student's t with the given degrees of freedom, {@code t(0.975, df)}. */
    public static double tQuantile(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, was " + df);
        }
        // no random generator: the distribution is only used for its quantile function
        return T_QUANTILES.computeIfAbsent(df,
                d -> new TDistribution(null, d).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2));
    }
}
