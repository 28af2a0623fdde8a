package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.sim.UsersTick;
import org.recloop.recommenders.baseline.RandomRecommender;
import org.recloop.scenarios.TestScenarios;
import org.recloop.spark.Messages.ClosedTick;
import org.recloop.spark.Messages.PartitionResult;
import org.recloop.spark.Messages.TickMessage;

/**
 * An executor's copy of the users, driven without Spark: a copy that fails while closing a tick
 * (here: the message names an intervention the copy does not have) refuses every later task
 * instead of closing the tick again on a retry.
 */
class ExecutorReplicasTest {

    private static final String RUN = "executor-replicas-test";

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        ExecutorReplicas.forget(RUN);
    }

    @Test
    void aCopyThatFailedClosingATickRefusesLaterTasks() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, TestScenarios.small("tiny", 200, 60, 3, "random", 2));
        ReplicaSpec spec = new ReplicaSpec(RUN, file.toString(), 7L, 1, null, null, 1);
        byte[] model = KryoBytes.write(new RandomRecommender());
        PartitionResult first = ExecutorReplicas.run(spec, new TickMessage(0, 200, null, new int[0], model, 0), 0);
        UsersTick t = KryoBytes.read(first.users());
        assertThat(t.active()).isNotEmpty();
        byte[] closed = KryoBytes.write(new ClosedTick(0, t.slates(), t.events(), List.of(),
                new int[][] {first.active()}, new byte[][] {first.rows()}));
        TickMessage bad = new TickMessage(1, 200, closed, new int[] {0}, null, 0); // the scenario has no interventions
        assertThatThrownBy(() -> ExecutorReplicas.run(spec, bad, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("intervention 0 of tick 0");
        // a retry of the same task must not close tick 0 a second time
        assertThatThrownBy(() -> ExecutorReplicas.run(spec, bad, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed closing tick 0").hasMessageContaining("cannot run later ticks");
        TickMessage good = new TickMessage(1, 200, closed, new int[0], null, 0);
        assertThatThrownBy(() -> ExecutorReplicas.run(spec, good, 0)).hasMessageContaining("cannot run later ticks");
    }
}
