package org.recloop.spark;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.recloop.agents.llm.Environment;
import org.recloop.core.serve.Recommender;
import org.recloop.core.sim.Replica;
import org.recloop.core.sim.UsersTick;
import org.recloop.scenarios.runner.ReplicaBuilder;
import org.recloop.scenarios.schema.ScenarioLoader;
import org.recloop.spark.Messages.ClosedTick;
import org.recloop.spark.Messages.PartitionResult;
import org.recloop.spark.Messages.TickMessage;

/**
 * The executor's side: one copy of a run's users per executor JVM, built on the first task from
 * the scenario file and seed, and kept equal to the driver's by closing every tick as the driver
 * did (the {@link ClosedTick} in the next tick's message). A partition's task runs Arrive, Serve
 * and React for its users on the copy. Tasks of one run take turns on the copy (it drains what the
 * user model recorded per partition); each uses the copy's worker threads.
 */
final class ExecutorReplicas {

    private static final ConcurrentHashMap<String, Copy> RUNS = new ConcurrentHashMap<>();

    private ExecutorReplicas() {}

    static PartitionResult run(ReplicaSpec spec, TickMessage message, int partition) {
        return RUNS.computeIfAbsent(spec.runKey(), k -> new Copy(spec)).run(message, partition);
    }

    /** Drops a run's copy (the run ended). */
    static void forget(String runKey) {
        Copy c = RUNS.remove(runKey);
        if (c != null) {
            c.close();
        }
    }

    private static final class Copy {
        private final ReplicaSpec spec;
        private Replica replica;
        private Recommender model;
        private int modelSerial = -1;
        private int closedThrough = -1;
        private String broken; // why the copy can no longer be used, or null

        Copy(ReplicaSpec spec) {
            this.spec = spec;
        }

        synchronized PartitionResult run(TickMessage m, int partition) {
            long t0 = System.nanoTime();
            if (replica == null) {
                Environment env = Environment.system().overriding(Environment.BASE_URL, spec.llmBaseUrl())
                        .overriding(Environment.MODEL, spec.llmModel());
                replica = ReplicaBuilder.build(new ScenarioLoader().load(Path.of(spec.scenarioFile())), spec.seed(),
                        spec.threads(), env);
            }
            if (broken != null) {
                throw new IllegalStateException(broken);
            }
            if (m.closed() != null && closedThrough < m.tick() - 1) {
                ClosedTick c = KryoBytes.read(m.closed());
                if (c.tick() == closedThrough + 1) {
                    closeAndAct(c, m.acted());
                }
            }
            if (closedThrough != m.tick() - 1) {
                throw new IllegalStateException("executor " + executorId() + ": its copy of run " + spec.runKey()
                        + " has closed ticks up to " + closedThrough + ", tick " + m.tick() + " needs every earlier"
                        + " one; an executor that joined late or missed a tick cannot catch up (run with one"
                        + " partition per executor core and without dynamic allocation)");
            }
            if (m.modelSerial() != modelSerial) {
                if (m.model() == null) {
                    throw new IllegalStateException("executor " + executorId() + " missed serving model "
                            + m.modelSerial() + " of run " + spec.runKey());
                }
                model = KryoBytes.read(m.model());
                modelSerial = m.modelSerial();
            }
            int users = replica.world().population().size();
            if (users != m.users()) {
                throw new IllegalStateException("executor " + executorId() + ": its copy of run " + spec.runKey()
                        + " has " + users + " users at tick " + m.tick() + ", the driver " + m.users()
                        + ": the copies' interventions differ");
            }
            UsersTick t = replica.runUsers(m.tick(), model, spec.from(partition, users), spec.to(partition, users));
            byte[] rows = replica.writeRows(t.active());
            return new PartitionResult(partition, KryoBytes.write(t), t.active(), rows, executorId(),
                    System.nanoTime() - t0);
        }

        /**
         * Closes a tick and repeats its interventions as one step: one that fails part-way leaves
         * the copy half-changed, so the copy refuses every later task (a retried task would
         * otherwise close the tick a second time and diverge without a word).
         */
        private void closeAndAct(ClosedTick c, int[] acted) {
            try {
                for (int p = 0; p < c.active().length; p++) {
                    replica.readRows(c.active()[p], c.rows()[p]);
                }
                replica.closeTick(c.tick(), c.slates(), c.events(), c.feedCommands());
                replica.act(c.tick(), acted);
                closedThrough = c.tick();
            } catch (RuntimeException | Error e) {
                broken = "executor " + executorId() + ": its copy of run " + spec.runKey() + " failed closing tick "
                        + c.tick() + " (" + e + ") and cannot run later ticks";
                throw e;
            }
        }

        synchronized void close() {
            if (replica != null) {
                replica.stopWorkers();
            }
        }
    }

    private static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "?" : env.executorId();
    }
}
