package org.recloop.core.serve;

import java.util.List;
import org.recloop.core.rng.RandomStreams;

/**
 * The arms of an A/B test inside one run and the assignment of users to them: user u belongs to
 * arm a when the uniform draw of ("experiment.arm", u) falls in a's slice of the normalised
 * shares. The assignment depends only on the run seed and the user, so a recommender that splits
 * traffic and a metric that reports per arm agree without sharing state.
 */
public final class ExperimentArms {

    private static final long PURPOSE = RandomStreams.purpose("experiment.arm");
    private final List<String> names;
    private final double[] cumulative;

    public ExperimentArms(List<String> names, double[] shares) {
        if (names.isEmpty() || names.size() != shares.length) {
            throw new IllegalArgumentException("one share per arm, at least one arm");
        }
        this.names = List.copyOf(names);
        double total = 0;
        for (double s : shares) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("arm shares must be > 0");
            }
            total += s;
        }
        cumulative = new double[shares.length];
        double acc = 0;
        for (int a = 0; a < shares.length; a++) {
            acc += shares[a] / total;
            cumulative[a] = acc;
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** The arm of a user. */
    public int armOf(RandomStreams streams, int user) {
        double x = streams.uniform(PURPOSE, user, -1);
        for (int a = 0; a < cumulative.length - 1; a++) {
            if (x < cumulative[a]) {
                return a;
            }
        }
        return cumulative.length - 1;
    }
}
