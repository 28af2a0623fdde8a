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

    /** Writes {@code file} and returns true when the sweep has several arms; else writes nothing. */
    static boolean write(List<Sweep.Outcome> outcomes, PairedComparison.Options options, Path file) throws IOException {
        List<RunData> runs = new ArrayList<>();
        for (Sweep.Outcome o : outcomes) {
            runs.add(RunData.read(o.result().runDir()));
        }
        if (runs.isEmpty()) {
            return false;
        }
        List<String> arms = PairedComparison.arms(runs);
        String baseline = options.baselineOf(arms);
        if (arms.size() < 2 || !arms.contains(baseline)) {
            return false; // one arm, or the baseline has no run left (interrupted): nothing to pair with
        }
        Files.writeString(file, PairedComparison.csv(PairedComparison.compare(runs, baseline, options.fromTick())));
        return true;
    }
}
