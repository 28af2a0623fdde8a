package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.world.Catalog;

class ProviderFairnessTest {

    private static Map<String, Double> observe(Catalog c, long[] exposures) {
        ProviderFairness m = new ProviderFairness();
        assertThat(m.names()).containsExactly("provider_exposure_gini", "exposure_merit_gap");
        return StudyWorlds.observe(m, Views.view(5, StudyWorlds.world(c, 2), Views.slates(1, new int[] {0}),
                new EventBuffer(), exposures, new long[exposures.length]));
    }

    /** Items 0..4: creators 0, 0, 1, 3, -1 (creator 2 owns nothing); qualities .2, .3, .25, .25, .9. */
    private static Catalog catalog() {
        return StudyWorlds.providers(new int[] {0, 0, 1, 3, -1}, new float[] {0.2f, 0.3f, 0.25f, 0.25f, 0.9f});
    }

    @Test
    void giniOverProvidersWithItemsAndDistanceFromMeritShares() {
        // exposures [4,2,3,1,10]: providers 0 -> 6, 1 -> 3, 3 -> 1 (total 10; item 4 has no provider)
        // Gini of sorted [1,3,6], weights -2,0,2: (-2 + 12) / (3 * 10) = 1/3
        //   (counting creator 2 as a zero provider would give [0,1,3,6]: 20/40 = 0.5)
        // merit 0 -> .5, 1 -> .25, 3 -> .25 (total 1); exposure shares .6, .3, .1
        // TVD = (|.6-.5| + |.3-.25| + |.1-.25|) / 2 = (.1 + .05 + .15)/2 = 0.15
        Map<String, Double> out = observe(catalog(), new long[] {4, 2, 3, 1, 10});
        assertThat(out.get("provider_exposure_gini")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out.get("exposure_merit_gap")).isCloseTo(0.15, within(1e-7));
    }

    @Test
    void exposureProportionalToMeritHasNoGap() {
        // exposures 4+6 = 10 (share .5), 5 (.25), 5 (.25): equal to the merit shares
        Map<String, Double> out = observe(catalog(), new long[] {4, 6, 5, 5, 0});
        assertThat(out.get("exposure_merit_gap")).isCloseTo(0.0, within(1e-7));
        // Gini of [5,5,10]: (-2*5 + 0 + 2*10) / (3*20) = 1/6
        assertThat(out.get("provider_exposure_gini")).isCloseTo(1.0 / 6, within(1e-12));
    }

    @Test
    void edgeCases() {
        // nothing shown: Gini 0 (as gini_exposure), gap undefined
        Map<String, Double> out = observe(catalog(), new long[5]);
        assertThat(out.get("provider_exposure_gini")).isEqualTo(0.0);
        assertThat(out.get("exposure_merit_gap")).isNaN();
        // no item has a provider
        out = observe(StudyWorlds.providers(new int[] {-1, -1, -1}, new float[] {1, 1, 1}), new long[] {1, 2, 3});
        assertThat(out.get("provider_exposure_gini")).isNaN();
        assertThat(out.get("exposure_merit_gap")).isNaN();
        // zero total merit
        out = observe(StudyWorlds.providers(new int[] {0, 1, 1}, new float[] {0, 0, 0}), new long[] {1, 2, 3});
        assertThat(out.get("provider_exposure_gini")).isCloseTo((-1 + 5) / (2.0 * 6), within(1e-12));
        assertThat(out.get("exposure_merit_gap")).isNaN();
    }
}
