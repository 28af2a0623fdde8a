package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class CalibrationErrorTest {

    /** Items 0..5 with topics 0, 0, 1, 2, 1, 2. */
    private static World world(int users) {
        return StudyWorlds.world(StudyWorlds.topics(0, 0, 1, 2, 1, 2), users);
    }

    private static double observe(World w, SlateBatch slates, EventBuffer ev) {
        CalibrationError m = new CalibrationError();
        assertThat(m.names()).containsExactly("calibration_kl");
        return StudyWorlds.observe(m, Views.view(3, w, slates, ev, new long[6], new long[6])).get("calibration_kl");
    }

    @Test
    void meanKlOfHistoryTopicsAgainstMixedSlateTopics() {
        World w = world(4);
        // u0: history after the tick {0,1,2}, but item 1 was clicked this tick -> before {0,2}:
        //     p = (t0 1/2, t1 1/2). Slate {1,3}: q = (t0 1/2, t2 1/2).
        //     q~(t0) = .99*.5 + .01*.5 = .5, q~(t1) = .99*0 + .01*.5 = .005
        //     KL = .5 ln(.5/.5) + .5 ln(.5/.005) = .5 ln 100 = 2.302585
        // u1: history {0,1,2}: p = (t0 2/3, t1 1/3). Slate {3,4,0,5}: q = (t0 1/4, t1 1/4, t2 1/2).
        //     q~(t0) = .99/4 + .01*2/3 = .2541667, q~(t1) = .99/4 + .01/3 = .2508333
        //     KL = 2/3 ln((2/3)/.2541667) + 1/3 ln((1/3)/.2508333) = 0.737651
        // u2: only item 5, clicked this tick (from search) -> no history before the tick: left out
        // u3: history {3,5}: p = (t2 1). Slate {2,4,0}: q(t2) = 0 -> q~(t2) = .01
        //     KL = ln(1/.01) = ln 100 = 4.605170 (the maximum)
        // mean over 3 slates = (0.5 ln 100 + 0.737651 + ln 100) / 3 = 2.548469
        StudyWorlds.consume(w, 0, 0, 1, 2);
        StudyWorlds.consume(w, 1, 0, 1, 2);
        StudyWorlds.consume(w, 2, 5);
        StudyWorlds.consume(w, 3, 3, 5);
        EventBuffer ev = new EventBuffer();
        ev.add(0, 1, EventType.CLICK, 0, 0, 0.4f);
        ev.add(2, -1, EventType.SEARCH, -1, -1, 2f);
        ev.add(2, 5, EventType.CLICK, -1, -1, 0.6f);
        SlateBatch slates = Views.slates(4, new int[] {1, 3}, new int[] {3, 4, 0, 5}, new int[] {0, 1},
                new int[] {2, 4, 0});
        double a = 0.01;
        double q0 = (1 - a) / 4 + a * 2 / 3;
        double q1 = (1 - a) / 4 + a / 3;
        double u1 = 2.0 / 3 * Math.log((2.0 / 3) / q0) + 1.0 / 3 * Math.log((1.0 / 3) / q1);
        assertThat(u1).isCloseTo(0.737651, within(1e-6));
        double expected = (0.5 * Math.log(100) + u1 + Math.log(100)) / 3;
        assertThat(observe(w, slates, ev)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(2.548469, within(1e-6));
    }

    @Test
    void aSlateWithTheHistorysProportionsIsCalibrated() {
        World w = world(1);
        StudyWorlds.consume(w, 0, 1, 4); // t0, t1
        assertThat(observe(w, Views.slates(2, new int[] {0, 2}), new EventBuffer())).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void nanWithoutHistoryOrNonEmptySlate() {
        World w = world(2);
        assertThat(observe(w, Views.slates(2, new int[] {0, 2}, new int[] {1}), new EventBuffer())).isNaN();
        StudyWorlds.consume(w, 0, 3);
        assertThat(observe(w, Views.slates(2, new int[0], new int[] {1}), new EventBuffer())).isNaN();
        assertThat(observe(w, Views.slates(2), new EventBuffer())).isNaN();
    }
}
