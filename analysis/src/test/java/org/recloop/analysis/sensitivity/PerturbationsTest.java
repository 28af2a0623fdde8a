package org.recloop.analysis.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;

class PerturbationsTest {

    /** User 0: items 0,1 (twice 1); user 1: item 2 only (not eligible); user 2: items 0..4 (all). */
    private static Interactions data() {
        int[] users = {0, 0, 0, 1, 2, 2, 2, 2, 2};
        int[] items = {0, 1, 1, 2, 0, 1, 2, 3, 4};
        int[] ticks = {0, 1, 2, 3, 4, 5, 6, 7, 7};
        float[] values = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        return new Interactions(users, items, ticks, values, 3, 5);
    }

    @Test
    void drawsAreSeededAndValid() {
        Interactions d = data();
        Perturbations a = new Perturbations(d, new RandomStreams(7));
        Perturbations b = new Perturbations(d, new RandomStreams(7));
        assertThat(a.eligibleUsers()).isEqualTo(2);
        Set<Perturbation.Kind> kinds = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Perturbation p = a.draw(i);
            assertThat(b.draw(i)).isEqualTo(p);
            assertThat(p.user()).isIn(0, 2);
            kinds.add(p.kind());
            if (p.user() == 2) {
                // user 2 consumed the whole catalog: only removals are possible
                assertThat(p.kind()).isEqualTo(Perturbation.Kind.REMOVE);
            }
            if (p.kind() == Perturbation.Kind.ADD) {
                assertThat(p.item()).isIn(2, 3, 4);
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(Perturbation.Kind.ADD, Perturbation.Kind.REMOVE);
    }

    @Test
    void removeDropsEveryRowOfThePairAndAddAppendsOneAtTheLastTick() {
        Perturbations ps = new Perturbations(data(), new RandomStreams(1));
        Interactions removed = ps.apply(new Perturbation(0, Perturbation.Kind.REMOVE, 0, 1));
        assertThat(removed.size()).isEqualTo(7);
        assertThat(removed.users()).containsExactly(0, 1, 2, 2, 2, 2, 2);
        assertThat(removed.items()).containsExactly(0, 2, 0, 1, 2, 3, 4);
        Interactions added = ps.apply(new Perturbation(1, Perturbation.Kind.ADD, 0, 4));
        assertThat(added.size()).isEqualTo(10);
        assertThat(added.users()[9]).isEqualTo(0);
        assertThat(added.items()[9]).isEqualTo(4);
        assertThat(added.ticks()[9]).isEqualTo(7);
        assertThat(added.numItems()).isEqualTo(5);
    }
}
