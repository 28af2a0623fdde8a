package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void storesRowsIndependently() {
        Population p = new Population(4, 3);
        assertThat(p.size()).isEqualTo(4);
        assertThat(p.dim()).isEqualTo(3);
        assertThat(p.preferences()).hasSize(12);
        float[] prefs = p.preferences();
        for (int i = 0; i < prefs.length; i++) {
            prefs[i] = i;
        }
        float[] out = new float[3];
        p.preference(2, out);
        assertThat(out).containsExactly(6f, 7f, 8f);
        p.preference(0, out);
        assertThat(out).containsExactly(0f, 1f, 2f);

        p.setActivity(1, 2.5f);
        p.setArchetype(3, (byte) 7);
        p.setStatus(2, Population.CHURNED);
        assertThat(p.activity(1)).isEqualTo(2.5f);
        assertThat(p.activity(0)).isZero();
        assertThat(p.archetype(3)).isEqualTo((byte) 7);
        assertThat(p.archetype(2)).isZero();
        assertThat(p.status(2)).isEqualTo(Population.CHURNED);
        assertThat(p.status(1)).isEqualTo(Population.ACTIVE);
    }

    @Test
    void preferenceDotWithCatalog() {
        Population p = new Population(2, 2);
        float[] prefs = p.preferences();
        prefs[2] = 3f;
        prefs[3] = -1f;
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {2f, 5f}, 0, 0, 0, 0, 0);
        // user 1 (3, -1) · item 0 (2, 5) = 6 - 5 = 1
        assertThat(c.dot(0, p.preferences(), 1 * p.dim())).isEqualTo(1f);
    }

    @Test
    void bytesCountsAllColumns() {
        Population p = new Population(10, 8);
        // 10*8 floats + 10 activity floats + 10 archetype bytes + 10 status bytes
        assertThat(p.bytes()).isEqualTo(4L * 80 + 4L * 10 + 10 + 10);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new Population(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new Population(5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dim");
        assertThatThrownBy(() -> new Population(Integer.MAX_VALUE, 4)).isInstanceOf(ArithmeticException.class);
        Population p = new Population(2, 2);
        assertThatThrownBy(() -> p.setActivity(0, -0.1f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setActivity(0, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        p.setActivity(0, 0f);
        assertThat(p.activity(0)).isZero();
    }

    @Test
    void worldChecksShapes() {
        Catalog c = new Catalog(3, 1);
        Population p = new Population(4, 3);
        World w = World.of(c, p);
        assertThat(w.graph().users()).isEqualTo(4);
        assertThat(w.history().users()).isEqualTo(4);
        assertThat(w.graph().edgeCount()).isZero();
        assertThatThrownBy(() -> World.of(new Catalog(2, 1), p)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new World(c, p, SocialGraph.empty(3), new ConsumptionHistory(4),
                new RecentActivity(4, 4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new World(c, p, SocialGraph.empty(4), new ConsumptionHistory(5),
                new RecentActivity(4, 4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new World(null, p, SocialGraph.empty(4), new ConsumptionHistory(4),
                new RecentActivity(4, 4)))
                .isInstanceOf(NullPointerException.class);
    }
}
