package org.recloop.analysis.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paired columns of a {@code summary.csv}: beside each arm's final-tick mean and interval, the
 * same metric's paired difference against the baseline arm at the final tick ({@link
 * PairedComparison#FINAL}), so the one file a reader opens first answers "did this arm change the
 * metric?" with the right interval. The full table (means over ticks too, unpaired seeds, raw
 * p-values) stays in {@code paired.csv}.
 *
 * <p>Columns: {@code vs} (the baseline arm), {@code diff} (mean paired difference arm - baseline),
 * {@code diff_ci_low}, {@code diff_ci_high} (its 95% t interval), {@code d_z} (Cohen's paired
 * effect size) and {@code p_holm} (the paired t test's p-value, Holm-adjusted over all metrics ×
 * arms at the final tick). The baseline's own rows, and arms with no seed in common with it, leave
 * them empty.
 */
public final class SummaryPairs {

    /** The appended header cells, without a leading comma. */
    public static final String HEADER = "vs,diff,diff_ci_low,diff_ci_high,d_z,p_holm";

    private static final String EMPTY = ",,,,,,";

    private final Map<String, PairedComparison.Row> byArmMetric = new HashMap<>();

    private SummaryPairs(List<PairedComparison.Row> rows) {
        for (PairedComparison.Row r : rows) {
            if (r.over().equals(PairedComparison.FINAL) && r.n() > 0) {
                byArmMetric.put(key(r.arm(), r.metric()), r);
            }
        }
    }

    /** The final-tick rows of {@code rows} (any others are ignored). */
    public static SummaryPairs of(List<PairedComparison.Row> rows) {
        return new SummaryPairs(rows);
    }

    /** No pairs: every row's paired cells empty (one arm, or no shared seed). */
    public static SummaryPairs none() {
        return new SummaryPairs(List.of());
    }

    /**
     * The paired cells of one summary row, each preceded by a comma (append them to the row); numbers
     * in the shortest exact decimal form, a missing one empty.
     */
    public String cells(String arm, String metric) {
        PairedComparison.Row r = byArmMetric.get(key(arm, metric));
        if (r == null) {
            return EMPTY;
        }
        return ',' + field(r.baseline()) + ',' + num(r.meanDiff()) + ',' + num(r.ciLow()) + ',' + num(r.ciHigh()) + ','
                + num(r.dz()) + ',' + num(r.pHolm());
    }

    private static String key(String arm, String metric) {
        return arm + '\u0000' + metric;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
