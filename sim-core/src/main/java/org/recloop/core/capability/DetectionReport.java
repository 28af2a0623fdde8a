package org.recloop.core.capability;

import java.util.BitSet;

/**
 * What a defence flagged at one fit: the accounts it judged fake, out of the accounts it could
 * judge (those with interactions in the data it fitted on). Published on the run's {@link
 * DetectionBoard} so a metric can score it against the ground truth the defence never sees.
 * Immutable: the bit sets are copied in and out.
 *
 * @param tick tick of the fit that ran the detection
 * @param flagged user ids the defence flagged
 * @param scored user ids the defence scored (every user with data at that fit)
 */
public record DetectionReport(int tick, BitSet flagged, BitSet scored) {
    public DetectionReport {
        flagged = (BitSet) flagged.clone();
        scored = (BitSet) scored.clone();
    }

    @Override
    public BitSet flagged() {
        return (BitSet) flagged.clone();
    }

    @Override
    public BitSet scored() {
        return (BitSet) scored.clone();
    }

    /** Number of flagged accounts. */
    public int flaggedCount() {
        return flagged.cardinality();
    }

    /** Whether {@code user} was flagged. */
    public boolean isFlagged(int user) {
        return user >= 0 && flagged.get(user);
    }

    /** Whether {@code user} was scored (had data at the fit). */
    public boolean isScored(int user) {
        return user >= 0 && scored.get(user);
    }
}
