package org.recloop.agents.llm;

import java.util.List;
import java.util.Set;
import org.recloop.core.log.ModelCall;

/**
 * Counts the LLM calls of a run and their failures from the llm_calls rows, for {@link
 * org.recloop.core.react.ModelCallStats}. A call is a row that went to the server: not an answer
 * from the response cache ({@code cached}, {@code cached_failure}) and not a decision row
 * ({@code fallback}, {@code budget}). A call failed unless it brought a usable answer ({@code ok},
 * {@code reflection}): transport errors, HTTP errors, timeouts, oversized and invalid answers all
 * count. Rows are counted as the kernel drains them, on the simulation thread, with their final
 * outcome (an answer found invalid is relabelled before the drain).
 */
final class CallTally {

    private static final Set<String> NOT_CALLS = Set.of("cached", "cached_failure", "fallback", "budget");
    private static final Set<String> ANSWERED = Set.of("ok", "reflection");

    private long calls;
    private long failed;

    void count(List<ModelCall> rows) {
        for (ModelCall m : rows) {
            if (!NOT_CALLS.contains(m.outcome())) {
                calls++;
                if (!ANSWERED.contains(m.outcome())) {
                    failed++;
                }
            }
        }
    }

    long calls() {
        return calls;
    }

    long failed() {
        return failed;
    }
}
