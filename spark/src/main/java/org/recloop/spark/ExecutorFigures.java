package org.recloop.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.recloop.spark.Messages.PartitionResult;

/** Where a Spark run's time went: per executor (its partitions' task time), and on the driver. */
final class ExecutorFigures {

    private final Map<String, long[]> executors = new TreeMap<>(); // executor -> {nanos, partitions}
    private long ticks;
    private long roundNanos; // broadcast + tasks + collect, as the driver waits for them
    private long joinNanos; // joining the partitions and reading the rows on the driver
    private long firstTaskNanos; // the first tick's tasks, which build the executors' copies

    void add(List<PartitionResult> results, long round, long join) {
        ticks++;
        roundNanos += round;
        joinNanos += join;
        for (PartitionResult r : results) {
            if (ticks == 1) {
                firstTaskNanos += r.nanos();
            }
            long[] e = executors.computeIfAbsent(r.executor(), x -> new long[2]);
            e[0] += r.nanos();
            e[1]++;
        }
    }

    double roundSeconds() {
        return roundNanos / 1e9;
    }

    double joinSeconds() {
        return joinNanos / 1e9;
    }

    String summary() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d ticks, rounds %.1f s (broadcast, tasks, results), driver join %.1f s, first tick's tasks %.1f s"
                        + " (the executors build their copies)", ticks, roundSeconds(), joinSeconds(), firstTaskNanos / 1e9));
        for (Map.Entry<String, long[]> e : executors.entrySet()) {
            b.append(String.format(Locale.ROOT, "; executor %s: %d partition tasks, %.1f s", e.getKey(), e.getValue()[1],
                    e.getValue()[0] / 1e9));
        }
        return b.toString();
    }
}
