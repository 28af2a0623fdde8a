package org.recloop.core.lm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.recloop.core.log.ModelCall;

/**
 * The llm_calls rows of components other than the user model (which hands its rows to the kernel
 * itself): an LLM recommender, wherever it is nested (an A/B arm, a re-ranker's base, a switch
 * target), records the rows of each decision here and the kernel's Log phase drains them into the
 * tick's llm_calls rows. Granted by the composition root as a capability, one per run.
 *
 * <p>Determinism: decisions are recorded from whatever thread finishes them, in any order; {@link
 * #drain} returns them sorted by component, then user, each decision's rows in their own order, so
 * the log does not depend on completion order or thread count. A component records at most one
 * decision per user and tick (or several in a fixed order within one {@link #record} call).
 *
 * <p>It also keeps the run's count of rows per component and outcome, for the run's closing
 * summary. Threading: thread-safe.
 */
public final class ModelCallJournal {

    private static final Comparator<List<ModelCall>> ORDER = Comparator
            .<List<ModelCall>>comparingInt(d -> d.get(0).component().ordinal()).thenComparingInt(d -> d.get(0).user());

    private final List<List<ModelCall>> pending = new ArrayList<>();
    private final Map<String, Long> outcomes = new TreeMap<>();

    /** Records the rows of one decision (one user, one component), in their order; empty: nothing. */
    public synchronized void record(List<ModelCall> decision) {
        if (decision.isEmpty()) {
            return;
        }
        pending.add(List.copyOf(decision));
        for (ModelCall m : decision) {
            outcomes.merge(m.component().label() + " " + m.outcome(), 1L, Long::sum);
        }
    }

    /** The rows recorded since the last drain, in the deterministic order of the class comment. */
    public synchronized List<ModelCall> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        pending.sort(ORDER);
        List<ModelCall> rows = new ArrayList<>();
        for (List<ModelCall> d : pending) {
            rows.addAll(d);
        }
        pending.clear();
        return rows;
    }

    /** Rows recorded so far per "component outcome" (e.g. {@code recommender invalid}), sorted by key. */
    public synchronized Map<String, Long> outcomeCounts() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(outcomes));
    }
}
