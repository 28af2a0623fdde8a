package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.serve.SlateBatch;

/**
 * {@code popularity_lift}: how much more popular the recommended items are than what their user
 * consumed so far, the per-user popularity lift of Abdollahpouri, Mansoury, Burke and Mobasher,
 * "The Unfairness of Popularity Bias in Recommendation" (RMSE@RecSys 2019; there as ΔGAP, the
 * relative difference of group means) and its use across feedback-loop iterations in Mansoury,
 * Abdollahpouri, Pechenizkiy, Mobasher and Burke, "Feedback Loop and Bias Amplification in
 * Recommender Systems" (CIKM 2020):
 *
 * <pre>
 *   lift = (1/|S'|) Σ_{s ∈ S'} rec(s) / prof(u),
 *   rec(s)  = (1/|L_s|)  Σ_{i ∈ L_s}  (φ⁻(i) + 1),
 *   prof(u) = (1/|H⁻_u|) Σ_{j ∈ H⁻_u} (φ⁻(j) + 1)
 * </pre>
 *
 * with {@code L_s} the items of slate s (user u), {@code H⁻_u} the items u had consumed before this
 * tick, {@code φ⁻(i)} the cumulative clicks of item i before this tick (both as at the moment the
 * slate was served; see {@link StartOfTick}) and {@code S'} the tick's non-empty slates whose user
 * has a history. The +1 (Laplace) smoothing keeps the ratio finite when the user consumed only
 * items that nobody else clicked and makes never-clicked items count as popularity 1.
 * 1 = the slates match the popularity of the user's profile; above 1 = the recommender pushes
 * users towards more popular items than they consumed (popularity bias amplification). NaN when
 * no slate qualifies (e.g. the first tick). Each profile item counts the user's own click, so a
 * popularity-blind recommender reads somewhat below 1 (random slates: about 0.8–0.9 on the
 * quickstart world); compare arms (e.g. against {@code random}) rather than reading 1 as neutral.
 *
 * <p>Cost O(exposures + Σ_u |H_u| + E log E) for E clicks of the tick.
 */
public final class PopularityBiasAmplification implements Metric {
    public static final String NAME = "popularity_lift";

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        StartOfTick start = StartOfTick.of(view);
        SlateBatch slates = view.slates();
        out.put(NAME, start.meanOverSlatesWithHistory(slates, (s, len, h) -> {
            double rec = 0;
            for (int p = 0; p < len; p++) {
                rec += start.clicks(slates.item(s, p)) + 1;
            }
            double prof = 0;
            for (int item : h) {
                prof += start.clicks(item) + 1;
            }
            return (rec / len) / (prof / h.length);
        }));
    }
}
