package org.recloop.analysis.online;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.serve.SlateBatch;

/**
 * {@code long_tail_share}: share of this tick's exposures that fall on long-tail items,
 * {@code |{(s, i): i ∈ L_s, i ∈ Γ}| / Σ_s |L_s|}, the online counterpart of APLT (average
 * percentage of long tail items; Abdollahpouri, Burke and Mobasher, "Controlling Popularity Bias
 * in Learning-to-Rank Recommendation", RecSys 2017, and "Managing Popularity Bias in Recommender
 * Systems with Personalized Re-ranking", FLAIRS 2019). Pooled over exposures, so with equal slate
 * lengths it equals the mean over slates.
 *
 * <p>The head H is the smallest set of most clicked items (descending cumulative clicks before
 * this tick, φ⁻, ties: smaller id) whose clicks reach {@code headShare} of all clicks,
 * {@code Σ_{i∈H} φ⁻(i) >= headShare · Σ_i φ⁻(i)}; the long tail Γ is every other catalog item,
 * never-clicked items included. This is the partition of
 * {@link org.recloop.analysis.offline.RankingMetrics.Popularity} and of the {@code xquad}
 * re-ranker, computed from the clicks the recommender could have seen when it served the slates
 * (see {@link StartOfTick}). Before the first click the head is empty and the share is 1. NaN
 * when nothing was shown. As clicks concentrate the head shrinks to a handful of items that most
 * users have already consumed (and slates exclude), so read this together with
 * {@code gini_exposure} or raise {@code headShare} (e.g. 0.8 for Elliot's short head).
 *
 * <p>Cost O(N log N + exposures) per tick for N catalog items.
 */
public final class LongTail implements Metric {
    public static final String NAME = "long_tail_share";

    /** @param headShare share of all clicks the head accounts for, in (0, 1] (default 0.2) */
    public record Params(Double headShare) {
        public Params {
            headShare = headShare == null ? 0.2 : headShare;
            if (!(headShare > 0 && headShare <= 1)) {
                throw new InvalidParameterException("headShare", "must be in (0, 1], was " + headShare);
            }
        }

        public static Params defaults() {
            return new Params(null);
        }
    }

    private final Params p;

    public LongTail(Params p) {
        this.p = p;
    }

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        StartOfTick start = StartOfTick.of(view);
        boolean[] head = head(start, p.headShare());
        SlateBatch slates = view.slates();
        long exposures = 0;
        long tail = 0;
        for (int s = 0; s < slates.size(); s++) {
            int len = slates.length(s);
            for (int q = 0; q < len; q++) {
                int item = slates.item(s, q);
                exposures++;
                if (item >= head.length || !head[item]) {
                    tail++;
                }
            }
        }
        out.put(NAME, exposures == 0 ? Double.NaN : (double) tail / exposures);
    }

    /** {@code head[i]}: item i is in the head (most clicked first, ties: smaller id, until the share is reached). */
    static boolean[] head(StartOfTick start, double share) {
        int n = start.items();
        long[] clicks = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            clicks[i] = start.clicks(i);
            order[i] = i;
        }
        boolean[] head = new boolean[n];
        long total = start.totalClicks();
        if (total <= 0) {
            return head;
        }
        Arrays.sort(order, (a, b) -> clicks[a] != clicks[b] ? Long.compare(clicks[b], clicks[a])
                : Integer.compare(a, b));
        double target = share * total;
        long cum = 0;
        for (int j = 0; j < n && cum < target - 1e-9; j++) {
            head[order[j]] = true;
            cum += clicks[order[j]];
        }
        return head;
    }
}
