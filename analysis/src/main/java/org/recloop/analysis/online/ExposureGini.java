package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;

/**
 * {@code gini_exposure}: Gini coefficient of cumulative exposures over all catalog items since
 * the run began (0 = every item shown equally often; near 1 = a few items get all exposure).
 * Cumulative rather than per tick, because one tick's slates are too few to spread over a large
 * catalog and would read as concentrated even under random serving.
 */
public final class ExposureGini implements Metric {
    public static final String NAME = "gini_exposure";

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        out.put(NAME, Inequality.gini(view.itemExposures(), view.world().catalog().size()));
    }
}
