package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class SlateDiversityTest {

    /** Items (2-d): 0 = (1,0), 1 = (0,1), 2 = (1,1), 3 = (0,0) (zero vector), 4 = (-1,0). */
    private static World world() {
        return StudyWorlds.world(StudyWorlds.features(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1},
                new float[] {0, 0}, new float[] {-1, 0}), 3);
    }

    private static Map<String, Double> observe(SlateBatch slates, EventBuffer ev, long[] clicks) {
        SlateDiversity m = new SlateDiversity();
        assertThat(m.names()).containsExactly("ild", "novelty");
        return StudyWorlds.observe(m, Views.view(2, world(), slates, ev, new long[5], clicks));
    }

    @Test
    void intraListDiversityAndSmoothedSelfInformation() {
        SlateBatch slates = Views.slates(3, new int[] {0, 1, 2}, new int[] {3, 4}, new int[] {0});
        // this tick u0 clicked item 0; cumulative clicks after [3,1,0,0,0] -> before phi = [2,1,0,0,0]
        EventBuffer ev = new EventBuffer();
        ev.add(0, 0, EventType.CLICK, 0, 0, 0.9f);
        Map<String, Double> out = observe(slates, ev, new long[] {3, 1, 0, 0, 0});
        // ILD. slate {0,1,2}: cos(0,1) = 0, cos(0,2) = cos(1,2) = 1/sqrt2 -> pairs 1, 1-1/sqrt2, 1-1/sqrt2;
        //      mean over 3 pairs = (3 - sqrt2)/3.
        //      slate {3,4}: item 3 is the zero vector, cos = 0 -> 1.
        //      slate {0}: one item, left out. ILD = ((3 - sqrt2)/3 + 1)/2 = (6 - sqrt2)/6 = 0.76430
        assertThat(out.get("ild")).isCloseTo((6 - Math.sqrt(2)) / 6, within(1e-9));
        // novelty. C = 3 clicks before the tick, N = 5 items, C + N = 8;
        //   p(0) = 3/8 -> 3 - log2 3; p(1) = 2/8 -> 2; p(2..4) = 1/8 -> 3.
        //   exposures 0,1,2 | 3,4 | 0: (3 - log2 3) + 2 + 3 + 3 + 3 + (3 - log2 3) = 17 - 2 log2 3, over 6
        //   = 2.30501
        double log2of3 = Math.log(3) / Math.log(2);
        assertThat(out.get("novelty")).isCloseTo((17 - 2 * log2of3) / 6, within(1e-9));
    }

    @Test
    void oppositeDirectionsHaveDiversityTwo() {
        // slate {0,4}: (1,0) and (-1,0), cos = -1 -> 1 - (-1) = 2.
        // Before any click p(i) = 1/5 for every item: novelty log2 5.
        Map<String, Double> out = observe(Views.slates(2, new int[] {0, 4}), new EventBuffer(), new long[5]);
        assertThat(out.get("ild")).isCloseTo(2.0, within(1e-9));
        assertThat(out.get("novelty")).isCloseTo(Math.log(5) / Math.log(2), within(1e-12));
    }

    @Test
    void nanWithoutPairsOrExposures() {
        Map<String, Double> out = observe(Views.slates(2, new int[] {2}, new int[] {1}), new EventBuffer(),
                new long[5]);
        assertThat(out.get("ild")).isNaN();
        assertThat(out.get("novelty")).isCloseTo(Math.log(5) / Math.log(2), within(1e-12));
        out = observe(Views.slates(2, new int[0]), new EventBuffer(), new long[5]);
        assertThat(out.get("ild")).isNaN();
        assertThat(out.get("novelty")).isNaN();
    }
}
