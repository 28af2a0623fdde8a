package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.world.World;

class ExposureGiniTest {

    private static double observe(World w, long[] exposures) {
        Map<String, Double> out = new HashMap<>();
        ExposureGini m = new ExposureGini();
        assertThat(m.names()).containsExactly("gini_exposure");
        // this tick's slates are deliberately unrelated: the metric is over cumulative exposures
        m.observe(Views.view(0, w, Views.slates(1, new int[] {0}), new EventBuffer(), exposures,
                new long[exposures.length]), out);
        return out.get("gini_exposure");
    }

    @Test
    void giniOfCumulativeExposuresOverTheCatalog() {
        assertThat(observe(Views.world(1, 4), new long[] {0, 0, 0, 4})).isCloseTo(0.75, within(1e-12));
        assertThat(observe(Views.world(1, 4), new long[] {1, 2, 3, 4})).isCloseTo(0.25, within(1e-12));
        assertThat(observe(Views.world(1, 4), new long[] {5, 5, 5, 5})).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void countsOnlyItemsOfTheCatalog() {
        // the exposure array may be longer than the catalog; index 4 is not an item
        assertThat(observe(Views.world(1, 4), new long[] {0, 0, 0, 4, 99})).isCloseTo(0.75, within(1e-12));
        // unexposed catalog items beyond the array count as zeros: [3, 0, 0, 0]
        assertThat(observe(Views.world(1, 4), new long[] {3})).isCloseTo(0.75, within(1e-12));
    }
}
