package org.recloop.scenarios.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.recloop.core.checkpoint.CheckpointException;
import org.recloop.core.log.EventLogException;
import org.recloop.core.log.LogReplayException;
import org.recloop.core.log.RunStatus;
import org.recloop.scenarios.output.OutputLock;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.schema.ScenarioException;

/**
 * What {@code recloop resume} and {@code recloop fork} print and exit with: the exit codes of
 * {@code recloop run} (0 finished, 3 interrupted, 4 degraded, 1 failed), 2 for a run that cannot
 * be continued (the reason names the file and field), 5 for a run folder in use.
 */
final class ContinuedRunCall {

    /** The continuation itself. */
    interface Body {
        RunResult run() throws OutputLock.BusyException;
    }

    private ContinuedRunCall() {}

    /**
     * Whether the options both commands share are refused: {@code --threads} out of range, a bad
     * LLM override, or a RUN path that may not be read; prints {@code recloop COMMAND: reason}.
     */
    static boolean refused(PrintWriter err, String command, Integer threads, LlmOverrides llm, java.nio.file.Path run) {
        if (threads != null && (threads <= 0 || threads > org.recloop.scenarios.schema.SizeLimits.MAX_THREADS)) {
            err.println("recloop " + command + ": --threads must be between 1 and "
                    + org.recloop.scenarios.schema.SizeLimits.MAX_THREADS + ", was " + threads);
            return true;
        }
        if (llm.problem() != null) {
            err.println("recloop " + command + ": " + llm.problem());
            return true;
        }
        return PathArguments.refused(err, command, "RUN", run);
    }

    static int execute(String command, PrintWriter o, PrintWriter err, Body body) {
        RunResult r;
        try {
            r = body.run();
        } catch (OutputLock.BusyException e) {
            err.println("recloop " + command + ": " + e.getMessage() + "; the run is still going (stop it first)");
            return OutputLock.EXIT_BUSY;
        } catch (CheckpointException | ScenarioException e) {
            err.println("recloop " + command + ": refused: " + e.getMessage());
            return 2;
        } catch (LogReplayException e) {
            err.println("recloop " + command + ": " + e.getMessage());
            return 1;
        } catch (EventLogException e) {
            err.println("recloop " + command + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("recloop " + command + " failed: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            return 1;
        }
        o.printf(Locale.ROOT, "%s %s: %d ticks in %.1f s (seed %d, %d threads)%n", r.runId(), r.status().label(),
                r.ticks(), r.wallSeconds(), r.seed(), r.threads());
        o.println("database  " + r.dbFile().toAbsolutePath());
        o.println("metrics   " + r.runDir().resolve("metrics.csv").toAbsolutePath());
        o.flush();
        return r.status() == RunStatus.FINISHED ? 0 : r.status() == RunStatus.DEGRADED ? 4 : 3;
    }
}
