package org.recloop.scenarios.runner;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * An H2 trigger on the {@code ticks} table that fails the insert of a tick's row the way a full
 * disk fails a write: an {@code IOException("No space left on device")}, raised inside H2 on the
 * event log's own writer thread and connection, in the middle of the tick's transaction. A real
 * full file system would need root to mount; this keeps the failure inside the real writer and
 * the real database file.
 */
public final class DiskFullTrigger implements Trigger {

    /** The first tick whose commit fails. */
    static volatile int failFromTick;
    /** How long the failing write takes before it fails (lets the simulation run ahead). */
    static volatile long delayMillis;

    /** Installs the trigger in the database of a running run (through a second connection). */
    static void install(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("CREATE TRIGGER IF NOT EXISTS disk_full BEFORE INSERT ON ticks FOR EACH ROW CALL '"
                    + DiskFullTrigger.class.getName() + "'");
        }
    }

    /** Frees the "disk": later writes succeed. */
    static void remove(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS disk_full");
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (((Number) newRow[0]).intValue() < failFromTick) {
            return;
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new SQLException("writing the database failed", new IOException("No space left on device"));
    }
}
