package org.recloop.scenarios.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a SIGTERM or Ctrl-C (SIGINT) does to a {@code recloop} process: one mechanism shared by
 * every long-running command ({@code run}, {@code sweep}, {@code evaluate}).
 *
 * <p>The JVM answers both signals by running its shutdown hooks and then exiting with
 * 128 + the signal number (143, 130), whatever {@code main} would have returned, and it does not
 * wait for the main thread. So a command cannot simply notice the stop and return 3: the process
 * would be gone before its closing summary is printed. Instead this class installs one hook,
 * which
 * <ol>
 *   <li>marks the stop as requested ({@link #stopRequested()}) and runs every registered stop
 *       action ({@link #onStop}; a run's action asks its simulation to stop after the tick in
 *       progress);</li>
 *   <li>waits until the command that was running ({@link #command()}) has finished its work: the
 *       run recorded 'interrupted', the summary is printed, the sweep's summary.csv is
 *       written;</li>
 *   <li>flushes standard output and error and ends the process with the command's own exit code
 *       through {@link Runtime#halt(int)}, the documented way for a hook to choose the exit
 *       status (3 for an interrupted command).</li>
 * </ol>
 * Without a command (the runner used as a library, e.g. by {@code bench} or tests), the hook only
 * waits for the registered runs to record their status, and the JVM then exits as it would have.
 * If the work does not end within {@link #TIMEOUT_SECONDS}, the process ends anyway with 3.
 *
 * <p>The state is process-wide because signals and shutdown hooks are. This is command-line
 * plumbing, never read by model code, so simulations stay deterministic. Thread-safe.
 */
public final class StopSignal {

    /** Exit code of a command stopped by SIGTERM or SIGINT. */
    public static final int EXIT_INTERRUPTED = 3;

    /** How long the shutdown hook waits for the work in progress before ending the process. */
    public static final long TIMEOUT_SECONDS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);
    private static final Object LOCK = new Object();
    private static final List<Subscription> SUBSCRIPTIONS = new ArrayList<>();
    private static boolean hookInstalled;
    private static volatile boolean stopRequested;
    private static Command command;

    private StopSignal() {}

    /** True once SIGTERM or SIGINT arrived: long-running work should wrap up and start nothing new. */
    public static boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Registers work in progress: {@code action} runs once when a stop is requested (at once if it
     * already was), and a hook without a command waits until the subscription is closed.
     */
    public static Subscription onStop(Runnable action) {
        Subscription s = new Subscription(action);
        boolean runNow;
        synchronized (LOCK) {
            installHook();
            SUBSCRIPTIONS.add(s);
            runNow = stopRequested;
        }
        if (runNow) {
            s.fire();
        }
        return s;
    }

    /**
     * Marks the start of a command whose exit code the process should end with if a signal
     * stops it. Close it after everything the command prints and writes is done, having passed
     * the command's exit code to {@link Command#exit(int)}; closed without an exit code, the
     * command counts as failed (1).
     */
    public static Command command() {
        synchronized (LOCK) {
            installHook();
            Command c = new Command();
            command = c;
            return c;
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(StopSignal::shutdown, "recloop-stop"));
        } catch (IllegalStateException alreadyShuttingDown) {
            stopRequested = true;
        }
        hookInstalled = true;
    }

    /** The shutdown hook (see the class comment). */
    private static void shutdown() {
        List<Subscription> subs;
        Command c;
        synchronized (LOCK) {
            stopRequested = true;
            subs = List.copyOf(SUBSCRIPTIONS);
            c = command;
        }
        if (c == null && subs.isEmpty()) {
            return; // an ordinary exit, or a signal while nothing was running
        }
        System.err.println("recloop: stop requested; finishing the tick in progress, then writing what is done");
        System.err.flush();
        subs.forEach(Subscription::fire);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        boolean inTime;
        synchronized (LOCK) {
            try {
                while ((c != null ? !c.done : !SUBSCRIPTIONS.isEmpty()) && System.nanoTime() < deadline) {
                    LOCK.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inTime = c != null ? c.done : SUBSCRIPTIONS.isEmpty();
        }
        if (!inTime) {
            LOG.warn("the work in progress did not stop within {} s", TIMEOUT_SECONDS);
            System.err.println("recloop: the work in progress did not stop within " + TIMEOUT_SECONDS + " s; exiting");
        }
        if (c != null || !inTime) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(inTime ? c.code : EXIT_INTERRUPTED);
        }
    }

    /** A registered stop action; close it when the work it stops is over. */
    public static final class Subscription implements AutoCloseable {
        private final Runnable action;
        private boolean fired;

        private Subscription(Runnable action) {
            this.action = action;
        }

        private void fire() {
            synchronized (this) {
                if (fired) {
                    return;
                }
                fired = true;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("a stop action failed: {}", e.toString());
            }
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                SUBSCRIPTIONS.remove(this);
                LOCK.notifyAll();
            }
        }
    }

    /** A running command (see {@link StopSignal#command()}). */
    public static final class Command implements AutoCloseable {
        private int code = 1;
        private boolean exited;
        private boolean done;

        private Command() {}

        /** Records the command's exit code and returns it. */
        public int exit(int exitCode) {
            synchronized (LOCK) {
                code = exitCode;
                exited = true;
            }
            return exitCode;
        }

        /** Ends the command: a shutdown hook waiting for it now ends the process with its exit code. */
        @Override
        public void close() {
            synchronized (LOCK) {
                if (!exited) {
                    code = 1;
                }
                done = true;
                if (command == this) {
                    command = null;
                }
                LOCK.notifyAll();
            }
        }
    }
}
