package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class CatalogCoverageTest {

    @Test
    void perTickCountsDistinctItemsOnThisTicksSlates() {
        World w = Views.world(3, 10);
        // distinct items {1, 2, 3, 4} (3 is shown twice), third slate empty
        SlateBatch slates = Views.slates(3, new int[] {1, 2, 3}, new int[] {3, 4}, new int[0]);
        // cumulative exposures: items 1, 2, 3, 4 and 6 were ever shown -> 5 of 10
        long[] exposures = {0, 5, 1, 1, 1, 0, 2, 0, 0, 0};
        Map<String, Double> out = new HashMap<>();
        CatalogCoverage m = new CatalogCoverage();
        m.observe(Views.view(3, w, slates, new EventBuffer(), exposures, new long[10]), out);
        assertThat(m.names()).containsExactly("coverage", "coverage_cumulative");
        assertThat(out.get("coverage")).isCloseTo(0.4, within(1e-12));
        assertThat(out.get("coverage_cumulative")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void cumulativeIgnoresCountsBeyondTheCatalogAndToleratesAShortArray() {
        World w = Views.world(1, 4);
        SlateBatch slates = Views.slates(2, new int[] {0});
        Map<String, Double> out = new HashMap<>();
        CatalogCoverage m = new CatalogCoverage();
        // longer than the catalog: the entry at index 5 is not an item of this catalog
        m.observe(Views.view(0, w, slates, new EventBuffer(), new long[] {1, 0, 0, 3, 0, 9}, new long[6]), out);
        assertThat(out.get("coverage")).isCloseTo(0.25, within(1e-12));
        assertThat(out.get("coverage_cumulative")).isCloseTo(0.5, within(1e-12));
        // shorter than the catalog (items added after counting): missing items count as unseen
        out.clear();
        m.observe(Views.view(0, w, slates, new EventBuffer(), new long[] {1}, new long[1]), out);
        assertThat(out.get("coverage_cumulative")).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void fullCoverageIsOne() {
        World w = Views.world(2, 4);
        SlateBatch slates = Views.slates(2, new int[] {0, 1}, new int[] {3, 2});
        Map<String, Double> out = new HashMap<>();
        new CatalogCoverage().observe(Views.view(0, w, slates, new EventBuffer(), new long[] {1, 1, 1, 1},
                new long[4]), out);
        assertThat(out.get("coverage")).isEqualTo(1.0);
        assertThat(out.get("coverage_cumulative")).isEqualTo(1.0);
    }
}
