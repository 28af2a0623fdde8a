package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.DetectionBoard;
import org.recloop.core.capability.DetectionReport;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.world.AccountTruth;

/**
 * {@code detection}: how well a defence's last detection (posted on the run's {@link
 * DetectionBoard} by the {@code detect} recommender) matches the world's ground truth of fake
 * accounts, which only metrics read. Values, all NaN until the first detection:
 * <ul>
 *   <li>{@code detection_precision}: share of the flagged accounts that are fake (NaN when
 *       nothing was flagged);</li>
 *   <li>{@code detection_recall}: share of the fake accounts the detection could judge (those
 *       with interactions in the data it fitted on) that it flagged (NaN when there were none:
 *       an account that has not acted yet cannot be caught);</li>
 *   <li>{@code flagged}: number of flagged accounts;</li>
 *   <li>{@code detection_fpr_old}: share of the real accounts present when the run started that
 *       the detection judged and flagged (false-positive rate; NaN when it judged none);</li>
 *   <li>{@code detection_fpr_new}: the same among real accounts opened during the run (ordinary
 *       newcomers, e.g. by {@code add-users}; NaN when there are none or none was judged).</li>
 * </ul>
 * The values hold between detections: each tick reports the detection in force.
 *
 * <p>Why the split by age: fake accounts are new by construction, so a detector that leans on
 * account age flags honest newcomers too, a cost the overall precision hides when newcomers are
 * few. {@code detection_fpr_new} above {@code detection_fpr_old} says the defence penalises
 * newcomers. "Present when the run started" means ids below the population size this metric first
 * observed (tick 0's Observe phase comes before its Act phase, so accounts opened at tick 0 are
 * new).
 */
public final class DetectionQuality implements Metric {

    public static final String PRECISION = "detection_precision";
    public static final String RECALL = "detection_recall";
    public static final String FLAGGED = "flagged";
    public static final String FPR_OLD = "detection_fpr_old";
    public static final String FPR_NEW = "detection_fpr_new";

    private final Capabilities capabilities;
    /** Users present at the first observation: ids below are old, ids from here on opened later. */
    private int founders = -1;

    public DetectionQuality(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of(PRECISION, RECALL, FLAGGED, FPR_OLD, FPR_NEW);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        if (founders < 0) {
            founders = view.world().population().size();
        }
        DetectionReport report = capabilities.capability(DetectionBoard.class).flatMap(DetectionBoard::latest)
                .orElse(null);
        if (report == null) {
            out.put(PRECISION, Double.NaN);
            out.put(RECALL, Double.NaN);
            out.put(FLAGGED, Double.NaN);
            out.put(FPR_OLD, Double.NaN);
            out.put(FPR_NEW, Double.NaN);
            return;
        }
        AccountTruth truth = view.world().groundTruth();
        var flagged = report.flagged();
        var scored = report.scored();
        int truePositives = 0;
        for (int u = flagged.nextSetBit(0); u >= 0; u = flagged.nextSetBit(u + 1)) {
            if (truth.fake(u)) {
                truePositives++;
            }
        }
        int catchable = 0;
        int[] realScored = new int[2]; // [old, new]
        int[] realFlagged = new int[2];
        for (int u = scored.nextSetBit(0); u >= 0; u = scored.nextSetBit(u + 1)) {
            if (truth.fake(u)) {
                catchable++;
            } else {
                int age = u < founders ? 0 : 1;
                realScored[age]++;
                if (flagged.get(u)) {
                    realFlagged[age]++;
                }
            }
        }
        int n = flagged.cardinality();
        out.put(PRECISION, n == 0 ? Double.NaN : (double) truePositives / n);
        out.put(RECALL, catchable == 0 ? Double.NaN : (double) truePositives / catchable);
        out.put(FLAGGED, (double) n);
        out.put(FPR_OLD, realScored[0] == 0 ? Double.NaN : (double) realFlagged[0] / realScored[0]);
        out.put(FPR_NEW, realScored[1] == 0 ? Double.NaN : (double) realFlagged[1] / realScored[1]);
    }
}
