package org.recloop.recommenders;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.recloop.core.serve.TrainContext;

/**
 * Runs independent blocks of training work: in order on the calling thread without an executor
 * (or without a context),
 * else on {@code ctx.parallelism()} workers that take blocks in turn. Each block must write only
 * its own results, so the model does not depend on the thread count.
 */
public final class TrainingBlocks {
    private TrainingBlocks() {}

    /** One block of work with the worker's scratch buffers. */
    @FunctionalInterface
    public interface BlockTask<S> {
        void run(S scratch, int block);
    }

    public static void run(int blocks, TrainContext ctx, IntConsumer block) {
        run(blocks, ctx, () -> null, (Object none, int b) -> block.accept(b));
    }

    /**
     * As {@link #run(int, TrainContext, IntConsumer)}, each worker (or the calling thread) with
     * its own scratch from {@code scratch}, made once and reused for the blocks it takes. A
     * block's result must depend only on the block, never on what the scratch held before.
     */
    public static <S> void run(int blocks, TrainContext ctx, Supplier<S> scratch, BlockTask<S> task) {
        ExecutorService ex = ctx == null ? null : ctx.executor();
        if (ex == null || blocks <= 1) {
            S s = blocks > 0 ? scratch.get() : null;
            for (int b = 0; b < blocks; b++) {
                task.run(s, b);
            }
            return;
        }
        int workers = Math.max(1, Math.min(blocks, ctx.parallelism()));
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            fs[w] = CompletableFuture.runAsync(() -> {
                S s = scratch.get();
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    task.run(s, b);
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
