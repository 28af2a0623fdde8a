package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventType;

/** {@code ctr}: clicks of the tick divided by exposures of the tick (0 when nothing was shown). */
public final class ClickThroughRate implements Metric {
    public static final String NAME = "ctr";

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        long exposures = view.slates().exposures();
        long clicks = view.events().count(EventType.CLICK);
        out.put(NAME, exposures == 0 ? 0.0 : (double) clicks / exposures);
    }
}
