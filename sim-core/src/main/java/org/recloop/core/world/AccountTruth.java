package org.recloop.core.world;

import java.util.BitSet;

/**
 * What only the simulator knows about accounts: which ones are fake (attackers brought in by an
 * intervention). Ground truth for metrics and analysis; recommenders and defences never see it
 * (they read the log through {@code Interactions} and {@code ServeContext}, not the world), and
 * nothing of it reaches the log's users or events tables, so a defence can only find attackers
 * from their behaviour.
 *
 * <p>Threading: marked on the simulation thread (when accounts are added, in the Act phase);
 * read anywhere while nothing marks.
 */
public final class AccountTruth {

    private final BitSet fake = new BitSet();

    /** Marks users {@code [from, to)} as fake accounts. */
    public void markFake(int from, int to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("bad user range [" + from + ", " + to + ")");
        }
        fake.set(from, to);
    }

    /** Whether user {@code user} is a fake account. */
    public boolean fake(int user) {
        return user >= 0 && fake.get(user);
    }

    /** Number of fake accounts. */
    public int fakeCount() {
        return fake.cardinality();
    }
}
