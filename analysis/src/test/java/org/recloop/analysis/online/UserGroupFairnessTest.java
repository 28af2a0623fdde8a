package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class UserGroupFairnessTest {

    private static World world(Population pop) {
        return World.of(StudyWorlds.features(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}), pop);
    }

    private static double gap(World w, EventBuffer ev) {
        UserGroupFairness m = new UserGroupFairness();
        assertThat(m.names()).containsExactly("utility_gap_mainstream_niche", "ctr_gap_mainstream_niche");
        return StudyWorlds.observe(m, Views.view(8, w, Views.slates(1, new int[] {0}), ev, new long[3], new long[3]))
                .get("utility_gap_mainstream_niche");
    }

    /**
     * u0 (1,0), u1 (0,1), u2 (1,1), u3 (2,1), u4 (1,3): mean (1, 1.2), |mean| = sqrt 2.44.
     * cos to the mean: u0 1/1.56205 = .6402, u1 1.2/1.56205 = .7682, u2 2.2/(sqrt2*1.56205) = .9959,
     * u3 3.2/(sqrt5*1.56205) = .9162, u4 4.6/(sqrt10*1.56205) = .9312. Median (5 users) = .9162 (u3):
     * mainstream = {u2, u4}, niche = {u0, u1, u3}.
     */
    private static Population five() {
        return StudyWorlds.population(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}, new float[] {2, 1},
                new float[] {1, 3});
    }

    @Test
    void meanClickUtilityOfMainstreamMinusNiche() {
        assertThat(UserGroupFairness.mainstream(five())).containsExactly(false, false, true, false, true);
        EventBuffer ev = new EventBuffer();
        ev.add(2, 0, EventType.CLICK, 2, 0, 0.9f);
        ev.add(2, 0, EventType.CONSUME, 2, 0, 1f); // not a click
        ev.add(4, 1, EventType.CLICK, 4, 0, 0.7f);
        ev.add(4, 2, EventType.CLICK, -1, -1, 0.5f); // from search: still a click
        ev.add(0, 2, EventType.CLICK, 0, 1, 0.2f);
        ev.add(3, 1, EventType.CLICK, 3, 0, 0.4f);
        ev.add(1, -1, EventType.SKIP, 1, -1, 0f);
        // mainstream (0.9 + 0.7 + 0.5)/3 = 0.7; niche (0.2 + 0.4)/2 = 0.3; gap 0.4
        assertThat(gap(world(five()), ev)).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void aTieAtTheMedianGoesToNiche() {
        // u0 (1,0), u1 (1,0), u2 (0,1), u3 (1,1): mean (.75,.5); cos .8321, .8321, .5547, .9806;
        // median of 4 = (.8321 + .8321)/2 = .8321 -> u0 and u1 are not above it: mainstream {u3}
        Population pop = StudyWorlds.population(new float[] {1, 0}, new float[] {1, 0}, new float[] {0, 1},
                new float[] {1, 1});
        assertThat(UserGroupFairness.mainstream(pop)).containsExactly(false, false, false, true);
        EventBuffer ev = new EventBuffer();
        ev.add(3, 0, EventType.CLICK, 3, 0, 0.8f);
        ev.add(0, 0, EventType.CLICK, 0, 0, 0.6f);
        ev.add(2, 1, EventType.CLICK, 2, 0, 0.1f);
        ev.add(0, 2, EventType.CLICK, -1, -1, 0.2f);
        // mainstream 0.8; niche (0.6 + 0.1 + 0.2)/3 = 0.3 -> 0.5
        assertThat(gap(world(pop), ev)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void nanWhenAGroupHasNoClick() {
        EventBuffer onlyNiche = new EventBuffer();
        onlyNiche.add(0, 0, EventType.CLICK, 0, 0, 0.5f);
        assertThat(gap(world(five()), onlyNiche)).isNaN();
        EventBuffer onlyMainstream = new EventBuffer();
        onlyMainstream.add(2, 0, EventType.CLICK, 0, 0, 0.5f);
        assertThat(gap(world(five()), onlyMainstream)).isNaN();
        assertThat(gap(world(five()), new EventBuffer())).isNaN();
        // identical tastes: nobody is above the median, so there is no mainstream group
        Population same = StudyWorlds.population(new float[] {0.6f, 0.8f}, new float[] {0.6f, 0.8f},
                new float[] {0.6f, 0.8f});
        assertThat(UserGroupFairness.mainstream(same)).containsExactly(false, false, false);
    }

    /**
     * Users 0..4 of five() each see a 2-item slate (slate s is user s); mainstream = {u2, u4}.
     * Clicks from slates: u2 and u4 one each (mainstream CTR 2/4 = .5), u0 one (niche 1/6).
     * Gap = .5 - 1/6 = 1/3. A search click (slate -1) by u1 does not count.
     */
    @Test
    void ctrGapIsTheAccuracyGapBetweenGroups() {
        World w = world(five());
        SlateBatch slates = Views.slates(2, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1},
                new int[] {0, 1});
        EventBuffer ev = new EventBuffer();
        ev.add(2, 0, org.recloop.core.react.EventType.CLICK, 2, 0, 0.5f);
        ev.add(4, 1, org.recloop.core.react.EventType.CLICK, 4, 1, 0.5f);
        ev.add(0, 0, org.recloop.core.react.EventType.CLICK, 0, 0, 0.5f);
        ev.add(1, 2, org.recloop.core.react.EventType.CLICK, -1, -1, 0.5f);
        double gap = StudyWorlds.observe(new UserGroupFairness(), Views.view(1, w, slates, ev, new long[3], new long[3]))
                .get("ctr_gap_mainstream_niche");
        assertThat(gap).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    }
}
