package org.recloop.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * The {@link UserModel} contract, for every model a module lists in {@link #userModels}:
 * <ul>
 *   <li>chunk-split independence: two ticks answered as one chunk or as chunks of 7 give the same
 *       events and the same population state;</li>
 *   <li>a chunk writes only its own users' rows of the population;</li>
 *   <li>a chunk's events belong to its slates and come in slate order.</li>
 * </ul>
 */
public abstract class UserModelContract {

    private static final long SEED = 11;

    /** The models to check by name, each supplier making a fresh instance. */
    protected abstract Map<String, Supplier<UserModel>> userModels();

    @TestFactory
    Stream<DynamicTest> keepTheContract() {
        return userModels().entrySet().stream().flatMap(e -> Stream.of(
                DynamicTest.dynamicTest(e.getKey() + ": same events and state whatever the chunk split",
                        () -> splitIndependent(e.getKey(), e.getValue())),
                DynamicTest.dynamicTest(e.getKey() + ": a chunk writes only its own users' state",
                        () -> ownUsersOnly(e.getKey(), e.getValue())),
                DynamicTest.dynamicTest(e.getKey() + ": events of the chunk's slates, in slate order",
                        () -> slateOrder(e.getKey(), e.getValue()))));
    }

    private record Outcome(List<String> events, float[] prefs, float[] activity, byte[] status) {}

    private static Outcome play(Supplier<UserModel> make, int chunk) throws Exception {
        World w = ContractWorlds.world(SEED);
        RandomStreams streams = new RandomStreams(SEED);
        UserModel m = make.get();
        List<String> log = new ArrayList<>();
        try {
            m.init(w, streams);
            for (int tick = 0; tick < 2; tick++) {
                SlateBatch slates = ContractWorlds.slates(SEED, tick);
                ReactContext ctx = new ReactContext(tick, w, streams);
                EventBuffer all = new EventBuffer();
                for (int from = 0; from < slates.size(); from += chunk) {
                    EventBuffer out = new EventBuffer();
                    m.react(ctx, slates, from, Math.min(slates.size(), from + chunk), out).toCompletableFuture()
                            .get(120, TimeUnit.SECONDS);
                    all.addAll(out);
                }
                m.afterTick(ctx, slates, all);
                for (int i = 0; i < all.size(); i++) {
                    log.add(tick + ":" + all.user(i) + ":" + all.item(i) + ":" + all.typeCode(i) + ":" + all.slate(i)
                            + ":" + all.position(i) + ":" + Float.floatToIntBits(all.value(i)) + ":" + all.target(i));
                }
            }
        } finally {
            if (m instanceof AutoCloseable c) {
                c.close();
            }
        }
        Population p = w.population();
        return new Outcome(log, p.preferences().clone(), activity(p), status(p));
    }

    private void splitIndependent(String name, Supplier<UserModel> make) throws Exception {
        Outcome whole = play(make, Integer.MAX_VALUE / 2);
        Outcome split = play(make, 7);
        assertThat(whole.events()).as("%s answers something", name).isNotEmpty();
        assertThat(split.events()).as("%s: events", name).isEqualTo(whole.events());
        assertThat(split.prefs()).as("%s: preferences", name).isEqualTo(whole.prefs());
        assertThat(split.activity()).as("%s: activity", name).isEqualTo(whole.activity());
        assertThat(split.status()).as("%s: status", name).isEqualTo(whole.status());
    }

    private void ownUsersOnly(String name, Supplier<UserModel> make) throws Exception {
        World w = ContractWorlds.world(SEED);
        RandomStreams streams = new RandomStreams(SEED);
        UserModel m = make.get();
        try {
            m.init(w, streams);
            Population p = w.population();
            float[] prefs = p.preferences().clone();
            float[] act = activity(p);
            byte[] st = status(p);
            SlateBatch slates = ContractWorlds.slates(SEED, 0);
            int from = 7;
            int to = 14;
            boolean[] mine = new boolean[p.size()];
            for (int s = from; s < to; s++) {
                mine[slates.user(s)] = true;
            }
            m.react(new ReactContext(0, w, streams), slates, from, to, new EventBuffer()).toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
            int dim = p.dim();
            for (int u = 0; u < p.size(); u++) {
                if (mine[u]) {
                    continue;
                }
                assertThat(Arrays.copyOfRange(p.preferences(), u * dim, (u + 1) * dim))
                        .as("%s changed the preferences of user %d outside its chunk", name, u)
                        .isEqualTo(Arrays.copyOfRange(prefs, u * dim, (u + 1) * dim));
                assertThat(p.activity(u)).as("%s: activity of user %d outside its chunk", name, u).isEqualTo(act[u]);
                assertThat(p.status(u)).as("%s: status of user %d outside its chunk", name, u).isEqualTo(st[u]);
            }
        } finally {
            if (m instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private void slateOrder(String name, Supplier<UserModel> make) throws Exception {
        World w = ContractWorlds.world(SEED);
        RandomStreams streams = new RandomStreams(SEED);
        UserModel m = make.get();
        try {
            m.init(w, streams);
            SlateBatch slates = ContractWorlds.slates(SEED, 0);
            int from = 10;
            int to = 30;
            EventBuffer out = new EventBuffer();
            m.react(new ReactContext(0, w, streams), slates, from, to, out).toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
            int last = from;
            java.util.Set<Integer> chunkUsers = new java.util.HashSet<>();
            for (int s = from; s < to; s++) {
                chunkUsers.add(slates.user(s));
            }
            for (int i = 0; i < out.size(); i++) {
                int s = out.slate(i);
                if (s < 0) {
                    // not an answer to a position (leaving, searching): still one of the chunk's users
                    assertThat(chunkUsers).as("%s: event %d is by a user of the chunk", name, i).contains(out.user(i));
                    continue;
                }
                assertThat(s).as("%s: event %d answers a slate of the chunk", name, i).isBetween(from, to - 1);
                assertThat(out.user(i)).as("%s: event %d is by its slate's user", name, i).isEqualTo(slates.user(s));
                assertThat(s).as("%s: events in slate order", name).isGreaterThanOrEqualTo(last);
                last = s;
            }
        } finally {
            if (m instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private static float[] activity(Population p) {
        float[] a = new float[p.size()];
        for (int u = 0; u < a.length; u++) {
            a[u] = p.activity(u);
        }
        return a;
    }

    private static byte[] status(Population p) {
        byte[] a = new byte[p.size()];
        for (int u = 0; u < a.length; u++) {
            a[u] = p.status(u);
        }
        return a;
    }
}
