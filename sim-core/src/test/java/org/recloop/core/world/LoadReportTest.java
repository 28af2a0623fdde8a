package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    @Test
    void summaryNamesEveryReasonWithThousandsSeparators() {
        Map<String, Long> dropped = new LinkedHashMap<>();
        dropped.put("negative rating", 12L);
        dropped.put("self-follow", 1L);
        LoadReport r = new LoadReport("ratings.csv", 100_000, 99_811, dropped, Map.of("duplicate rating", 176L));
        assertThat(r.summary()).isEqualTo("ratings.csv: 100,000 rows, kept 99,811; dropped 12 negative rating,"
                + " 1 self-follow; merged 176 duplicate rating");
        assertThat(r.clean()).isFalse();
        assertThat(new LoadReport("f", 3, 3, Map.of(), Map.of()).summary()).isEqualTo("f: 3 rows, kept 3");
    }

    @Test
    void countsMustAddUp() {
        assertThatThrownBy(() -> new LoadReport("f", 10, 9, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows read (10)");
        assertThatThrownBy(() -> new LoadReport("f", 1, 1, Map.of("x", 0L), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
