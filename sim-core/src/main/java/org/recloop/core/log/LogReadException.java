package org.recloop.core.log;

/**
 * A run's database could not be read through {@link LogReader}. The message is the database's
 * own, so callers can prefix it with what they were doing and the file they were reading.
 */
public final class LogReadException extends EventLogException {
    private static final long serialVersionUID = 1L;

    /** H2's DATABASE_ALREADY_OPEN_1: another process holds the file. */
    private static final int DATABASE_IN_USE = 90020;

    private final boolean inUse;

    LogReadException(java.sql.SQLException cause) {
        super(cause.getMessage(), cause);
        this.inUse = cause.getErrorCode() == DATABASE_IN_USE;
    }

    LogReadException(String message) {
        super(message, null);
        this.inUse = false;
    }

    /** True if the database is open in another process (a run still writing it). */
    public boolean databaseInUse() {
        return inUse;
    }
}
