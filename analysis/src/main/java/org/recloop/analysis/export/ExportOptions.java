package org.recloop.analysis.export;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.recloop.analysis.offline.Split;
import org.recloop.core.react.EventType;

/**
 * What to export.
 *
 * @param format the file format
 * @param events the event types that count as interactions (events without an item never do)
 * @param exposures also write every shown slate position with its score and propensity
 * @param groundTruth also write the users' true preferences and fake-account marks, and the
 *     items' quality and popularity prior
 * @param split train/valid/test parts as separate files, or empty for none
 * @param testFraction share of each user's interactions held out for test (and then for
 *     validation) by the random and temporal splits
 * @param seed seed of the random split
 */
public record ExportOptions(ExportFormat format, Set<EventType> events, boolean exposures, boolean groundTruth,
        Optional<Split.Method> split, double testFraction, long seed) {

    public ExportOptions {
        Objects.requireNonNull(format, "format");
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no event types chosen");
        }
        Objects.requireNonNull(split, "split");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), was " + testFraction);
        }
    }
}
