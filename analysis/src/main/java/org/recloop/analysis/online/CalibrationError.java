package org.recloop.analysis.online;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;

/**
 * {@code calibration_kl}: mean miscalibration of this tick's slates, Steck, "Calibrated
 * Recommendations", RecSys 2018, eq. (2)–(5):
 *
 * <pre>
 *   C_KL = (1/|S'|) Σ_{s ∈ S'} KL(p_u || q̃_s) = (1/|S'|) Σ_s Σ_t p_u(t) ln( p_u(t) / q̃_s(t) ),
 *   q̃_s = (1 − α) q_s + α p_u,  α = 0.01
 * </pre>
 *
 * with {@code p_u(t)} the share of topic t among the items user u had consumed before this tick
 * ({@code H⁻_u}, see {@link StartOfTick}: the history the slate was served against) and
 * {@code q_s(t)} the share of topic t among the slate's items (each item has one topic, all items
 * and positions weigh the same). Natural logarithm (nats). The mixing with α keeps the divergence
 * finite when the slate misses a topic of the user's history. 0 = the slate reproduces the topic
 * proportions of the user's history; the maximum, when the slate has none of them, is
 * {@code −ln α ≈ 4.6}. Items without a topic (id −1) count as one more topic. {@code S'} = the
 * tick's non-empty slates whose user has a history; NaN when there is none.
 *
 * <p>Cost O(Σ_{s} (|H_u| log |H_u| + n_s log n_s) + E log E).
 */
public final class CalibrationError implements Metric {
    public static final String NAME = "calibration_kl";
    /** Steck's mixing weight of the user's distribution in q̃. */
    public static final double ALPHA = 0.01;

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        Catalog catalog = view.world().catalog();
        StartOfTick start = StartOfTick.of(view);
        SlateBatch slates = view.slates();
        int[] slateTopics = new int[slates.k()];
        out.put(NAME, start.meanOverSlatesWithHistory(slates, (s, len, h) -> {
            for (int j = 0; j < h.length; j++) {
                h[j] = catalog.topic(h[j]);
            }
            for (int q = 0; q < len; q++) {
                slateTopics[q] = catalog.topic(slates.item(s, q));
            }
            return kl(h, h.length, slateTopics, len);
        }));
    }

    /**
     * KL(p || (1−α) q + α p) in nats, p and q the empirical distributions of {@code user[0..nu)}
     * and {@code slate[0..ns)} (both ranges are sorted in place).
     */
    static double kl(int[] user, int nu, int[] slate, int ns) {
        Arrays.sort(user, 0, nu);
        Arrays.sort(slate, 0, ns);
        double kl = 0;
        int j = 0;
        int start = 0;
        for (int i = 1; i <= nu; i++) {
            if (i < nu && user[i] == user[i - 1]) {
                continue;
            }
            int topic = user[start];
            double p = (double) (i - start) / nu;
            while (j < ns && slate[j] < topic) {
                j++;
            }
            int c = 0;
            while (j < ns && slate[j] == topic) {
                c++;
                j++;
            }
            double q = (double) c / ns;
            double qt = (1 - ALPHA) * q + ALPHA * p;
            kl += p * Math.log(p / qt);
            start = i;
        }
        return kl;
    }
}
