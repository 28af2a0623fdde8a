package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.ExperimentArms;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

class ArmMetricsTest {

    @Test
    void perArmSessionsCtrAndUtilityByHand() {
        Catalog cat = new Catalog(1, 4);
        for (int i = 0; i < 4; i++) {
            cat.add(new float[] {1}, 0, 0, 0.5f, 1, 0);
        }
        World w = World.of(cat, new Population(40, 1));
        ExperimentArms arms = new ExperimentArms(List.of("a", "b"), new double[] {1, 1});
        RandomStreams streams = new RandomStreams(7); // the seed Views.view uses
        // pick two users of arm a and one of arm b, as the assignment puts them
        int a1 = -1;
        int a2 = -1;
        int b1 = -1;
        for (int u = 0; u < 40 && (a2 < 0 || b1 < 0); u++) {
            if (arms.armOf(streams, u) == 0) {
                if (a1 < 0) {
                    a1 = u;
                } else if (a2 < 0) {
                    a2 = u;
                }
            } else if (b1 < 0) {
                b1 = u;
            }
        }
        SlateBatch slates = new SlateBatch(new int[] {a1, a2, b1}, 2);
        for (int s = 0; s < 3; s++) {
            slates.set(s, 0, 0, 0f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
            slates.set(s, 1, 1, 0f, 1f, org.recloop.core.serve.SlateSource.RECOMMENDER);
        }
        EventBuffer ev = new EventBuffer();
        ev.add(a1, 0, EventType.CLICK, 0, 0, 0.6f); // arm a: 1 click of 4 exposures, utility .6 over 2 sessions
        ev.add(b1, 1, EventType.CLICK, 2, 1, 0.8f); // arm b: 1 click of 2 exposures, utility .8 over 1 session
        ev.add(b1, 2, EventType.CLICK, -1, -1, 0.9f); // a search click: not a slate click
        ArmMetrics m = new ArmMetrics(new ArmMetrics.Params(List.of(new ArmMetrics.Arm("a", 1.0),
                new ArmMetrics.Arm("b", 1.0))));
        assertThat(m.names()).containsExactly("sessions@a", "ctr@a", "utility_per_session@a", "sessions@b", "ctr@b",
                "utility_per_session@b");
        Map<String, Double> out = new LinkedHashMap<>();
        m.observe(Views.view(3, w, slates, ev, new long[4], new long[4]), out);
        assertThat(out.get("sessions@a")).isEqualTo(2.0);
        assertThat(out.get("ctr@a")).isEqualTo(0.25);
        assertThat(out.get("utility_per_session@a")).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.get("sessions@b")).isEqualTo(1.0);
        assertThat(out.get("ctr@b")).isEqualTo(0.5);
        assertThat(out.get("utility_per_session@b")).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
    }
}
