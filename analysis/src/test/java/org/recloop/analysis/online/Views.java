package org.recloop.analysis.online;

import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/** Hand-built worlds, slates and tick views for metric tests. */
final class Views {
    private Views() {}

    /** A world of {@code users} users and {@code items} items in one dimension. */
    static World world(int users, int items) {
        Catalog catalog = new Catalog(1, Math.max(1, items));
        for (int i = 0; i < items; i++) {
            catalog.add(new float[] {1f}, 0, -1, 0.5f, 1f, 0);
        }
        return World.of(catalog, new Population(users, 1));
    }

    /** One slate per row of {@code items}, for users 0, 1, ...; rows may be shorter than k. */
    static SlateBatch slates(int k, int[]... items) {
        int[] users = new int[items.length];
        for (int s = 0; s < users.length; s++) {
            users[s] = s;
        }
        SlateBatch b = new SlateBatch(users, k);
        for (int s = 0; s < items.length; s++) {
            for (int r = 0; r < items[s].length; r++) {
                b.set(s, r, items[s][r], 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    static TickView view(int tick, World world, SlateBatch slates, EventBuffer events, long[] exposures,
            long[] clicks) {
        return new TickView(tick, world, slates, events, exposures, clicks, new RandomStreams(7));
    }
}
