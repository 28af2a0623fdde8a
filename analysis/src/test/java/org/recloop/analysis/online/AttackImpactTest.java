package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

class AttackImpactTest {

    @Test
    void countsRealUsersOnly() {
        World w = Views.world(4, 10);
        w.groundTruth().markFake(3, 4); // user 3 is an attacker
        // user 0: target 1 at rank 3; user 1: no target; user 2: target 2 at rank 1; user 3 (fake): target first
        SlateBatch slates = Views.slates(3, new int[] {5, 6, 1}, new int[] {5, 6, 7}, new int[] {2, 8, 9},
                new int[] {1, 2, 3});
        EventBuffer ev = new EventBuffer();
        ev.add(0, 6, EventType.CLICK, 0, 1, 0.5f);
        ev.add(2, -1, EventType.SEARCH, -1, -1, 0f);
        ev.add(2, 4, EventType.CLICK, -1, -1, 0.1f);
        ev.add(3, 1, EventType.CLICK, 3, 0, 9f);
        w.history().add(0, 6);
        w.history().add(2, 2);
        w.history().add(3, 1);
        long[] exposures = new long[10];
        exposures[1] = 3;
        exposures[5] = 7;
        Map<String, Double> out = new HashMap<>();
        AttackImpact m = new AttackImpact(new AttackImpact.Params(List.of(1, 2), 2));
        m.observe(Views.view(0, w, slates, ev, exposures, new long[10]), out);
        assertThat(m.names()).containsExactly("target_hit_ratio@2", "target_mean_rank", "target_exposure",
                "target_consumption", "real_ctr", "real_utility");
        assertThat(out.get("target_hit_ratio@2")).as("only user 2 has a target in the first 2").isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out.get("target_mean_rank")).isCloseTo(2.0, within(1e-12));
        assertThat(out.get("target_exposure")).isCloseTo(0.3, within(1e-12));
        assertThat(out.get("target_consumption")).as("user 2 of the 3 real users").isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out.get("real_ctr")).as("one slate click in 9 real exposures").isCloseTo(1.0 / 9, within(1e-12));
        assertThat(out.get("real_utility")).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void meanRankIsNaNWhenNoRealSlateShowsATarget() {
        World w = Views.world(2, 5);
        SlateBatch slates = Views.slates(2, new int[] {3, 4}, new int[0]);
        Map<String, Double> out = new HashMap<>();
        new AttackImpact(new AttackImpact.Params(List.of(1), null)).observe(
                Views.view(0, w, slates, new EventBuffer(), new long[5], new long[5]), out);
        assertThat(out.get("target_mean_rank")).isNaN();
        assertThat(out.get("target_hit_ratio@10")).isZero();
    }
}
