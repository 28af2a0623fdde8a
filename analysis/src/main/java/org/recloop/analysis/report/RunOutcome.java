package org.recloop.analysis.report;

import java.util.Objects;
import org.recloop.core.log.RunStatus;

/**
 * How a run ended, as its database records it, so a report never presents an interrupted or
 * failed run as if it had finished. metrics.csv alone cannot say: a killed run's file simply
 * stops.
 *
 * @param status {@code finished}, {@code interrupted}, {@code failed}, {@code running} (still going,
 *     or killed and not yet recovered), or {@link #UNKNOWN} if the folder has no readable database
 * @param detail why it did not finish (the run's error text, first line), or what made the status
 *     unknown; empty for a finished run
 * @param lastCommittedTick the last tick the database holds as a whole ({@link Integer#MAX_VALUE}
 *     when unknown): a report uses no metrics.csv row after it. After a hard kill, H2 may lose the
 *     commits of its last fraction of a second (it writes committed pages in the background), so
 *     a killed run's metrics.csv can hold a tick the database lost until {@code recover} trims it.
 */
public record RunOutcome(String status, String detail, int lastCommittedTick) {

    /** The status of a run folder without a readable database. */
    public static final String UNKNOWN = "unknown";

    /** The outcome of a run that finished. */
    public static final RunOutcome FINISHED = new RunOutcome(RunStatus.FINISHED.label(), "");

    /** An outcome whose last committed tick is not known (every metrics.csv row counts). */
    public RunOutcome(String status, String detail) {
        this(status, detail, Integer.MAX_VALUE);
    }

    public RunOutcome {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** True if the run did all its ticks. */
    public boolean finished() {
        return RunStatus.FINISHED.label().equals(status);
    }
}
