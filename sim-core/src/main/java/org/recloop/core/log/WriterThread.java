package org.recloop.core.log;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that writes a run's database: it owns one connection (auto-commit off)
 * and runs the tasks the simulation thread stages through a bounded queue, in order.
 *
 * <p>Back-pressure: at most {@code queueCapacity} tasks and {@code maxBufferedRows} rows wait at
 * once; staging blocks beyond that. Failure: the first exception a task throws is kept, the open
 * transaction is rolled back, and from then on every task is skipped (releasing its rows and
 * failing whoever waits for it) and every staging call throws an {@link EventLogException} whose
 * message names the cause (a full disk above all). Nothing here ever waits without looking again
 * every {@value #RECHECK_MILLIS} ms whether the writer failed or stopped, so a full disk never
 * hangs the simulation.
 */
final class WriterThread {

    // logged under the log's public name: that is what a person sees on the console
    private static final Logger LOG = LoggerFactory.getLogger(H2EventLog.class);

    /**
     * A unit of work for the writer thread. After a write failure the writer no longer runs tasks
     * but still takes each one off the queue and calls {@link #skip}, so that whatever the task
     * holds (row permits) is released and whoever waits for it (a {@link #call}) is told.
     */
    @FunctionalInterface
    interface Task {
        void run(Connection c) throws Exception;

        /** Called instead of {@link #run} once the log has failed with {@code cause}. */
        default void skip(Throwable cause) {}
    }

    /** A task whose result the simulation thread waits for. */
    @FunctionalInterface
    interface Callable<T> {
        T call(Connection c) throws Exception;
    }

    private static final Task STOP = c -> {};

    /** How long staging waits for room before it looks again whether the writer has failed. */
    private static final long RECHECK_MILLIS = 100;

    private final DataSource pool;
    private final Path dbFile;
    private final BlockingQueue<Task> queue;
    private final Semaphore rowPermits;
    private final int maxBufferedRows;
    private final AtomicLong bufferedRows = new AtomicLong();
    private final AtomicLong peakBufferedRows = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    WriterThread(DataSource pool, Path dbFile, int queueCapacity, int maxBufferedRows) {
        this.pool = pool;
        this.dbFile = dbFile;
        this.maxBufferedRows = maxBufferedRows;
        this.rowPermits = new Semaphore(maxBufferedRows);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::writeLoop, "recloop-log-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void writeLoop() {
        boolean stopped = false;
        try (Connection c = pool.getConnection()) {
            while (true) {
                Task t = queue.take();
                if (t == STOP) {
                    stopped = true;
                    return;
                }
                Throwable failed = failure.get();
                if (failed != null) {
                    t.skip(failed); // nothing more is written; callers see the failure
                    continue;
                }
                try {
                    t.run(c); // a task that throws has released what it held and told its waiter
                } catch (Throwable e) {
                    // roll back first: the run's status is then recorded on another connection,
                    // which must not wait for this transaction's row locks
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is broken; the failure below is what matters
                    }
                    recordFailure(e);
                }
            }
        } catch (InterruptedException e) {
            recordFailure(new EventLogException("the event log writer was interrupted", e));
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // no connection (e.g. the disk was full when the database opened): fail every task
            recordFailure(e);
            if (!stopped) {
                drainAfterFailure();
            }
        }
    }

    /** Keeps taking tasks after the writer lost its connection, failing each, until {@link #stop}. */
    private void drainAfterFailure() {
        try {
            for (Task t = queue.take(); t != STOP; t = queue.take()) {
                t.skip(failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordFailure(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            // one line on the console; the stack trace only when debugging
            LOG.error("event log write failed: {}", StorageFailure.describe(e, dbFile));
            LOG.debug("event log write failure", e);
        }
    }

    /** Whether a task failed: nothing more is written. */
    boolean failed() {
        return failure.get() != null;
    }

    boolean isClosed() {
        return closed;
    }

    /** Stages a task of {@code rows} rows, blocking while the buffer holds too many rows. */
    void submit(Task t, int rows) {
        int permits = Math.min(Math.max(rows, 0), maxBufferedRows);
        if (permits == 0) {
            submit(t);
            return;
        }
        try {
            // a writer that failed releases permits only as it skips tasks: look again regularly
            while (!rowPermits.tryAcquire(permits, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while staging to the event log", e);
        }
        long now = bufferedRows.addAndGet(rows);
        peakBufferedRows.accumulateAndGet(now, Math::max);
        Task staged = new Task() {
            @Override
            public void run(Connection c) throws Exception {
                try {
                    t.run(c);
                } finally {
                    release();
                }
            }

            @Override
            public void skip(Throwable cause) {
                try {
                    t.skip(cause);
                } finally {
                    release();
                }
            }

            private void release() {
                bufferedRows.addAndGet(-rows);
                rowPermits.release(permits);
            }
        };
        try {
            submit(staged);
        } catch (RuntimeException e) {
            staged.skip(e); // never queued: give the permits back
            throw e;
        }
    }

    /** Most rows ever staged but not yet written at once. */
    long peakBufferedRows() {
        return peakBufferedRows.get();
    }

    /** Stages a task that holds no rows. */
    void submit(Task t) {
        checkUsable();
        try {
            while (!queue.offer(t, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while staging to the event log", e);
        }
    }

    /** Throws if the writer failed, stopped or the log is closed: staging would wait forever. */
    private void checkUsable() {
        checkFailure();
        if (closed) {
            throw new IllegalStateException("event log is closed");
        }
        if (!thread.isAlive()) {
            throw new EventLogException("the event log writer has stopped: " + dbFile, null);
        }
    }

    /** Runs {@code body} on the writer's connection after everything staged so far, and waits for it. */
    <T> T call(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        submit(new Task() {
            @Override
            public void run(Connection c) throws Exception {
                try {
                    f.complete(body.call(c));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                    throw e;
                }
            }

            @Override
            public void skip(Throwable cause) {
                f.completeExceptionally(cause);
            }
        });
        try {
            while (true) {
                try {
                    return f.get(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException slow) {
                    if (!thread.isAlive() && !f.isDone()) {
                        checkFailure(); // the task was queued after the writer stopped taking any
                        throw new EventLogException("the event log writer has stopped: " + dbFile, null);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while waiting for the event log", e);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        }
    }

    private void checkFailure() {
        Throwable f = failure.get();
        if (f != null) {
            throw failed(f);
        }
    }

    /** The exception staging and waiting throw for a write failure; its message names a full disk. */
    private EventLogException failed(Throwable f) {
        return new EventLogException("event log write failed: " + StorageFailure.describe(f, dbFile), f);
    }

    /**
     * Lets the writer finish the queue and stop, then marks the log closed. A writer that died
     * takes nothing from a full queue: this does not wait for room then.
     */
    void stop() {
        try {
            while (thread.isAlive() && !queue.offer(STOP, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                // the writer is still working through the queue
            }
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
        }
    }
}
