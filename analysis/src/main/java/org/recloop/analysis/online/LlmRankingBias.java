package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.lm.RankingDiagnostics;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;

/**
 * {@code llm-ranking-bias}: biases of an LLM recommender's rankings this tick, from what it posted
 * on the run's {@link RankingDiagnostics} board. Values (NaN when there is nothing to measure):
 * <ul>
 *   <li>{@code llm_fallback_share}: share of its slates served in the candidate order because the
 *       model gave no valid ranking (failed calls, invalid answers twice, budget);</li>
 *   <li>{@code llm_popularity_lift}: mean over ranked slates of the mean popularity of the model's
 *       top k over that of all its candidates, popularity = clicks before this tick + 1 (as
 *       {@code popularity_lift}); above 1 = the model favours popular candidates beyond what the
 *       candidate recommender offered;</li>
 *   <li>{@code llm_position_shift}: for probed users (the recommender's {@code probeShare}), the
 *       mean absolute change of an item's rank when the same candidates were shown in a shuffled
 *       order; 0 = the ranking ignores the order of the input, larger = position bias.</li>
 * </ul>
 * Costs nothing beyond the recommender's own probes: it only reads the board.
 */
public final class LlmRankingBias implements Metric {

    public static final String FALLBACK_SHARE = "llm_fallback_share";
    public static final String POPULARITY_LIFT = "llm_popularity_lift";
    public static final String POSITION_SHIFT = "llm_position_shift";

    private final Capabilities capabilities;

    public LlmRankingBias(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public List<String> names() {
        return List.of(FALLBACK_SHARE, POPULARITY_LIFT, POSITION_SHIFT);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        RankingDiagnostics.Tick t = capabilities.capability(RankingDiagnostics.class)
                .map(b -> b.of(view.tick())).orElse(new RankingDiagnostics.Tick(List.of(), List.of(), 0));
        int slates = t.ranked().size() + t.fallbacks();
        out.put(FALLBACK_SHARE, slates == 0 ? Double.NaN : (double) t.fallbacks() / slates);
        double lift = 0;
        int lifted = 0;
        if (!t.ranked().isEmpty()) {
            StartOfTick start = StartOfTick.of(view);
            for (RankingDiagnostics.Ranked r : t.ranked()) {
                if (r.top().length > 0) {
                    lift += meanPopularity(start, r.top()) / meanPopularity(start, r.candidates());
                    lifted++;
                }
            }
        }
        out.put(POPULARITY_LIFT, lifted == 0 ? Double.NaN : lift / lifted);
        double shift = 0;
        int probes = 0;
        for (RankingDiagnostics.Probe p : t.probes()) {
            double m = p.meanShift();
            if (!Double.isNaN(m)) {
                shift += m;
                probes++;
            }
        }
        out.put(POSITION_SHIFT, probes == 0 ? Double.NaN : shift / probes);
    }

    private static double meanPopularity(StartOfTick start, int[] items) {
        double sum = 0;
        for (int i : items) {
            sum += start.clicks(i) + 1;
        }
        return sum / items.length;
    }
}
