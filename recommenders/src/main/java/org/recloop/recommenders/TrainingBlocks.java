package org.recloop.recommenders;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.recloop.core.serve.TrainContext;

/**
 * Runs independent blocks of training work: in order on the calling thread without an executor
 * (or without a context),
 * else on {@code ctx.parallelism()} workers that take blocks in turn. Each block must write only
 * its own results, so the model does not depend on the thread count.
 */
public final class TrainingBlocks {
    private TrainingBlocks() {}

    public static void run(int blocks, TrainContext ctx, IntConsumer block) {
        ExecutorService ex = ctx == null ? null : ctx.executor();
        if (ex == null || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                block.accept(b);
            }
            return;
        }
        int workers = Math.max(1, Math.min(blocks, ctx.parallelism()));
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            fs[w] = CompletableFuture.runAsync(() -> {
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    block.accept(b);
                }
            }, ex);
        }
        try {
            CompletableFuture.allOf(fs).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
