package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class ClickThroughRateTest {

    @Test
    void clicksOverFilledPositions() {
        World w = Views.world(3, 10);
        // lengths 4, 2, 0 -> 6 exposures
        SlateBatch slates = Views.slates(4, new int[] {0, 1, 2, 3}, new int[] {4, 5}, new int[0]);
        EventBuffer ev = new EventBuffer();
        ev.add(0, 2, EventType.CLICK, 0, 2, 0.7f);
        ev.add(0, 2, EventType.CONSUME, 0, 2, 0.9f);
        ev.add(0, 2, EventType.LIKE, 0, 2, 1f);
        ev.add(1, 5, EventType.CLICK, 1, 1, 0.1f);
        ev.add(2, -1, EventType.SKIP, 2, -1, 0f);
        Map<String, Double> out = new HashMap<>();
        ClickThroughRate m = new ClickThroughRate();
        m.observe(Views.view(0, w, slates, ev, new long[10], new long[10]), out);
        assertThat(m.names()).containsExactly("ctr");
        assertThat(out).containsOnlyKeys("ctr");
        assertThat(out.get("ctr")).isCloseTo(2.0 / 6.0, within(1e-12));
    }

    @Test
    void zeroWhenNothingWasShown() {
        World w = Views.world(2, 3);
        SlateBatch slates = Views.slates(3, new int[0], new int[0]);
        EventBuffer ev = new EventBuffer();
        ev.add(0, -1, EventType.SEARCH, -1, -1, 1f);
        ev.add(0, 1, EventType.CLICK, -1, -1, 0.5f); // a search click with no exposure
        Map<String, Double> out = new HashMap<>();
        new ClickThroughRate().observe(Views.view(0, w, slates, ev, new long[3], new long[3]), out);
        assertThat(out.get("ctr")).isEqualTo(0.0);
    }
}
