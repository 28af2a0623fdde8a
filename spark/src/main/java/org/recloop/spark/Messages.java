package org.recloop.spark;

import java.util.List;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.SlateBatch;

/** What the driver and the executors send each other every tick (Kryo, see {@link KryoBytes}). */
final class Messages {

    private Messages() {}

    /**
     * The driver's word for one tick, broadcast to every executor.
     *
     * @param tick the tick to run
     * @param users the users at this tick (the kernel's population size), which the partitions split
     * @param closed the previous tick as every copy must close it ({@link ClosedTick} bytes), null at the first tick
     * @param acted the previous tick's interventions that change users, which every copy repeats
     *     after closing it (positions in {@code Replica.interventions()}; empty for none)
     * @param model the serving model's bytes when it changed since the last message, else null
     * @param modelSerial counts the models shipped; an executor whose copy is older needs {@code model}
     */
    record TickMessage(int tick, int users, byte[] closed, int[] acted, byte[] model, int modelSerial) {}

    /**
     * A tick as the kernel closed it, which every executor's copy replays before the next tick:
     * the reacting users' state rows (per partition), then the model's afterTick over all slates
     * and React's events, the platform's effects and the users' feed commands.
     */
    record ClosedTick(int tick, SlateBatch slates, EventBuffer events, List<FeedCommand> feedCommands, int[][] active,
            byte[][] rows) {}

    /**
     * One partition's part of a tick.
     *
     * @param users the partition's {@code UsersTick} (Kryo bytes)
     * @param active the users who arrived, ascending
     * @param rows their state rows after React ({@code Replica.writeRows})
     * @param executor the executor that ran it (for the figures per executor)
     * @param nanos time the partition took on the executor
     */
    record PartitionResult(int partition, byte[] users, int[] active, byte[] rows, String executor, long nanos) {}
}
