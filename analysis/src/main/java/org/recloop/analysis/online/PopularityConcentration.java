package org.recloop.analysis.online;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;

/**
 * Concentration of consumption and exposure on popular items, cumulative since the run began
 * (state measures, like {@link ExposureGini}):
 * <ul>
 *   <li>{@code gini_consumption}: Gini coefficient of the cumulative clicks {@code c_i} over all N
 *       catalog items, {@code G = Σ_i (2i − N − 1) c_(i) / (N Σ_i c_i)} over the ascending order
 *       (see {@link Inequality#gini}); 0 = every item consumed equally often, (N−1)/N = one item
 *       consumed exclusively, 0 before any click. The sales-concentration measure of Fleder and
 *       Hosanagar, "Blockbuster Culture's Next Rise or Fall", Management Science 2009.</li>
 *   <li>{@code top1_share_exposure}: share of all cumulative exposures {@code e_i} that went to
 *       the K most exposed items, {@code K = max(1, ⌊N/100⌋)} (the top 1% of the catalog, at
 *       least one item): {@code Σ_{top K} e_(i) / Σ_i e_i}. Random serving gives about K/N; NaN
 *       when nothing has been shown or the catalog is empty.</li>
 * </ul>
 * Cost O(N log N) per tick (one sort of a copy of the counts).
 */
public final class PopularityConcentration implements Metric {
    public static final String GINI = "gini_consumption";
    public static final String TOP1 = "top1_share_exposure";

    @Override
    public List<String> names() {
        return List.of(GINI, TOP1);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        int n = view.world().catalog().size();
        out.put(GINI, Inequality.gini(view.itemClicks(), n));
        out.put(TOP1, topShare(view.itemExposures(), n, Math.max(1, n / 100)));
    }

    /**
     * Share of the sum of the first {@code n} counts (missing counts are zero) held by the
     * {@code k} largest; NaN when {@code n == 0} or the sum is 0.
     */
    static double topShare(long[] counts, int n, int k) {
        if (n <= 0) {
            return Double.NaN;
        }
        long[] x = Arrays.copyOf(counts, n);
        Arrays.sort(x);
        long total = 0;
        long top = 0;
        for (int i = 0; i < n; i++) {
            total += x[i];
            if (i >= n - k) {
                top += x[i];
            }
        }
        return total == 0 ? Double.NaN : (double) top / total;
    }
}
