package org.recloop.core.sim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserModel;
import org.recloop.core.react.UserStateRows;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * A run handed to another engine refuses, before its first tick, every user model that cannot
 * move its users' state between copies: the run's own and those its interventions bring in.
 */
class UseEngineTest {

    @TempDir
    Path dir;

    /** A group model with no state rows (a plug-in model that never implemented them). */
    static class Still implements UserGroupModel {
        @Override
        public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void initGroup(World world, RandomStreams streams, int from, int to) {}
    }

    /** The same model with (empty) state rows. */
    static final class Moving extends Still implements UserStateRows {
        @Override
        public void writeUsers(int[] users, java.io.DataOutput out) {}

        @Override
        public void readUsers(int[] users, java.io.DataInput in) {}
    }

    /** Opens accounts at {@code at} answered by {@code model}. */
    private static Intervention opening(int at, UserModel model) {
        return new Intervention() {
            @Override
            public int tick() {
                return at;
            }

            @Override
            public String type() {
                return "add-users";
            }

            @Override
            public String describe() {
                return "open accounts";
            }

            @Override
            public void apply(ActContext ctx) {
                throw new AssertionError("no tick may run");
            }

            @Override
            public List<UserModel> userModels() {
                return List.of(model);
            }

            @Override
            public boolean addsUsers() {
                return true;
            }
        };
    }

    private void useEngine(UserModel users, Intervention iv) throws Exception {
        RandomStreams streams = new RandomStreams(3);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(50, 8, 4, null, null, null)).build(streams);
        World world = World.of(cat, new SyntheticPopulation(new SyntheticPopulation.Params(100, null, 1.0, 0.0, 5.0))
                .build(cat, streams));
        try (H2EventLog log = new H2EventLog(dir.resolve("run" + System.nanoTime()), 1)) {
            RecLoopSim sim = new RecLoopSim(SimConfig.DEFAULTS.withTicks(10).withThreads(1), world, streams,
                    new org.recloop.core.contract.FirstUnconsumedRecommender(), "first", users, List.of(), List.of(iv), log);
            sim.useEngine((tick, serving, kernel) -> {
                throw new AssertionError("no tick may run");
            });
        }
    }

    @Test
    void aModelAnInterventionBringsInIsCheckedBeforeTheFirstTick() {
        assertThatThrownBy(() -> useEngine(new Moving(), opening(7, new Still())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("intervention add-users at tick 7: user model Still cannot run on another engine: its users'"
                        + " state cannot be moved between copies of the run (UserStateRows)");
    }

    @Test
    void theRunsOwnModelIsChecked() {
        assertThatThrownBy(() -> useEngine(new Still(), opening(7, new Moving())))
                .hasMessageStartingWith("user model Still cannot run on another engine");
    }

    @Test
    void modelsWithStateRowsAreAccepted() {
        assertThatCode(() -> useEngine(new Moving(), opening(7, new Moving()))).doesNotThrowAnyException();
    }
}
