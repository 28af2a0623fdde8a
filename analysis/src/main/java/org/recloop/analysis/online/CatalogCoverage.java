package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.serve.SlateBatch;

/**
 * {@code coverage}: share of the catalog shown to at least one user in this tick.
 * {@code coverage_cumulative}: share shown at least once since the run began.
 */
public final class CatalogCoverage implements Metric {
    public static final String NAME = "coverage";
    public static final String CUMULATIVE = "coverage_cumulative";

    @Override
    public List<String> names() {
        return List.of(NAME, CUMULATIVE);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        int n = view.world().catalog().size();
        boolean[] seen = new boolean[n];
        int distinct = 0;
        SlateBatch slates = view.slates();
        for (int s = 0; s < slates.size(); s++) {
            int len = slates.length(s);
            for (int p = 0; p < len; p++) {
                int item = slates.item(s, p);
                if (!seen[item]) {
                    seen[item] = true;
                    distinct++;
                }
            }
        }
        int ever = 0;
        long[] exp = view.itemExposures();
        for (int i = 0; i < n && i < exp.length; i++) {
            if (exp[i] > 0) {
                ever++;
            }
        }
        out.put(NAME, n == 0 ? 0.0 : (double) distinct / n);
        out.put(CUMULATIVE, n == 0 ? 0.0 : (double) ever / n);
    }
}
