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
 *   <li>{@code flagged}: number of flagged accounts.</li>
 * </ul>
 * The values hold between detections: each tick reports the detection in force.
 */
public final class DetectionQuality implements Metric {

    public static final String PRECISION = "detection_precision";
    public static final String RECALL = "detection_recall";
    public static final String FLAGGED = "flagged";

    private final Capabilities capabilities;

    public DetectionQuality(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of(PRECISION, RECALL, FLAGGED);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        DetectionReport report = capabilities.capability(DetectionBoard.class).flatMap(DetectionBoard::latest)
                .orElse(null);
        if (report == null) {
            out.put(PRECISION, Double.NaN);
            out.put(RECALL, Double.NaN);
            out.put(FLAGGED, Double.NaN);
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
        for (int u = scored.nextSetBit(0); u >= 0; u = scored.nextSetBit(u + 1)) {
            if (truth.fake(u)) {
                catchable++;
            }
        }
        int n = flagged.cardinality();
        out.put(PRECISION, n == 0 ? Double.NaN : (double) truePositives / n);
        out.put(RECALL, catchable == 0 ? Double.NaN : (double) truePositives / catchable);
        out.put(FLAGGED, (double) n);
    }
}
