package org.recloop.core.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The identity of the run a database holds, as a continued run ({@code recloop resume}, {@code
 * recloop fork}) checks it before replaying: read here because only this package talks to the run
 * database (ArchitectureTest).
 *
 * @param runId the run's id
 * @param seed its seed
 * @param threads the thread count it ran with
 * @param status its status label
 * @param lastCommittedTick the last tick whose rows are all committed (-1: none)
 * @param codeVersion the RecLoop version that wrote it
 * @param codeCommit the commit that wrote it ("" when unknown)
 * @param scenarioSha256 the hash of its scenario file
 */
public record RunRow(String runId, long seed, int threads, String status, int lastCommittedTick, String codeVersion,
        String codeCommit, String scenarioSha256) {

    /**
     * Whether the database in {@code dir} records a run at all. A run killed before its opening
     * rows reached the file leaves a database without them (an older version's, or one killed
     * within H2's write delay): there is nothing in it to recover or resume.
     *
     * @throws EventLogException when the database cannot be opened
     */
    public static boolean recorded(Path dir) {
        if (!Files.exists(dir.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            boolean recorded = false;
            if (LogSchema.hasTable(c, "runs")) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM runs")) {
                    recorded = rs.next() && rs.getLong(1) > 0;
                }
            }
            try (Statement sd = c.createStatement()) {
                sd.execute("SHUTDOWN");
            }
            return recorded;
        } catch (SQLException e) {
            throw new EventLogException("cannot read the run in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the run of the database in {@code dir}.
     *
     * @throws EventLogException when there is no database, no run in it, or it cannot be read
     */
    public static RunRow read(Path dir) {
        if (!Files.exists(dir.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            throw new EventLogException("no run database in " + dir, null);
        }
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            RunRow row;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, seed, threads, status,"
                    + " last_committed_tick, code_version, code_commit, scenario_sha256 FROM runs")) {
                if (!rs.next()) {
                    throw new EventLogException("no run recorded in " + dir, null);
                }
                row = new RunRow(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7) == null ? "" : rs.getString(7), rs.getString(8));
            }
            try (Statement sd = c.createStatement()) {
                sd.execute("SHUTDOWN");
            }
            return row;
        } catch (SQLException e) {
            throw new EventLogException("cannot read the run in " + dir + ": " + e.getMessage(), e);
        }
    }
}
