package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class PopularityBiasAmplificationTest {

    private static double lift(World w, SlateBatch slates, EventBuffer ev, long[] clicks) {
        PopularityBiasAmplification m = new PopularityBiasAmplification();
        assertThat(m.names()).containsExactly("popularity_lift");
        return StudyWorlds.observe(m, Views.view(4, w, slates, ev, new long[clicks.length], clicks))
                .get("popularity_lift");
    }

    @Test
    void meanRatioOfSlatePopularityToProfilePopularityAtTheStartOfTheTick() {
        // 3 users, 5 items. Cumulative clicks after the tick [5,3,1,1,2]; this tick u0 clicked
        // item 1 (slate 0, position 0) and u1 clicked item 4, so before the tick
        // phi = [5,2,1,1,1]. Histories after the tick: u0 {0,1,2}, u1 {4}, u2 {3};
        // before it: u0 {0,2}, u1 {} (skipped), u2 {3}.
        World w = Views.world(3, 5);
        StudyWorlds.consume(w, 0, 0, 1, 2);
        StudyWorlds.consume(w, 1, 4);
        StudyWorlds.consume(w, 2, 3);
        EventBuffer ev = new EventBuffer();
        ev.add(0, 1, EventType.CLICK, 0, 0, 0.5f);
        ev.add(1, 4, EventType.CLICK, 1, 1, 0.5f);
        ev.add(1, 4, EventType.CONSUME, 1, 1, 1f); // not a click
        SlateBatch slates = Views.slates(2, new int[] {1, 3}, new int[] {0, 4}, new int[] {0, 1});
        // u0: slate (phi+1) = (3 + 2)/2 = 2.5, profile (6 + 2)/2 = 4   -> 0.625
        // u2: slate (6 + 3)/2 = 4.5,               profile (1 + 1)/1 = 2 -> 2.25
        // mean = (0.625 + 2.25) / 2 = 1.4375
        // (With the clicks after the tick, u0 would be (4+2)/2 / ((6+2+2)/3) = 0.9.)
        assertThat(lift(w, slates, ev, new long[] {5, 3, 1, 1, 2})).isCloseTo(1.4375, within(1e-12));
    }

    @Test
    void neverClickedItemsCountAsOne() {
        // u0 consumed item 0 long ago; nobody clicked anything else; phi = [1,0,0]
        // slate {1,2}: (1 + 1)/2 = 1; profile (1 + 1)/1 = 2 -> 0.5
        World w = Views.world(1, 3);
        StudyWorlds.consume(w, 0, 0);
        assertThat(lift(w, Views.slates(2, new int[] {1, 2}), new EventBuffer(), new long[] {1, 0, 0}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void nanWithoutHistoryOrSlates() {
        World w = Views.world(2, 3);
        // nobody consumed anything before this tick (u0's only item is this tick's click)
        StudyWorlds.consume(w, 0, 2);
        EventBuffer ev = new EventBuffer();
        ev.add(0, 2, EventType.CLICK, 0, 1, 0.1f);
        assertThat(lift(w, Views.slates(2, new int[] {1, 2}, new int[] {0, 1}), ev, new long[] {0, 0, 1})).isNaN();
        // a user with history but an empty slate
        StudyWorlds.consume(w, 1, 0);
        assertThat(lift(w, Views.slates(2, new int[0], new int[0]), new EventBuffer(), new long[] {1, 0, 1}))
                .isNaN();
        assertThat(lift(w, Views.slates(2), new EventBuffer(), new long[] {1, 0, 1})).isNaN();
    }
}
