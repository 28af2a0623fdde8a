package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;

/**
 * True utility from the ground truth. {@code true_utility}: mean realised utility of the items
 * clicked this tick (the click event's value, computed by the user model from the user's true
 * preference at the moment of choice). {@code utility_per_session}: the sum of those utilities
 * divided by the sessions of the tick, so a slate that is ignored counts as zero.
 */
public final class TrueUtility implements Metric {
    public static final String NAME = "true_utility";
    public static final String PER_SESSION = "utility_per_session";

    @Override
    public List<String> names() {
        return List.of(NAME, PER_SESSION);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        EventBuffer ev = view.events();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                sum += ev.value(i);
                n++;
            }
        }
        int sessions = view.slates().size();
        out.put(NAME, n == 0 ? 0.0 : sum / n);
        out.put(PER_SESSION, sessions == 0 ? 0.0 : sum / sessions);
    }
}
