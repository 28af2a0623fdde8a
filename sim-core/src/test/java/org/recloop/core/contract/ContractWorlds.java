package org.recloop.core.contract;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/** The small, fully seeded worlds and slates the contract tests run components on. */
public final class ContractWorlds {

    /** Users, items, slate length and the number of slates of {@link #slates}. */
    public static final int USERS = 200;
    public static final int ITEMS = 300;
    public static final int K = 10;
    public static final int SLATES = 66;

    private ContractWorlds() {}

    /** A fresh world (components may change it), identical for the same seed. */
    public static World world(long seed) {
        RandomStreams rs = new RandomStreams(seed);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(ITEMS, 8, 6, null, 40, null)).build(rs);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(USERS, null, null, null, null))
                .build(cat, rs);
        World w = World.of(cat, pop);
        UniformRandomProvider g = rs.stream(4242, 0, 0);
        for (int i = 0; i < 600; i++) {
            w.history().add(g.nextInt(USERS), g.nextInt(ITEMS));
        }
        return w;
    }

    /** Slates for every third user, each of {@value #K} distinct items, scores falling with rank. */
    public static SlateBatch slates(long seed, int tick) {
        int[] users = new int[SLATES];
        for (int s = 0; s < SLATES; s++) {
            users[s] = (s * 3 + tick) % USERS;
        }
        SlateBatch b = new SlateBatch(users, K);
        RandomStreams rs = new RandomStreams(seed);
        for (int s = 0; s < SLATES; s++) {
            UniformRandomProvider g = rs.stream(4343, users[s], tick);
            int start = g.nextInt(ITEMS);
            int step = 1 + g.nextInt(13); // (K - 1) * step < ITEMS: the K items are distinct
            for (int p = 0; p < K; p++) {
                b.set(s, p, (start + p * step) % ITEMS, 1f - p / (float) K, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }
}
