package org.recloop.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Accounts added mid-run and data forgotten: every per-user structure grows and shrinks together. */
class WorldGrowthTest {

    private static World world() {
        Catalog cat = new Catalog(2, 4);
        for (int i = 0; i < 6; i++) {
            cat.add(new float[] {1f, 0f}, 0, -1, 0.5f, 1f, 0);
        }
        Population pop = new Population(3, 2);
        pop.preferences()[5] = 0.25f; // user 2, coordinate 1
        pop.setActivity(2, 1.5f);
        World w = World.of(cat, pop, SocialGraph.fromEdges(3, new int[] {0, 1, 2}, new int[] {1, 2, 0}));
        w.history().add(0, 4);
        w.activity().record(2, 3, 0, (byte) 1);
        return w;
    }

    @Test
    void addedUsersGetEmptyRowsAndTheOldRowsStay() {
        World w = world();
        int first = w.addUsers(5);
        assertThat(first).isEqualTo(3);
        assertThat(w.population().size()).isEqualTo(8);
        assertThat(w.graph().users()).isEqualTo(8);
        assertThat(w.history().users()).isEqualTo(8);
        assertThat(w.activity().users()).isEqualTo(8);
        // old rows intact
        assertThat(w.population().preferences()[5]).isEqualTo(0.25f);
        assertThat(w.population().activity(2)).isEqualTo(1.5f);
        assertThat(w.graph().follows(0, 1)).isTrue();
        assertThat(w.graph().edgeCount()).isEqualTo(3);
        assertThat(w.history().contains(0, 4)).isTrue();
        assertThat(w.activity().item(2, 0)).isEqualTo(3);
        // new rows empty and usable
        for (int u = 3; u < 8; u++) {
            assertThat(w.population().status(u)).isEqualTo(Population.ACTIVE);
            assertThat(w.population().activity(u)).isZero();
            assertThat(w.graph().outDegree(u)).isZero();
            assertThat(w.history().size(u)).isZero();
            assertThat(w.activity().count(u)).isZero();
        }
        assertThat(w.graph().follow(7, 0)).isTrue();
        assertThat(w.graph().follow(0, 7)).isTrue();
        assertThat(w.history().add(7, 5)).isTrue();
        w.activity().record(7, 5, 1, (byte) 1);
        assertThat(w.activity().count(7)).isEqualTo(1);
        assertThatThrownBy(() -> w.graph().follow(8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.activity().record(8, 0, 0, (byte) 1)).isInstanceOf(IndexOutOfBoundsException.class);
        // growing again past the doubled capacity
        assertThat(w.addUsers(20)).isEqualTo(8);
        assertThat(w.population().preferences().length).isGreaterThanOrEqualTo(28 * 2);
        assertThat(w.graph().follows(0, 7)).isTrue();
        assertThat(w.history().contains(7, 5)).isTrue();
    }

    @Test
    void removingAUserDropsTheirFollowsBothWaysAndTheirHistory() {
        World w = world();
        assertThat(w.graph().removeUser(1)).isEqualTo(2); // 0 -> 1 and 1 -> 2
        assertThat(w.graph().follows(0, 1)).isFalse();
        assertThat(w.graph().outDegree(1)).isZero();
        assertThat(w.graph().follows(2, 0)).isTrue();
        assertThat(w.graph().edgeCount()).isEqualTo(1);
        w.history().add(0, 2);
        w.history().add(0, 5);
        assertThat(w.history().remove(0, 4)).isTrue();
        assertThat(w.history().remove(0, 4)).isFalse();
        assertThat(w.history().itemsOf(0)).containsExactly(2, 5);
        w.history().clear(0);
        assertThat(w.history().size(0)).isZero();
    }

    @Test
    void recentActivityForgetsSomeItemsAndKeepsTheOrderOfTheRest() {
        World w = world();
        w.activity().record(2, 4, 1, (byte) 2);
        w.activity().record(2, 3, 2, (byte) 1);
        w.activity().record(2, 5, 3, (byte) 1);
        w.activity().remove(2, i -> i == 3);
        assertThat(w.activity().count(2)).isEqualTo(2);
        assertThat(w.activity().item(2, 0)).isEqualTo(5); // newest first
        assertThat(w.activity().tick(2, 0)).isEqualTo(3);
        assertThat(w.activity().item(2, 1)).isEqualTo(4);
        assertThat(w.activity().typeCode(2, 1)).isEqualTo((byte) 2);
        w.activity().clear(2);
        assertThat(w.activity().count(2)).isZero();
    }

    @Test
    void retiredItemsStayInTheCatalog() {
        Catalog cat = world().catalog();
        assertThat(cat.isRetired(2)).isFalse();
        assertThat(cat.retire(2)).isTrue();
        assertThat(cat.retire(2)).isFalse();
        assertThat(cat.isRetired(2)).isTrue();
        assertThat(cat.retiredCount()).isEqualTo(1);
        assertThat(cat.size()).isEqualTo(6);
        assertThatThrownBy(() -> cat.retire(6)).hasMessageContaining("item 6 outside [0, 6)");
    }
}
