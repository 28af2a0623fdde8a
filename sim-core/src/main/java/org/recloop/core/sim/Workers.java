package org.recloop.core.sim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's worker threads and its one way of splitting work: fixed-size chunks of a range,
 * run on the workers (or inline with one thread) and joined in chunk order. Results therefore do
 * not depend on the thread count: a chunk's work is the same whichever thread runs it, and every
 * chunk writes only its own slots.
 */
final class Workers {

    /** Work on the items {@code [from, to)} of chunk number {@code chunk}. */
    @FunctionalInterface
    interface ChunkTask {
        CompletionStage<Void> run(int chunk, int from, int to);
    }

    private final int threads;
    private ExecutorService executor;

    Workers(int threads) {
        this.threads = threads;
    }

    /** Starts the pool if it is not running (none for one thread). */
    void start() {
        if (executor == null && threads > 1) {
            executor = Executors.newFixedThreadPool(threads, daemonThreads());
        }
    }

    /** The pool, or null when everything runs on the calling thread. */
    ExecutorService executor() {
        return executor;
    }

    /** Threads available to a parallel task (1 without a pool). */
    int parallelism() {
        return executor == null ? 1 : threads;
    }

    /** Runs {@code task} over {@code [0, n)} in chunks of {@code chunk} and waits for all of them. */
    void runChunks(int n, int chunk, ChunkTask task) {
        int chunks = (n + chunk - 1) / chunk;
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] fs = new CompletableFuture[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            int index = c;
            if (executor == null) {
                fs[c] = task.run(index, from, to).toCompletableFuture();
            } else {
                fs[c] = CompletableFuture.supplyAsync(() -> task.run(index, from, to), executor)
                        .thenCompose(s -> s);
            }
        }
        CompletableFuture.allOf(fs).join();
    }

    /** Stops the pool, waiting briefly for running chunks. */
    void shutdown() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "recloop-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
