package org.recloop.analysis.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics relative to a reference arm, seed by seed and tick by tick, as Chaney, Stewart and
 * Engelhardt (RecSys 2018) report homogenisation and utility relative to the ideal recommender.
 * Arms of a sweep share every random draw of a seed (common random numbers), so dividing a run's
 * value by the reference run's value of the same seed and tick removes what the seed's world
 * contributes and leaves what the recommender does: 1 means "as the reference", 1.5 "half as much
 * again".
 *
 * <p>{@link #add} gives every run of another arm one more metric per metric, {@code
 * <metric>_relative} = value / reference value at the same seed and tick; the report then draws,
 * tabulates and pairs those like any metric (curves over time per arm with their 95% bands). A
 * tick the reference run lacks, or where its value is 0 or missing, has no relative value (NaN);
 * so have runs whose seed the reference arm has no finished run for. The reference runs
 * themselves are left unchanged (their ratio would be 1 by definition).
 */
public final class RelativeToReference {

    /** Suffix of the relative metrics. */
    public static final String SUFFIX = "_relative";

    private RelativeToReference() {}

    /**
     * The runs, those of arms other than {@code reference} with the relative metrics appended.
     *
     * @throws IllegalArgumentException if no run has the arm {@code reference}
     */
    public static List<RunData> add(List<RunData> runs, String reference) {
        List<String> arms = PairedComparison.arms(runs);
        if (!arms.contains(reference)) {
            throw new IllegalArgumentException("no arm is labelled '" + reference + "'; the arms are " + arms);
        }
        Map<Long, RunData> ref = new HashMap<>();
        for (RunData r : runs) {
            if (r.arm().equals(reference) && r.outcome().finished()) {
                ref.putIfAbsent(r.seed(), r);
            }
        }
        List<RunData> out = new ArrayList<>(runs.size());
        for (RunData r : runs) {
            out.add(r.arm().equals(reference) ? r : relative(r, ref.get(r.seed())));
        }
        return out;
    }

    private static RunData relative(RunData r, RunData ref) {
        List<String> metrics = new ArrayList<>(r.metrics());
        int m = r.metrics().size();
        for (String name : r.metrics()) {
            metrics.add(name + SUFFIX);
        }
        double[][] values = new double[r.rows()][];
        for (int row = 0; row < r.rows(); row++) {
            double[] v = java.util.Arrays.copyOf(r.values()[row], 2 * m);
            for (int c = 0; c < m; c++) {
                double base = ref == null ? Double.NaN : ref.value(r.metrics().get(c), r.ticks()[row]);
                v[m + c] = base == 0 || Double.isNaN(base) ? Double.NaN : r.values()[row][c] / base;
            }
            values[row] = v;
        }
        return new RunData(r.folder(), r.runId(), r.scenarioName(), r.seed(), r.recommenderType(), r.arm(),
                r.scenarioText(), metrics, r.ticks(), values, r.outcome());
    }
}
