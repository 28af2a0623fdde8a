package org.recloop.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.H2Url;
import org.recloop.core.log.LogReadException;
import org.recloop.core.log.LogReader;
import org.recloop.core.log.RunStatus;

/**
 * What a report takes from a run's database, read with one opening of it: how the run ended and
 * the recommender that served most of its ticks.
 *
 * @param outcome how the run ended
 * @param servedMost the recommender that served the most ticks ({@link ServedMost}); empty when
 *     the database cannot be read or predates the per-tick record
 */
record RunLogSummary(RunOutcome outcome, Optional<String> servedMost) {

    /**
     * Reads the run in a folder with one opening of its database, read-only (the database is
     * neither created nor changed, so a killed run stays recoverable). Never throws: an
     * unreadable database gives {@link RunOutcome#UNKNOWN} with the reason, a database another
     * process holds gives {@code running}; the label is then empty.
     */
    static RunLogSummary read(Path folder) {
        if (!Files.isRegularFile(folder.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            return without(RunOutcome.UNKNOWN, "no database (" + H2EventLog.DB_NAME + ".mv.db) in the run folder");
        }
        try (LogReader log = LogReader.open(folder)) {
            LogReader.Run run = log.run();
            String status = run.status();
            String error = firstLine(run.error());
            if (RunStatus.RUNNING.label().equals(status)) {
                error = "did not finish: still running, or killed (then run 'recloop recover'); last committed tick "
                        + run.lastCommittedTick();
            }
            return new RunLogSummary(new RunOutcome(status == null ? RunOutcome.UNKNOWN : status, error,
                    run.lastCommittedTick()), ServedMost.read(log));
        } catch (H2Url.UnsafePathException e) {
            return without(RunOutcome.UNKNOWN, e.getMessage());
        } catch (LogReadException e) {
            if (e.databaseInUse()) { // another process is writing it
                return without(RunStatus.RUNNING.label(), "the database is in use (the run is still going?)");
            }
            if (e.getCause() == null) {
                return without(RunOutcome.UNKNOWN, e.getMessage());
            }
            return without(RunOutcome.UNKNOWN, "cannot read the database: " + firstLine(e.getMessage()));
        }
    }

    /** A run whose database says no more than its status and why. */
    private static RunLogSummary without(String status, String detail) {
        return new RunLogSummary(new RunOutcome(status, detail), Optional.empty());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
