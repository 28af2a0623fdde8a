package org.recloop.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.RecommenderSpan;

class ServedMostTest {

    @Test
    void theRecommenderWithTheMostTicksWinsOverTheStartUpOne() {
        assertThat(ServedMost.of(List.of(new RecommenderSpan("random", 0, 9), new RecommenderSpan("als", 10, 59))))
                .contains("als");
        assertThat(ServedMost.of(List.of(new RecommenderSpan("random", 0, 9), new RecommenderSpan("als", 10, 14))))
                .contains("random");
    }

    @Test
    void ticksAddUpOverSpansAndATieGoesToTheOneThatServedLast() {
        assertThat(ServedMost.of(List.of(new RecommenderSpan("a", 0, 2), new RecommenderSpan("b", 3, 6),
                new RecommenderSpan("a", 7, 8)))).contains("a");
        assertThat(ServedMost.of(List.of(new RecommenderSpan("random", 0, 4), new RecommenderSpan("als", 5, 9))))
                .contains("als");
    }

    @Test
    void aLogWithoutTheRecordNamesNone() {
        assertThat(ServedMost.of(List.of())).isEmpty();
    }
}
