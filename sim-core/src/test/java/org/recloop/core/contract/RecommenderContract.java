package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.World;

/**
 * The {@link Recommender} contract, for every recommender a module lists in
 * {@link #recommenders}: after a fit on logged clicks, every slate holds exactly
 * {@code min(k, unconsumed items)} distinct items of the catalog, none consumed by its user, and
 * two fresh instances with the same seed give the same slates whatever the split of the batch
 * into recommend calls (the kernel sizes serving chunks by thread count).
 */
public abstract class RecommenderContract {

    private static final int K = 10;

    /** The recommenders by name, each function making a fresh instance for the given world. */
    protected abstract Map<String, Function<World, Recommender>> recommenders();

    @TestFactory
    Stream<DynamicTest> keepTheContract() {
        return recommenders().entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + ": k distinct unconsumed items, same seed same slates in any split",
                () -> check(e.getKey(), e.getValue())));
    }

    private static SlateBatch serve(Function<World, Recommender> make, World world, Interactions data, int[] users,
            int chunk) {
        Recommender r = make.apply(world);
        RandomStreams rs = new RandomStreams(17);
        TrainContext tc = new TrainContext(3, rs, null, 1, world.catalog());
        r.fit(data, tc);
        SlateBatch slates = new SlateBatch(users, K);
        ServeContext sc = new ServeContext(4, world.catalog().size(), world.history(), rs, world.catalog());
        for (int from = 0; from < users.length; from += chunk) {
            r.recommend(slates, from, Math.min(users.length, from + chunk), sc);
        }
        r.observe(slates, Interactions.empty(world.population().size(), world.catalog().size()), tc);
        return slates;
    }

    private static void check(String name, Function<World, Recommender> make) {
        World world = ContractWorlds.world(5);
        ConsumptionHistory h = world.history();
        int n = 2000;
        int users = world.population().size();
        int items = world.catalog().size();
        int[] us = new int[n];
        int[] is = new int[n];
        float[] v = new float[n];
        RandomStreams rs = new RandomStreams(5);
        for (int r = 0; r < n; r++) {
            UniformRandomProvider g = rs.stream(99, r, 0);
            us[r] = g.nextInt(users);
            is[r] = g.nextInt(items);
            v[r] = 1f;
            h.add(us[r], is[r]);
        }
        Interactions data = new Interactions(us, is, new int[n], v, users, items);
        int[] served = new int[users / 2];
        for (int i = 0; i < served.length; i++) {
            served[i] = i * 2;
        }
        SlateBatch a = serve(make, world, data, served, served.length / 2);
        SlateBatch b = serve(make, world, data, served, 7);
        for (int s = 0; s < served.length; s++) {
            Set<Integer> seen = new HashSet<>();
            int unconsumed = items - h.size(served[s]);
            assertThat(a.length(s)).as("%s fills slate %d with min(k, unconsumed) items", name, s)
                    .isEqualTo(Math.min(K, unconsumed));
            for (int p = 0; p < a.length(s); p++) {
                int item = a.item(s, p);
                assertThat(item).as("%s: item in the catalog", name).isBetween(0, items - 1);
                assertThat(seen.add(item)).as("%s: distinct items", name).isTrue();
                assertThat(h.contains(served[s], item)).as("%s: consumed item %d excluded", name, item).isFalse();
                assertThat(b.item(s, p)).as("%s: same seed, any split, same slate", name).isEqualTo(item);
            }
        }
    }
}
