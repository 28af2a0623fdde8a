package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventType;

/**
 * {@code ctr}: clicks on slate items in the tick divided by exposures of the tick (0 when nothing
 * was shown). Clicks that no exposure caused (search results) are not counted.
 */
public final class ClickThroughRate implements Metric {
    public static final String NAME = "ctr";

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        long exposures = view.slates().exposures();
        long clicks = 0;
        var ev = view.events();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.slate(i) >= 0) {
                clicks++;
            }
        }
        out.put(NAME, exposures == 0 ? 0.0 : (double) clicks / exposures);
    }
}
