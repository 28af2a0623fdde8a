package org.recloop.analysis.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.recloop.core.log.LogReadException;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.RecommenderSpan;

/**
 * The recommender a run is labelled by: the one that served the most of its ticks, as the run's
 * database records per tick. A run that starts with random slates and switches to the recommender
 * under study (Chaney et al.'s set-up) is about the one it switched to, not the start-up one. On a
 * tie the recommender that served last wins: a run switches to the one it studies.
 */
final class ServedMost {
    private ServedMost() {}

    /**
     * The recommender that served the most ticks of the run {@code log} reads; empty when the
     * database was written before the recommender of each tick was recorded or its ticks cannot
     * be read. Never throws.
     */
    static Optional<String> read(LogReader log) {
        try {
            return of(RecommenderSpan.of(log.ticks()));
        } catch (LogReadException e) {
            return Optional.empty();
        }
    }

    /** The recommender with the most ticks over {@code spans} (in tick order); ties go to the later. */
    static Optional<String> of(List<RecommenderSpan> spans) {
        Map<String, Integer> ticks = new LinkedHashMap<>();
        Map<String, Integer> lastTick = new LinkedHashMap<>();
        for (RecommenderSpan s : spans) {
            ticks.merge(s.recommender(), s.ticks(), Integer::sum);
            lastTick.put(s.recommender(), s.toTick());
        }
        String best = null;
        for (String name : ticks.keySet()) {
            if (best == null || ticks.get(name) > ticks.get(best)
                    || (ticks.get(name).equals(ticks.get(best)) && lastTick.get(name) > lastTick.get(best))) {
                best = name;
            }
        }
        return Optional.ofNullable(best);
    }
}
