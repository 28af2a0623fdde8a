package org.recloop.scenarios.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recloop.core.log.EventLogException;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.Recovery;
import org.recloop.core.log.StorageFailure;
import org.slf4j.LoggerFactory;
import org.recloop.scenarios.output.OutputLock;
import org.recloop.scenarios.runner.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recloop recover RUN}: make the database of a run that stopped uncleanly consistent. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Make a killed run's database consistent: remove rows of the tick in progress, mark it 'interrupted'.")
final class RecoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "run folder")
    Path run;

    /**
     * Runs as a command of {@link StopSignal}, so that SIGTERM or Ctrl-C never cuts the repair
     * short: {@link H2EventLog#recover} replaces the database with a repaired copy, and the JVM's
     * default reaction (exit 143/130 without waiting for the main thread) could end the process
     * half-way through that replacement. The shutdown hook instead waits for the repair (short)
     * to finish and then ends the process with 3.
     */
    @Override
    public Integer call() {
        try (StopSignal.Command stop = StopSignal.command()) {
            int code = execute();
            if (code == 0 && StopSignal.stopRequested()) {
                spec.commandLine().getOut().println("interrupted: the recovery was completed before stopping");
                spec.commandLine().getOut().flush();
                code = StopSignal.EXIT_INTERRUPTED;
            }
            return stop.exit(code);
        }
    }

    private int execute() {
        if (PathArguments.refused(spec.commandLine().getErr(), "recover", "RUN", run)) {
            return 2;
        }
        if (!Files.exists(run.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            spec.commandLine().getErr().println("recloop recover: no run database in " + run);
            return 2;
        }
        // a live run's database looks like a crashed one: never repair it under the run's feet
        try (OutputLock lock = OutputLock.acquire(run, Invocation.of(spec))) {
            Recovery r = H2EventLog.recover(run);
            String csv = r.csvRowsRemoved() == 0 ? ""
                    : "; removed " + r.csvRowsRemoved() + " rows of metrics.csv after tick " + r.lastCommittedTick();
            spec.commandLine().getOut().println(r.rowsRemoved() == 0 && !"running".equals(r.status())
                    ? "run was '" + r.status() + "': nothing to recover" + csv
                    : "recovered to the end of tick " + r.lastCommittedTick() + "; removed " + r.rowsRemoved()
                            + " rows of later ticks" + csv + "; status is now 'interrupted'");
            return 0;
        } catch (OutputLock.BusyException e) {
            spec.commandLine().getErr().println("recloop recover: " + run + " is in use by " + e.holder()
                    + "; the run is still going (stop it first, or wait for it)");
            return OutputLock.EXIT_BUSY;
        } catch (IOException e) {
            spec.commandLine().getErr().println("recloop recover: cannot lock " + run + ": " + e);
            return 1;
        } catch (EventLogException e) {
            spec.commandLine().getErr().println("recloop recover: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // one line for people; the stack trace only when debugging
            LoggerFactory.getLogger(RecoverCommand.class).debug("recover failed", e);
            spec.commandLine().getErr().println("recloop recover: cannot recover " + run + ": "
                    + StorageFailure.describe(e, run));
            return 1;
        }
    }
}
