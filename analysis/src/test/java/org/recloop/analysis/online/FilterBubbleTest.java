package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

class FilterBubbleTest {

    /** Items 0..4 with topics 0, 0, 1, 2, 1; the catalog is one-dimensional, so it needs 1-d users. */
    private static Catalog catalog(int dim) {
        int[] topics = {0, 0, 1, 2, 1};
        Catalog c = new Catalog(dim, topics.length);
        for (int t : topics) {
            c.add(new float[dim], t, -1, 0.5f, 1f, 0);
        }
        return c;
    }

    private static Map<String, Double> observe(World w) {
        FilterBubble m = new FilterBubble();
        assertThat(m.names()).containsExactly("topic_entropy", "preference_spread");
        return StudyWorlds.observe(m, Views.view(6, w, Views.slates(1, new int[] {0}), new EventBuffer(), new long[5],
                new long[5]));
    }

    @Test
    void meanTopicEntropyOverUsersWithHistoryAndSpreadAroundTheMeanPreference() {
        // preferences u0 (1,0), u1 (0,1), u2 (1,1), u3 (2,2): mean (1,1);
        // distances 1, 1, 0, sqrt2 -> spread (2 + sqrt2)/4 = 0.85355
        Population pop = StudyWorlds.population(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1},
                new float[] {2, 2});
        World w = World.of(catalog(2), pop);
        // u0 {0,1}: topics 0,0 -> entropy 0
        // u1 {0,2,3,4}: topics 0,1,2,1 -> (1/4,1/2,1/4) -> 1/4*2 + 1/2*1 + 1/4*2 = 1.5 bits
        // u2 {}: left out
        // u3 {2,3}: topics 1,2 -> 1 bit
        // mean over 3 users = 2.5/3 = 0.83333
        StudyWorlds.consume(w, 0, 0, 1);
        StudyWorlds.consume(w, 1, 0, 2, 3, 4);
        StudyWorlds.consume(w, 3, 2, 3);
        Map<String, Double> out = observe(w);
        assertThat(out.get("topic_entropy")).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(out.get("preference_spread")).isCloseTo((2 + Math.sqrt(2)) / 4, within(1e-7));
    }

    @Test
    void nanWithoutHistoryAndZeroSpreadForIdenticalTastes() {
        World w = StudyWorlds.world(catalog(1), 3); // every preference (1)
        Map<String, Double> out = observe(w);
        assertThat(out.get("topic_entropy")).isNaN();
        assertThat(out.get("preference_spread")).isEqualTo(0.0);
        StudyWorlds.consume(w, 2, 0);
        assertThat(observe(w).get("topic_entropy")).isEqualTo(0.0);
    }

    @Test
    void entropyOfRuns() {
        assertThat(FilterBubble.entropyBits(new int[] {3, 1, 2, 0}, 4)).isCloseTo(2.0, within(1e-12));
        // only the first 3 values count: {5, 5, 7} -> -(2/3 log2 2/3 + 1/3 log2 1/3) = 0.918296
        double expected = -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3)) / Math.log(2);
        assertThat(FilterBubble.entropyBits(new int[] {5, 7, 5, 9}, 3)).isCloseTo(expected, within(1e-12));
    }
}
