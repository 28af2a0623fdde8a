package org.recloop.core.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of consecutive ticks served by one recommender, read from the ticks table: a run that
 * switches recommenders (a {@code switch-recommender} intervention at tick t serves the new one
 * from tick t + 1) has one span per recommender in serving order.
 *
 * @param recommender the registry type of the recommender
 * @param fromTick first tick it served
 * @param toTick last tick it served (inclusive)
 */
public record RecommenderSpan(String recommender, int fromTick, int toTick) {

    public RecommenderSpan {
        Objects.requireNonNull(recommender, "recommender");
        if (toTick < fromTick) {
            throw new IllegalArgumentException("toTick " + toTick + " before fromTick " + fromTick);
        }
    }

    /** Number of ticks served. */
    public int ticks() {
        return toTick - fromTick + 1;
    }

    /**
     * The spans of the committed ticks, in tick order; ticks without a recorded recommender (a
     * database written before it was recorded) belong to none.
     */
    public static List<RecommenderSpan> of(LogReader.Ticks t) {
        List<RecommenderSpan> spans = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            String name = t.recommenders()[r];
            if (name == null) {
                continue;
            }
            RecommenderSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last.recommender().equals(name) && last.toTick() == t.ticks()[r] - 1) {
                spans.set(spans.size() - 1, new RecommenderSpan(name, last.fromTick(), t.ticks()[r]));
            } else {
                spans.add(new RecommenderSpan(name, t.ticks()[r], t.ticks()[r]));
            }
        }
        return spans;
    }
}
