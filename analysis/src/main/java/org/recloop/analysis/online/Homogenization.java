package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.ConsumptionHistory;

/**
 * {@code homogenization}: mean Jaccard similarity of the consumed-item sets of pairs of users,
 * as in Chaney, Stewart and Engelhardt (RecSys 2018). Only users who consumed something count
 * (a pair of empty sets has no Jaccard). With at most {@code exactUpTo} such users every pair is
 * used; above that, {@code samplePairs} distinct-user pairs are drawn uniformly from the stream
 * ("metric.homogenization", tick), an unbiased estimate of the all-pairs mean whose standard
 * error is below 0.5/sqrt(samplePairs).
 */
public final class Homogenization implements Metric {
    public static final String NAME = "homogenization";
    private static final long PURPOSE = RandomStreams.purpose("metric.homogenization");

    /**
     * @param exactUpTo use all pairs when at most this many users have consumed something
     * @param samplePairs pairs sampled otherwise
     */
    public record Params(Integer exactUpTo, Integer samplePairs) {
        public Params {
            exactUpTo = Check.positive("exactUpTo", exactUpTo == null ? 300 : exactUpTo);
            samplePairs = Check.positive("samplePairs", samplePairs == null ? 20_000 : samplePairs);
        }

        public static Params defaults() {
            return new Params(null, null);
        }
    }

    private final Params p;

    public Homogenization(Params p) {
        this.p = p;
    }

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        out.put(NAME, compute(view.world().history(), view.streams(), view.tick()));
    }

    /** The mean pairwise Jaccard similarity (0 if fewer than two users consumed anything). */
    public double compute(ConsumptionHistory h, RandomStreams streams, int tick) {
        int users = h.users();
        int m = 0;
        int[] eligible = new int[users];
        for (int u = 0; u < users; u++) {
            if (h.size(u) > 0) {
                eligible[m++] = u;
            }
        }
        if (m < 2) {
            return 0.0;
        }
        double sum = 0;
        long pairs = 0;
        if (m <= p.exactUpTo()) {
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    sum += h.jaccard(eligible[a], eligible[b]);
                    pairs++;
                }
            }
        } else {
            UniformRandomProvider rng = streams.stream(PURPOSE, -1, tick);
            for (int i = 0; i < p.samplePairs(); i++) {
                int a = rng.nextInt(m);
                int b = rng.nextInt(m - 1);
                if (b >= a) {
                    b++;
                }
                sum += h.jaccard(eligible[a], eligible[b]);
                pairs++;
            }
        }
        return sum / pairs;
    }
}
