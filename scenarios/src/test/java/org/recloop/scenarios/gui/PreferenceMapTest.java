package org.recloop.scenarios.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/** Accounts opened during a run (add-users, attacks) are drawn: the sample is drawn again, seeded. */
class PreferenceMapTest {

    private static World world(int users) {
        Catalog cat = new Catalog(3, 50);
        for (int i = 0; i < 50; i++) {
            cat.add(new float[] {i % 3, i % 5, i % 7}, 0, 0, 1, 0, 0);
        }
        Population pop = new Population(users, 3);
        for (int k = 0; k < pop.preferences().length; k++) {
            pop.preferences()[k] = (k * 37 % 11) / 11f;
        }
        return World.of(cat, pop);
    }

    private static int[] grownSample(World w) {
        PreferenceMap map = new PreferenceMap(100, 10);
        RandomStreams streams = new RandomStreams(7);
        map.refresh(w, streams, new long[50]);
        int first = w.addUsers(400); // an attack's fake accounts
        for (int u = first; u < w.population().size(); u++) {
            w.population().preferences()[u * 3] = 5f;
        }
        map.refresh(w, streams, new long[50]);
        return map.drawnUserIds();
    }

    @Test
    void usersAddedDuringTheRunAreSampledAndDrawn() {
        World w = world(100);
        int[] ids = grownSample(w);
        assertThat(ids).hasSize(100);
        assertThat(Arrays.stream(ids).filter(id -> id >= 100).count()).as("new accounts among the drawn")
                .isGreaterThan(50);
        assertThat(grownSample(world(100))).as("the same sample for the same seed").containsExactly(ids);
    }
}
