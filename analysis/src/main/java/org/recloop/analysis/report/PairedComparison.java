package org.recloop.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Paired differences of every arm against a baseline arm, per metric, over the seeds both arms
 * ran. Runs with the same seed share the world and every random draw keyed by (user, tick)
 * (common random numbers, see the sweep), so the difference of one seed's two runs is free of the
 * seed-to-seed variation that the arms' separate intervals carry: the paired interval is much
 * narrower and is the one that answers "did this arm change the metric?".
 *
 * <p>Per arm, baseline and metric, two comparisons ({@link Row#over()}):
 * <ul>
 *   <li>{@code final}: the value at each run's last tick;</li>
 *   <li>{@code mean_from_T}: the mean of the run's values over ticks {@code >= T} (missing values
 *       left out), e.g. over an attack window.</li>
 * </ul>
 * A seed is paired when both arms have a finished run with that seed and both values are numbers;
 * the seeds that only one arm has (or only unfinished runs) are named in {@link Row#unpaired()}.
 * With two runs of one arm and one seed, the first (in run order) counts. The interval is the
 * two-sided 95% Student t interval of the mean difference, {@code mean ± t(0.975, n-1)·s/sqrt(n)};
 * with fewer than two pairs there is none (NaN) and it excludes nothing.
 *
 * <p>Each row also carries the paired effect size (Cohen's {@code d_z}) and the two-sided paired
 * t test's p-value ({@link PairedTest}), and the p-value adjusted by Holm's method
 * ({@link Holm}). The family of the adjustment is every row of one table with the same
 * {@link Row#over()}: all metrics × all arms against the baseline, once for {@code final} and
 * once for {@code mean_from_T} (two views of the same runs, so they are not pooled).
 */
public final class PairedComparison {

    /** {@link Row#over()} of the comparison at the runs' last tick. */
    public static final String FINAL = "final";

    /** The label of the mean over ticks {@code >= fromTick}. */
    public static String overMeanFrom(int fromTick) {
        return "mean_from_" + fromTick;
    }

    /**
     * One comparison.
     *
     * @param arm the arm compared
     * @param baseline the baseline arm
     * @param metric the metric
     * @param over {@code final} or {@code mean_from_T}
     * @param n paired seeds
     * @param meanDiff mean of (arm - baseline) over the paired seeds; NaN with none
     * @param ciLow lower end of the 95% interval of the mean difference; NaN with n < 2
     * @param ciHigh upper end; NaN with n < 2
     * @param unpaired seeds left out, as {@code seed:arm-only} or {@code seed:baseline-only}
     * @param dz Cohen's d_z, mean difference / standard deviation of the differences; NaN with n < 2
     *     or no spread
     * @param p two-sided p-value of the paired t test; NaN with n < 2
     * @param pHolm {@code p} adjusted by Holm's method over the table's rows with the same {@code over}
     */
    public record Row(String arm, String baseline, String metric, String over, int n, double meanDiff, double ciLow,
            double ciHigh, List<String> unpaired, double dz, double p, double pHolm) {
        public Row {
            unpaired = List.copyOf(unpaired);
        }

        Row withHolm(double adjusted) {
            return new Row(arm, baseline, metric, over, n, meanDiff, ciLow, ciHigh, unpaired, dz, p, adjusted);
        }

        /** Whether the interval lies wholly above or wholly below zero. */
        public boolean excludesZero() {
            return ciLow > 0 || ciHigh < 0;
        }
    }

    /**
     * What a report pairs: the baseline arm (null: the first arm) and the first tick of the
     * {@code mean_from_T} comparison.
     */
    public record Options(String baseline, int fromTick) {
        /** The first arm against the others, means over all ticks. */
        public static final Options DEFAULT = new Options(null, 0);

        public Options {
            if (fromTick < 0) {
                throw new IllegalArgumentException("the first tick of the mean must be >= 0, was " + fromTick);
            }
        }

        /** The baseline label among {@code arms}: the stated one, else the first. */
        public String baselineOf(List<String> arms) {
            return baseline != null ? baseline : arms.get(0);
        }
    }

    private PairedComparison() {}

    /**
     * The arms of {@code runs} in order of their first run: the default baseline is the first.
     */
    public static List<String> arms(List<RunData> runs) {
        Set<String> arms = new LinkedHashSet<>();
        runs.forEach(r -> arms.add(r.arm()));
        return List.copyOf(arms);
    }

    /** Whether some arm shares a seed with {@code baseline}: whether a paired table says anything. */
    public static boolean pairable(List<RunData> runs, String baseline) {
        Set<Long> base = new TreeSet<>();
        for (RunData r : runs) {
            if (r.arm().equals(baseline)) {
                base.add(r.seed());
            }
        }
        return runs.stream().anyMatch(r -> !r.arm().equals(baseline) && base.contains(r.seed()));
    }

    /**
     * Every other arm against {@code baseline}, per metric of both (in order first seen), final
     * tick then mean over ticks {@code >= fromTick}.
     *
     * @throws IllegalArgumentException if no run has the arm {@code baseline}
     */
    public static List<Row> compare(List<RunData> runs, String baseline, int fromTick) {
        List<String> arms = arms(runs);
        if (!arms.contains(baseline)) {
            throw new IllegalArgumentException("no arm is labelled '" + baseline + "'; the arms are " + arms);
        }
        Map<Long, RunData> base = bySeed(runs, baseline);
        List<Row> rows = new ArrayList<>();
        for (String arm : arms) {
            if (arm.equals(baseline)) {
                continue;
            }
            Map<Long, RunData> other = bySeed(runs, arm);
            List<String> unpaired = unpaired(base, other);
            Set<String> metrics = new LinkedHashSet<>();
            other.values().forEach(r -> metrics.addAll(r.metrics()));
            Set<String> baseMetrics = new LinkedHashSet<>();
            base.values().forEach(r -> baseMetrics.addAll(r.metrics()));
            metrics.retainAll(baseMetrics);
            for (String m : metrics) {
                rows.add(row(arm, baseline, m, FINAL, base, other, unpaired, r -> finalValue(r, m)));
                rows.add(row(arm, baseline, m, overMeanFrom(fromTick), base, other, unpaired,
                        r -> meanFrom(r, m, fromTick)));
            }
        }
        return withHolm(rows);
    }

    /** Each row with its p-value adjusted over the rows of the same {@code over} (the family). */
    private static List<Row> withHolm(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        Set<String> families = new LinkedHashSet<>();
        rows.forEach(r -> families.add(r.over()));
        for (String over : families) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).over().equals(over)) {
                    idx.add(i);
                }
            }
            double[] adjusted = Holm.adjust(idx.stream().mapToDouble(i -> rows.get(i).p()).toArray());
            for (int k = 0; k < idx.size(); k++) {
                out.set(idx.get(k), rows.get(idx.get(k)).withHolm(adjusted[k]));
            }
        }
        return List.copyOf(out);
    }

    private static Row row(String arm, String baseline, String metric, String over, Map<Long, RunData> base,
            Map<Long, RunData> other, List<String> unpaired, java.util.function.ToDoubleFunction<RunData> value) {
        List<Double> diffs = new ArrayList<>();
        for (Map.Entry<Long, RunData> e : other.entrySet()) {
            RunData b = base.get(e.getKey());
            if (b == null) {
                continue;
            }
            double d = value.applyAsDouble(e.getValue()) - value.applyAsDouble(b);
            if (!Double.isNaN(d)) {
                diffs.add(d);
            }
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        ArmSummary.Point p = ArmSummary.point(0, d);
        double low = d.length < 2 ? Double.NaN : p.ciLow();
        double high = d.length < 2 ? Double.NaN : p.ciHigh();
        PairedTest test = PairedTest.of(d);
        return new Row(arm, baseline, metric, over, d.length, p.mean(), low, high, unpaired, test.dz(), test.p(),
                Double.NaN);
    }

    /** The finished runs of an arm by seed, ascending; the first run of a seed counts. */
    private static Map<Long, RunData> bySeed(List<RunData> runs, String arm) {
        Map<Long, RunData> out = new java.util.TreeMap<>();
        for (RunData r : runs) {
            if (r.arm().equals(arm) && r.outcome().finished()) {
                out.putIfAbsent(r.seed(), r);
            }
        }
        return out;
    }

    private static List<String> unpaired(Map<Long, RunData> base, Map<Long, RunData> other) {
        Map<Long, String> out = new java.util.TreeMap<>();
        other.keySet().stream().filter(s -> !base.containsKey(s)).forEach(s -> out.put(s, s + ":arm-only"));
        base.keySet().stream().filter(s -> !other.containsKey(s)).forEach(s -> out.put(s, s + ":baseline-only"));
        return List.copyOf(out.values());
    }

    /** The value at the run's last tick (NaN if missing there). */
    static double finalValue(RunData r, String metric) {
        return r.rows() == 0 ? Double.NaN : r.value(metric, r.ticks()[r.rows() - 1]);
    }

    /** Mean of the run's values at ticks {@code >= fromTick}, missing ones left out; NaN if none. */
    static double meanFrom(RunData r, String metric, int fromTick) {
        int c = r.column(metric);
        if (c < 0) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < r.rows(); i++) {
            double v = r.values()[i][c];
            if (r.ticks()[i] >= fromTick && !Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * {@code paired.csv}: {@code arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,unpaired_seeds,
     * d_z,p_value,p_holm} (the last three appended after the original columns, so readers by position
     * keep working); numbers in the shortest exact decimal form, a missing one empty, unpaired seeds separated by
     * spaces.
     */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("arm,baseline,metric,over,n,mean_diff,ci_low,ci_high,excludes_zero,"
                + "unpaired_seeds,d_z,p_value,p_holm\n");
        for (Row r : rows) {
            sb.append(field(r.arm())).append(',').append(field(r.baseline())).append(',').append(field(r.metric()))
                    .append(',').append(r.over()).append(',').append(r.n()).append(',').append(num(r.meanDiff()))
                    .append(',').append(num(r.ciLow())).append(',').append(num(r.ciHigh())).append(',')
                    .append(r.excludesZero()).append(',').append(String.join(" ", r.unpaired())).append(',')
                    .append(num(r.dz())).append(',').append(num(r.p())).append(',').append(num(r.pHolm())).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Formats a row's difference and interval for people, e.g. {@code +0.0123 [0.0100, 0.0146]}. */
    static String describe(Row r) {
        if (r.n() < 2) {
            return Double.isNaN(r.meanDiff()) ? "no pairs" : String.format(Locale.ROOT, "%+.4g (one pair)", r.meanDiff());
        }
        return String.format(Locale.ROOT, "%+.4g [%.4g, %.4g]", r.meanDiff(), r.ciLow(), r.ciHigh());
    }
}
