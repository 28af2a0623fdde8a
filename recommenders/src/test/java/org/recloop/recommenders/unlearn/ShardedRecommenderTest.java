package org.recloop.recommenders.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

class ShardedRecommenderTest {

    private static final int USERS = 240;
    private static final int ITEMS = 80;

    /** Users in two taste groups clicking 12 items each, skewed within their group's half of the catalog. */
    private static Interactions clicks() {
        RandomStreams s = new RandomStreams(5);
        List<int[]> rows = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            UniformRandomProvider r = s.stream(RandomStreams.purpose("test.sharded"), u, 0);
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            while (seen.size() < 12) {
                int i = (u % 2) * (ITEMS / 2) + (int) (ITEMS / 2 * Math.pow(r.nextDouble(), 1.5));
                seen.add(r.nextDouble() < 0.1 ? r.nextInt(ITEMS) : i);
            }
            for (int i : seen) {
                rows.add(new int[] {u, i});
            }
        }
        return of(rows);
    }

    private static Interactions of(List<int[]> rows) {
        int n = rows.size();
        int[] u = new int[n];
        int[] i = new int[n];
        for (int r = 0; r < n; r++) {
            u[r] = rows.get(r)[0];
            i[r] = rows.get(r)[1];
        }
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return new Interactions(u, i, new int[n], v, USERS, ITEMS);
    }

    private static Interactions without(Interactions d, java.util.function.BiPredicate<Integer, Integer> gone) {
        List<int[]> rows = new ArrayList<>();
        for (int r = 0; r < d.size(); r++) {
            if (!gone.test(d.users()[r], d.items()[r])) {
                rows.add(new int[] {d.users()[r], d.items()[r]});
            }
        }
        return of(rows);
    }

    private static ShardedRecommender sharded() {
        return new ShardedRecommender(4, 9, () -> new ImplicitAlsRecommender(new ImplicitAlsRecommender.Params(6, 4, 0.1, 10.0)));
    }

    private static int[][] slates(ShardedRecommender r, Interactions history) {
        ConsumptionHistory consumed = new ConsumptionHistory(USERS);
        for (int k = 0; k < history.size(); k++) {
            consumed.add(history.users()[k], history.items()[k]);
        }
        int[] users = IntStream.range(0, USERS).toArray();
        SlateBatch b = new SlateBatch(users, 10);
        r.recommend(b, 0, users.length, new ServeContext(3, ITEMS, consumed, new RandomStreams(1)));
        int[][] out = new int[USERS][];
        for (int s = 0; s < USERS; s++) {
            out[s] = new int[b.length(s)];
            for (int p = 0; p < out[s].length; p++) {
                out[s][p] = b.item(s, p);
            }
        }
        return out;
    }

    @Test
    void afterForgettingUsersTheSlatesAreExactlyThoseOfAShardedModelFittedOnTheRetainedData() {
        Interactions all = clicks();
        int[] gone = {3, 17, 18, 101, 202};
        java.util.Set<Integer> goneSet = new java.util.HashSet<>(IntStream.of(gone).boxed().toList());
        Interactions retained = without(all, (u, i) -> goneSet.contains(u));
        TrainContext ctx = new TrainContext(3, new RandomStreams(42), null, 1);

        ShardedRecommender unlearned = sharded();
        unlearned.fit(all, ctx);
        int[][] before = slates(unlearned, retained);
        unlearned.unlearn(ForgetRequest.users("erasure", gone), UnlearningMethod.SHARDED, retained, ctx);

        ShardedRecommender fresh = sharded();
        fresh.fit(retained, ctx);
        int[][] after = slates(unlearned, retained);
        assertThat(after).isDeepEqualTo(slates(fresh, retained));
        // the request changed the model: a vacuous equality (nothing learned from the users) is ruled out
        assertThat(java.util.Arrays.deepEquals(after, before)).isFalse();
        // only the shards of the forgotten users were retrained
        boolean[] touched = unlearned.touched(ForgetRequest.users("erasure", gone));
        assertThat(IntStream.range(0, 4).filter(s -> touched[s]).toArray())
                .containsExactly(IntStream.of(gone).map(unlearned::shardOf).sorted().distinct().toArray());
    }

    @Test
    void anItemsRequestTouchesEveryShardWhoseDataHeldTheItem() {
        Interactions all = clicks();
        ShardedRecommender r = sharded();
        r.fit(all, new TrainContext(3, new RandomStreams(42), null, 1));
        int popular = 0; // clicked by users of every shard
        boolean[] touched = r.touched(ForgetRequest.items("takedown", popular));
        assertThat(touched).containsOnly(true);
        
    }

    @Test
    void theModelDoesNotDependOnTheThreadCount() {
        Interactions all = clicks();
        ShardedRecommender one = sharded();
        one.fit(all, new TrainContext(3, new RandomStreams(42), null, 1));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            ShardedRecommender three = sharded();
            three.fit(all, new TrainContext(3, new RandomStreams(42), pool, 3));
            assertThat(slates(three, all)).isDeepEqualTo(slates(one, all));
        } finally {
            pool.shutdownNow();
        }
    }
}
