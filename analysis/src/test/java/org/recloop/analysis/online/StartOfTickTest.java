package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.World;

class StartOfTickTest {

    @Test
    void takesTheTicksClicksOutOfCountsAndHistories() {
        // 2 users, 4 items; after the tick: clicks [3,2,0,1], u0 {0,1,3}, u1 {0}.
        // This tick: u0 clicked 1 and 3, u1 clicked 0 twice (a re-click through search), u1 rated 2.
        World w = Views.world(2, 4);
        StudyWorlds.consume(w, 0, 0, 1, 3);
        StudyWorlds.consume(w, 1, 0);
        EventBuffer ev = new EventBuffer();
        ev.add(0, 1, EventType.CLICK, 0, 0, 1f);
        ev.add(0, 3, EventType.CLICK, 0, 1, 1f);
        ev.add(1, 0, EventType.CLICK, -1, -1, 1f);
        ev.add(1, 0, EventType.CLICK, -1, -1, 1f);
        ev.add(1, 2, EventType.RATE, -1, -1, 4f);
        StartOfTick s = StartOfTick.of(Views.view(1, w, Views.slates(2, new int[] {1, 3}), ev, new long[4],
                new long[] {3, 2, 0, 1}));
        // before: [3-2, 2-1, 0, 1-1] = [1,1,0,0], total 2
        assertThat(new long[] {s.clicks(0), s.clicks(1), s.clicks(2), s.clicks(3)}).containsExactly(1, 1, 0, 0);
        assertThat(s.totalClicks()).isEqualTo(2);
        assertThat(s.items()).isEqualTo(4);
        assertThat(s.history(0)).containsExactly(0);
        // u1's item 0 was clicked this tick: left out even though it may have been consumed before
        assertThat(s.history(1)).isEmpty();
        assertThat(s.clickedThisTick(0, 3)).isTrue();
        assertThat(s.clickedThisTick(1, 3)).isFalse();
        // the world itself is untouched
        assertThat(w.history().itemsOf(0)).containsExactly(0, 1, 3);
    }
}
