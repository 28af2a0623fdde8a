package org.recloop.scenarios.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recloop.analysis.report.PairedComparison;
import org.recloop.analysis.report.RunData;
import org.recloop.scenarios.study.Sweep;

/**
 * The sweep's {@code paired.csv}: its runs read back from their folders (the per-tick metrics the
 * mean over ticks needs are there, not in the outcomes) and compared arm by arm, seed by seed
 * ({@link PairedComparison}), exactly as {@code recloop report} does over the same folders.
 */
final class SweepPairs {

    private SweepPairs() {}

    /**
     * The sweep's runs compared arm by arm against the baseline; empty when there is nothing to pair
     * (one arm, no finished run of the baseline, or no seed in common).
     */
    static List<PairedComparison.Row> compare(List<Sweep.Outcome> outcomes, PairedComparison.Options options)
            throws IOException {
        List<RunData> runs = new ArrayList<>();
        for (Sweep.Outcome o : outcomes) {
            runs.add(RunData.read(o.result().runDir()));
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        List<String> arms = PairedComparison.arms(runs);
        String baseline = options.baselineOf(arms);
        if (arms.size() < 2 || !arms.contains(baseline) || !PairedComparison.pairable(runs, baseline)) {
            return List.of(); // one arm, or the baseline has no run left (interrupted): nothing to pair with
        }
        return PairedComparison.compare(runs, baseline, options.fromTick());
    }

    /** Writes {@code rows} as {@code file} and returns true, unless there are none: then writes nothing. */
    static boolean write(List<PairedComparison.Row> rows, Path file) throws IOException {
        if (rows.isEmpty()) {
            return false;
        }
        Files.writeString(file, PairedComparison.csv(rows));
        return true;
    }
}
