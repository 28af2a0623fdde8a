package org.recloop.analysis.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.sim.TickSummary;

class MetricsCsvWriterTest {

    @TempDir
    Path dir;

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8);
    }

    @Test
    void headerThenOneFlushedRowPerTick() throws IOException {
        Path f = dir.resolve("metrics.csv");
        try (MetricsCsvWriter w = new MetricsCsvWriter(f, List.of("ctr", "coverage"))) {
            // readable before any tick
            assertThat(lines(f)).containsExactly("tick,sessions,exposures,events,clicks,ctr,coverage");

            Map<String, Double> m0 = new LinkedHashMap<>();
            m0.put("coverage", 0.5); // map order differs from column order on purpose
            m0.put("ctr", 0.25);
            w.onTick(new TickSummary(0, 10, 50, 64, 12, m0));
            List<String> after0 = lines(f); // not closed: must already be on disk
            assertThat(after0).hasSize(2);
            String[] row0 = after0.get(1).split(",", -1);
            assertThat(row0).hasSize(7);
            assertThat(List.of(row0).subList(0, 5)).containsExactly("0", "10", "50", "64", "12");
            assertThat(Double.parseDouble(row0[5])).isEqualTo(0.25);
            assertThat(Double.parseDouble(row0[6])).isEqualTo(0.5);

            Map<String, Double> m1 = new LinkedHashMap<>();
            m1.put("ctr", 1.0 / 3);
            m1.put("coverage", 0.75);
            w.onTick(new TickSummary(1, 9, 45, 30, 15, m1));
            List<String> after1 = lines(f);
            assertThat(after1).hasSize(3);
            assertThat(after1.get(1)).isEqualTo(after0.get(1));
            String[] row1 = after1.get(2).split(",", -1);
            assertThat(List.of(row1).subList(0, 5)).containsExactly("1", "9", "45", "30", "15");
            // six significant digits
            assertThat(Double.parseDouble(row1[5])).isCloseTo(1.0 / 3, within(1e-6));
            assertThat(Double.parseDouble(row1[6])).isEqualTo(0.75);
        }
        assertThat(lines(f)).hasSize(3);
    }

    @Test
    void missingAndNaNValuesAreEmptyCells() throws IOException {
        Path f = dir.resolve("m.csv");
        try (MetricsCsvWriter w = new MetricsCsvWriter(f, List.of("a", "b", "c"))) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("a", Double.NaN);
            m.put("c", 2.0);
            w.onTick(new TickSummary(4, 1, 2, 3, 1, m));
        }
        List<String> l = lines(f);
        assertThat(l.get(0)).isEqualTo("tick,sessions,exposures,events,clicks,a,b,c");
        String[] row = l.get(1).split(",", -1);
        assertThat(row).hasSize(8);
        assertThat(row[5]).isEmpty();
        assertThat(row[6]).isEmpty();
        assertThat(Double.parseDouble(row[7])).isEqualTo(2.0);
    }

    @Test
    void numbersUseADotWhateverTheDefaultLocale() throws IOException {
        Locale saved = Locale.getDefault();
        Path f = dir.resolve("de.csv");
        try {
            Locale.setDefault(Locale.GERMANY);
            try (MetricsCsvWriter w = new MetricsCsvWriter(f, List.of("x"))) {
                w.onTick(new TickSummary(0, 1, 1, 1, 1, Map.of("x", 0.125)));
            }
        } finally {
            Locale.setDefault(saved);
        }
        String[] row = lines(f).get(1).split(",", -1);
        assertThat(row).hasSize(6);
        assertThat(Double.parseDouble(row[5])).isEqualTo(0.125);
    }

    @Test
    void noMetricsGivesTheFixedColumnsOnly() throws IOException {
        Path f = dir.resolve("plain.csv");
        try (MetricsCsvWriter w = new MetricsCsvWriter(f, List.of())) {
            w.onTick(new TickSummary(2, 3, 4, 5, 6, Map.of()));
        }
        assertThat(lines(f)).containsExactly("tick,sessions,exposures,events,clicks", "2,3,4,5,6");
    }
}
