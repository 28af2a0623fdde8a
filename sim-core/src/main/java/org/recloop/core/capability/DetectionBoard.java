package org.recloop.core.capability;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a defence (a recommender wrapper that detects fake accounts) posts what it flagged at its
 * last fit, so the {@code detection} metric can score it against the ground truth. The arrow
 * points one way: defences write reports here and never read the ground truth; metrics read both.
 * One board per run, granted by the composition root; with several defences in one run (A/B
 * arms) the last fit's report wins.
 *
 * <p>Threading: written in fit and read by metrics, both on the simulation thread; the latest
 * report is held in a volatile field, so other threads see a whole report or none.
 */
public final class DetectionBoard {

    private volatile DetectionReport latest;

    /** Posts the report of a detection that just ran, replacing the previous one. */
    public void publish(DetectionReport report) {
        latest = Objects.requireNonNull(report, "report");
    }

    /** The last report posted, or empty before the first detection. */
    public Optional<DetectionReport> latest() {
        return Optional.ofNullable(latest);
    }
}
