package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;

class PopularityConcentrationTest {

    private static final double EPS = 1e-12;

    private static Map<String, Double> observe(long[] exposures, long[] clicks) {
        PopularityConcentration m = new PopularityConcentration();
        assertThat(m.names()).containsExactly("gini_consumption", "top1_share_exposure");
        return StudyWorlds.observe(m, Views.view(3, Views.world(2, 5), Views.slates(2, new int[] {0, 1}),
                new EventBuffer(), exposures, clicks));
    }

    @Test
    void giniOfClicksAndShareOfTheMostExposedItem() {
        // clicks [0,1,2,3,4] (already ascending), N = 5, weights 2i-N-1 = -4,-2,0,2,4:
        // (0 - 2 + 0 + 6 + 16) / (5 * 10) = 20/50 = 0.4
        // exposures [10,0,30,5,5]: K = max(1, floor(5/100)) = 1 item; top = 30 of 50 = 0.6
        Map<String, Double> out = observe(new long[] {10, 0, 30, 5, 5}, new long[] {0, 1, 2, 3, 4});
        assertThat(out.get("gini_consumption")).isCloseTo(0.4, within(EPS));
        assertThat(out.get("top1_share_exposure")).isCloseTo(0.6, within(EPS));
    }

    @Test
    void countsBeyondTheCatalogAreIgnored() {
        // arrays longer than the catalog (5 items): the 1000 at index 5 is not an item
        Map<String, Double> out = observe(new long[] {1, 1, 1, 1, 1, 1000}, new long[] {2, 2, 2, 2, 2, 1000});
        assertThat(out.get("gini_consumption")).isCloseTo(0.0, within(EPS));
        assertThat(out.get("top1_share_exposure")).isCloseTo(0.2, within(EPS));
    }

    @Test
    void topOnePercentIsFloorOfNOver100() {
        // N = 250 -> K = 2: the two largest of {50, 30, 20} hold 80 of 100
        long[] e = new long[250];
        e[7] = 50;
        e[3] = 30;
        e[100] = 20;
        assertThat(PopularityConcentration.topShare(e, 250, Math.max(1, 250 / 100))).isCloseTo(0.8, within(EPS));
        // N = 199 -> K = 1
        assertThat(PopularityConcentration.topShare(e, 199, Math.max(1, 199 / 100))).isCloseTo(0.5, within(EPS));
    }

    @Test
    void noClicksGiveZeroGiniAndNoExposuresNaN() {
        Map<String, Double> out = observe(new long[5], new long[5]);
        assertThat(out.get("gini_consumption")).isEqualTo(0.0);
        assertThat(out.get("top1_share_exposure")).isNaN();
        assertThat(PopularityConcentration.topShare(new long[0], 0, 1)).isNaN();
    }
}
