package org.recloop.core.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ModelCall;

/** The journal's rows come out in an order that does not depend on the order decisions finished. */
class ModelCallJournalTest {

    private static ModelCall row(int user, String outcome, int attempt, ModelCall.Component c) {
        return new ModelCall(3, user, "h" + user, "m", 1, 1, 0, outcome, attempt, c);
    }

    @Test
    void drainSortsByComponentThenUserKeepingEachDecisionsRowsInOrder() {
        var rec = ModelCall.Component.RECOMMENDER;
        List<ModelCall> a = List.of(row(9, "invalid", 1, rec), row(9, "ok", 2, rec));
        List<ModelCall> b = List.of(row(2, "ok", 1, rec));
        List<ModelCall> c = List.of(row(5, "ok", 1, ModelCall.Component.USER_AGENT));
        ModelCallJournal one = new ModelCallJournal();
        one.record(a);
        one.record(b);
        one.record(c);
        ModelCallJournal other = new ModelCallJournal();
        other.record(c);
        other.record(b);
        other.record(a);
        List<ModelCall> drained = one.drain();
        assertThat(drained).isEqualTo(other.drain());
        assertThat(drained).extracting(ModelCall::user).containsExactly(5, 2, 9, 9);
        assertThat(drained.get(2).outcome()).isEqualTo("invalid");
        assertThat(one.drain()).isEmpty();
        assertThat(one.outcomeCounts()).containsEntry("recommender ok", 2L).containsEntry("recommender invalid", 1L)
                .containsEntry("user_agent ok", 1L);
    }
}
