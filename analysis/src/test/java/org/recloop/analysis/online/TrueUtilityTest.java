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

class TrueUtilityTest {

    private static Map<String, Double> observe(SlateBatch slates, EventBuffer ev) {
        Map<String, Double> out = new HashMap<>();
        TrueUtility m = new TrueUtility();
        assertThat(m.names()).containsExactly("true_utility", "utility_per_session");
        m.observe(Views.view(0, Views.world(5, 6), slates, ev, new long[6], new long[6]), out);
        return out;
    }

    @Test
    void meanOfClickValuesAndPerSessionWithIgnoredSlatesAsZero() {
        // five sessions, three of them click
        SlateBatch slates = Views.slates(2, new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 5}, new int[] {0, 1},
                new int[] {2, 3});
        EventBuffer ev = new EventBuffer();
        ev.add(0, 1, EventType.CLICK, 0, 1, 0.5f);
        ev.add(0, 1, EventType.CONSUME, 0, 1, 0.9f); // not a click: ignored
        ev.add(0, 1, EventType.RATE, 0, 1, 5f); // not a click: ignored
        ev.add(1, 2, EventType.CLICK, 1, 0, 1.0f);
        ev.add(2, -1, EventType.SKIP, 2, -1, 0f);
        ev.add(3, 0, EventType.CLICK, 3, 0, -0.25f);
        Map<String, Double> out = observe(slates, ev);
        // clicks 0.5 + 1.0 - 0.25 = 1.25; mean over 3 clicks, and over 5 sessions
        assertThat(out.get("true_utility")).isCloseTo(1.25 / 3, within(1e-7));
        assertThat(out.get("utility_per_session")).isCloseTo(1.25 / 5, within(1e-7));
    }

    @Test
    void zeroWithoutClicksOrSessions() {
        EventBuffer ev = new EventBuffer();
        ev.add(0, -1, EventType.SKIP, 0, -1, 0f);
        Map<String, Double> out = observe(Views.slates(2, new int[] {0, 1}), ev);
        assertThat(out.get("true_utility")).isEqualTo(0.0);
        assertThat(out.get("utility_per_session")).isEqualTo(0.0);
        out = observe(Views.slates(2), new EventBuffer());
        assertThat(out.get("true_utility")).isEqualTo(0.0);
        assertThat(out.get("utility_per_session")).isEqualTo(0.0);
    }
}
