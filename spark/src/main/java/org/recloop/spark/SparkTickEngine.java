package org.recloop.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.sim.Replica;
import org.recloop.core.sim.TickEngine;
import org.recloop.core.sim.UsersTick;
import org.recloop.spark.Messages.ClosedTick;
import org.recloop.spark.Messages.PartitionResult;
import org.recloop.spark.Messages.TickMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of {@code --engine spark}. Each tick it broadcasts one {@link TickMessage} (the
 * previous tick as closed, and the serving model when it changed), runs one task per user
 * partition, joins the partitions' slates and events in partition (= user id) order, and brings
 * the reacting users' state rows into the kernel. Learn, Observe, Act and the log stay with the
 * kernel on the driver.
 *
 * <p>The serving model is shipped when it is another object or its {@code modelVersion} changed:
 * a recommender's slates may change only with its model version (what the log records with every
 * slate). The tick's interventions that change users (new accounts, items, group models,
 * forgetting) travel with the next message as positions in the run's list; every copy repeats
 * them after closing the tick, so accounts added on the driver are partitioned like the others
 * from the next tick on.
 */
final class SparkTickEngine implements TickEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTickEngine.class);

    private final JavaSparkContext jsc;
    private final ReplicaSpec template;
    private boolean started; // executors may hold copies of the run
    private byte[] closed;
    private int closedTick = -1;
    private int[] acted = new int[0];
    private Recommender shipped;
    private int shippedVersion;
    private int modelSerial = -1;
    private final ExecutorFigures figures = new ExecutorFigures();

    SparkTickEngine(JavaSparkContext jsc, ReplicaSpec template) {
        this.jsc = jsc;
        this.template = template;
    }

    @Override
    public UsersTick runUsers(int tick, Recommender serving, Replica kernel) {
        long t0 = System.nanoTime();
        int users = kernel.world().population().size();
        started = true;
        byte[] model = null;
        if (serving != shipped || serving.modelVersion() != shippedVersion) {
            model = KryoBytes.write(serving);
            shipped = serving;
            shippedVersion = serving.modelVersion();
            modelSerial++;
            LOG.debug("tick {}: shipping model {} ({} bytes)", tick, modelSerial, model.length);
        }
        Broadcast<TickMessage> message = jsc.broadcast(new TickMessage(tick, users, closed, acted, model, modelSerial));
        ReplicaSpec s = template;
        List<PartitionResult> results = new ArrayList<>(jsc.parallelize(IntStream.range(0, s.partitions()).boxed().toList(),
                s.partitions()).map(p -> ExecutorReplicas.run(s, message.value(), p)).collect());
        message.destroy();
        results.sort(Comparator.comparingInt(PartitionResult::partition));
        long t1 = System.nanoTime();
        UsersTick all = join(kernel, results, tick);
        figures.add(results, t1 - t0, System.nanoTime() - t1);
        return all;
    }

    /** The partitions' results as one tick, the rows read into the kernel, the closed tick kept for the next message. */
    private UsersTick join(Replica kernel, List<PartitionResult> results, int tick) {
        List<SlateBatch> slates = new ArrayList<>();
        EventBuffer events = new EventBuffer();
        List<ModelCall> calls = new ArrayList<>();
        List<ConversationTurn> turns = new ArrayList<>();
        List<FeedCommand> commands = new ArrayList<>();
        List<AgentText> texts = new ArrayList<>();
        int[][] active = new int[results.size()][];
        byte[][] rows = new byte[results.size()][];
        float[] truth = null;
        int offset = 0;
        List<float[]> truths = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            PartitionResult r = results.get(i);
            UsersTick t = KryoBytes.read(r.users());
            slates.add(t.slates());
            events.addAll(t.events(), offset);
            offset += t.slates().size();
            calls.addAll(t.modelCalls());
            turns.addAll(t.conversations());
            commands.addAll(t.feedCommands());
            texts.addAll(t.texts());
            if (t.clickProbabilities() != null) {
                truths.add(t.clickProbabilities());
            }
            active[i] = r.active();
            rows[i] = r.rows();
            kernel.readRows(r.active(), r.rows());
        }
        int k = slates.get(0).k(); // one partition at least
        SlateBatch joined = SlateBatch.concat(slates, k);
        if (!truths.isEmpty()) {
            truth = new float[joined.size() * k];
            int at = 0;
            for (float[] f : truths) {
                System.arraycopy(f, 0, truth, at, f.length);
                at += f.length;
            }
        }
        // bytes now: the kernel's afterTick goes on to add to these events
        closed = KryoBytes.write(new ClosedTick(tick, joined, events, List.copyOf(commands), active, rows));
        closedTick = tick;
        acted = new int[0];
        int[] users = new int[joined.size()];
        for (int s = 0; s < users.length; s++) {
            users[s] = joined.user(s);
        }
        return new UsersTick(users, joined, events, truth, calls, turns, commands, texts);
    }

    @Override
    public void acted(int tick, int[] positions) {
        if (tick != closedTick) {
            throw new IllegalStateException("interventions of tick " + tick + " reported after tick " + closedTick
                    + " was run");
        }
        acted = positions.clone();
    }

    @Override
    public String summary() {
        return "spark " + jsc.master() + ", " + template.partitions() + " partitions: " + figures.summary();
    }

    @Override
    public void close() {
        if (started) {
            String key = template.runKey();
            try {
                jsc.parallelize(IntStream.range(0, template.partitions()).boxed().toList(), template.partitions())
                        .foreach(p -> ExecutorReplicas.forget(key));
            } catch (RuntimeException e) {
                LOG.warn("could not release the executors' copies of run {}: {}", key, e.toString());
            }
            ExecutorReplicas.forget(key);
        }
        LOG.info("spark engine: {}", figures.summary());
        jsc.stop();
    }
}
