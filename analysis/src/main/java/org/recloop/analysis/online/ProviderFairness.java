package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.world.Catalog;

/**
 * Fairness of exposure towards providers (item creators), cumulative since the run began. The
 * providers P are the creator ids {@code >= 0} that own at least one catalog item (items with
 * creator −1 have no provider and are ignored). Provider p's exposure is
 * {@code E_p = Σ_{i: creator(i)=p} e_i} over the cumulative item exposures e, its merit
 * {@code M_p = Σ_{i: creator(i)=p} quality(i)}.
 * <ul>
 *   <li>{@code provider_exposure_gini}: Gini coefficient of {@code E_p} over P (see
 *       {@link Inequality#gini}); 0 = equal exposure for every provider; 0 before anything was
 *       shown, as {@code gini_exposure}.</li>
 *   <li>{@code exposure_merit_gap}: total variation distance between the exposure shares and the
 *       merit shares, {@code ½ Σ_{p∈P} | E_p / Σ_q E_q − M_p / Σ_q M_q |}, in [0, 1]. 0 = exposure
 *       exactly proportional to merit, the fairness-of-exposure ideal of Singh and Joachims,
 *       "Fairness of Exposure in Rankings", KDD 2018 (who constrain the ratio of exposure to merit
 *       to be equal across groups; here the groups are the providers, and the deviation is
 *       summarised as a distance between the two distributions, amortised over the run as in
 *       Biega, Gummadi and Weikum, "Equity of Attention", SIGIR 2018). NaN when nothing was shown
 *       or the total merit is 0.</li>
 * </ul>
 * Both are NaN when no item has a provider. Cost O(N + max creator id) per tick.
 */
public final class ProviderFairness implements Metric {
    public static final String GINI = "provider_exposure_gini";
    public static final String GAP = "exposure_merit_gap";

    @Override
    public List<String> names() {
        return List.of(GINI, GAP);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        Catalog catalog = view.world().catalog();
        long[] exp = view.itemExposures();
        int n = catalog.size();
        int maxCreator = -1;
        for (int i = 0; i < n; i++) {
            maxCreator = Math.max(maxCreator, catalog.creator(i));
        }
        if (maxCreator < 0) {
            out.put(GINI, Double.NaN);
            out.put(GAP, Double.NaN);
            return;
        }
        long[] exposure = new long[maxCreator + 1];
        double[] merit = new double[maxCreator + 1];
        boolean[] has = new boolean[maxCreator + 1];
        for (int i = 0; i < n; i++) {
            int c = catalog.creator(i);
            if (c < 0) {
                continue;
            }
            has[c] = true;
            exposure[c] += i < exp.length ? exp[i] : 0;
            merit[c] += catalog.quality(i);
        }
        int providers = 0;
        long totalExposure = 0;
        double totalMerit = 0;
        for (int c = 0; c <= maxCreator; c++) {
            if (has[c]) {
                exposure[providers] = exposure[c];
                merit[providers] = merit[c];
                totalExposure += exposure[c];
                totalMerit += merit[c];
                providers++;
            }
        }
        out.put(GINI, Inequality.gini(exposure, providers));
        if (totalExposure == 0 || !(totalMerit > 0)) {
            out.put(GAP, Double.NaN);
            return;
        }
        double tv = 0;
        for (int p = 0; p < providers; p++) {
            tv += Math.abs((double) exposure[p] / totalExposure - merit[p] / totalMerit);
        }
        out.put(GAP, tv / 2);
    }
}
