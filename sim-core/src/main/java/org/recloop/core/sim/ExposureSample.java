package org.recloop.core.sim;

import java.util.BitSet;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;

/**
 * Which slates' exposures the log keeps when {@code log.exposureSampling} is below 1: each slate
 * is kept with that probability, drawn from ("kernel.exposure-sample", user, tick), so the sample
 * depends on the seed alone, not on the thread count or the order slates were served in.
 */
final class ExposureSample {
    private static final long PURPOSE = RandomStreams.purpose("kernel.exposure-sample");

    private ExposureSample() {}

    /** The slates to log, or null for all of them ({@code rate >= 1}). */
    static BitSet of(SlateBatch slates, RandomStreams streams, int tick, double rate) {
        if (rate >= 1) {
            return null;
        }
        BitSet logged = new BitSet(slates.size());
        for (int s = 0; s < slates.size(); s++) {
            if (streams.uniform(PURPOSE, slates.user(s), tick) < rate) {
                logged.set(s);
            }
        }
        return logged;
    }
}
