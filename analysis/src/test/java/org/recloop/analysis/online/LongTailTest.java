package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;

class LongTailTest {

    private static double share(double headShare, SlateBatch slates, EventBuffer ev, long[] clicks) {
        LongTail m = new LongTail(new LongTail.Params(headShare));
        assertThat(m.names()).containsExactly("long_tail_share");
        return StudyWorlds.observe(m, Views.view(1, Views.world(2, 5), slates, ev, new long[5], clicks))
                .get("long_tail_share");
    }

    @Test
    void shareOfExposuresOutsideTheHead() {
        // cumulative clicks after the tick [1,6,2,1,0], one click on item 1 this tick:
        // before the tick phi = [1,5,2,1,0], total 9. Slates {1,0,3} and {2,4}: 5 exposures.
        EventBuffer ev = new EventBuffer();
        ev.add(0, 1, EventType.CLICK, 0, 0, 0.3f);
        SlateBatch slates = Views.slates(3, new int[] {1, 0, 3}, new int[] {2, 4});
        long[] clicks = {1, 6, 2, 1, 0};
        // headShare 0.2: target 1.8; item 1 (5) reaches it -> head {1}; tail exposures 0,3,2,4 = 4/5
        assertThat(share(0.2, slates, ev, clicks)).isCloseTo(0.8, within(1e-12));
        // headShare 0.6: target 5.4; item 1 (5) < 5.4, add item 2 (2) -> head {1,2}; tail 0,3,4 = 3/5
        // (with the clicks after the tick, 6 >= 0.6 * 10 and the head would be {1} only: 0.8)
        assertThat(share(0.6, slates, ev, clicks)).isCloseTo(0.6, within(1e-12));
        // headShare 1: all clicked items are head {1,2,0,3}; only item 4 is tail: 1/5
        assertThat(share(1.0, slates, ev, clicks)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void tiesGoToTheSmallerId() {
        // phi = [2,0,2,0,0]: items 0 and 2 tie with 2 clicks each, total 4; headShare 0.5 -> target 2:
        // item 0 reaches it, item 2 stays in the tail. Slate {2,0}: 1 of 2 exposures in the tail.
        SlateBatch slates = Views.slates(2, new int[] {2, 0});
        assertThat(share(0.5, slates, new EventBuffer(), new long[] {2, 0, 2, 0, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void everythingIsTailBeforeTheFirstClickAndNaNWithoutExposures() {
        assertThat(share(0.2, Views.slates(2, new int[] {0, 1}), new EventBuffer(), new long[5])).isEqualTo(1.0);
        assertThat(share(0.2, Views.slates(2, new int[0]), new EventBuffer(), new long[] {1, 1, 1, 1, 1})).isNaN();
    }

    @Test
    void paramsValidation() {
        assertThat(LongTail.Params.defaults().headShare()).isEqualTo(0.2);
        assertThatThrownBy(() -> new LongTail.Params(0.0)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("headShare");
        assertThatThrownBy(() -> new LongTail.Params(1.5)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new LongTail.Params(Double.NaN)).isInstanceOf(InvalidParameterException.class);
    }
}
