package org.recloop.analysis.online;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.Population;

/**
 * Narrowing of what users consume and of what they like:
 * <ul>
 *   <li>{@code topic_entropy}: mean, over users who have consumed something, of the Shannon
 *       entropy in bits of the topics of their consumed items (the history after this tick),
 *       {@code (1/|U'|) Σ_{u∈U'} −Σ_t p_u(t) log2 p_u(t)} with {@code p_u(t)} the share of u's
 *       consumed items whose topic is t. 0 = every user stays inside one topic (a filter bubble);
 *       a user spread evenly over T topics has log2 T. Items without a topic (id −1) count as one
 *       more category. Nguyen, Hui, Harper, Terveen and Konstan, "Exploring the Filter Bubble: The
 *       Effect of Using Recommender Systems on Content Diversity", WWW 2014, measure the same
 *       narrowing of consumed content over time. NaN when nobody has consumed anything.</li>
 *   <li>{@code preference_spread}: mean Euclidean distance of the users' current true preferences
 *       to the population mean preference, {@code (1/|U|) Σ_u ||p_u − p̄||₂} with
 *       {@code p̄ = (1/|U|) Σ_u p_u} over all users (churned ones included): the homogenisation of
 *       tastes that preference drift under a recommender can cause (Chaney, Stewart and
 *       Engelhardt, RecSys 2018; Mansoury et al., CIKM 2020). A falling spread means tastes
 *       converge.</li>
 * </ul>
 * Drift of each user from their own start preference cannot be computed online without keeping
 * state (the kernel stores no start vector); measure it offline from the {@code user_states}
 * table (start state in {@code users}, snapshots every {@code log.groundTruthEvery} ticks).
 *
 * <p>Cost O(Σ_u |H_u| log |H_u| + |U| · dim).
 */
public final class FilterBubble implements Metric {
    public static final String ENTROPY = "topic_entropy";
    public static final String SPREAD = "preference_spread";

    @Override
    public List<String> names() {
        return List.of(ENTROPY, SPREAD);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        out.put(ENTROPY, meanTopicEntropy(view.world().history(), view.world().catalog()));
        out.put(SPREAD, preferenceSpread(view.world().population()));
    }

    static double meanTopicEntropy(ConsumptionHistory h, Catalog catalog) {
        int[] buf = new int[16];
        double sum = 0;
        long users = 0;
        for (int u = 0; u < h.users(); u++) {
            int n = h.size(u);
            if (n == 0) {
                continue;
            }
            if (buf.length < n) {
                buf = new int[Math.max(n, buf.length * 2)];
            }
            for (int j = 0; j < n; j++) {
                buf[j] = catalog.topic(h.item(u, j));
            }
            sum += entropyBits(buf, n);
            users++;
        }
        return users == 0 ? Double.NaN : sum / users;
    }

    /** Entropy in bits of the empirical distribution of {@code v[0..n)}; sorts that range. */
    static double entropyBits(int[] v, int n) {
        Arrays.sort(v, 0, n);
        double e = 0;
        int run = 1;
        for (int j = 1; j <= n; j++) {
            if (j < n && v[j] == v[j - 1]) {
                run++;
            } else {
                double p = (double) run / n;
                e -= p * Math.log(p);
                run = 1;
            }
        }
        return e / Math.log(2);
    }

    /** Mean distance of the users' preferences to their mean. */
    static double preferenceSpread(Population pop) {
        int users = pop.size();
        int dim = pop.dim();
        float[] pref = pop.preferences();
        double[] mean = mean(pop);
        double sum = 0;
        for (int u = 0; u < users; u++) {
            double sq = 0;
            for (int f = 0; f < dim; f++) {
                double d = pref[u * dim + f] - mean[f];
                sq += d * d;
            }
            sum += Math.sqrt(sq);
        }
        return sum / users;
    }

    /** The mean preference vector over all users. */
    static double[] mean(Population pop) {
        int users = pop.size();
        int dim = pop.dim();
        float[] pref = pop.preferences();
        double[] mean = new double[dim];
        for (int u = 0; u < users; u++) {
            for (int f = 0; f < dim; f++) {
                mean[f] += pref[u * dim + f];
            }
        }
        for (int f = 0; f < dim; f++) {
            mean[f] /= users;
        }
        return mean;
    }
}
