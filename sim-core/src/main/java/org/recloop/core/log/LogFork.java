package org.recloop.core.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of a fork ({@code recloop fork}): its parent's committed rows up to the fork's
 * tick, and a {@code lineage} row naming the parent and the tick. The fork's own {@code runs}
 * row is added when the fork starts ({@link ReplayingLog#continueRun}).
 */
public final class LogFork {

    private LogFork() {}

    /**
     * Copies the rows of ticks up to {@code atTick} of the run in {@code parentDir} into a new
     * database in {@code childDir}.
     *
     * @throws EventLogException if the parent has no database, is in use, or has not committed
     *     {@code atTick}
     */
    public static void copy(Path parentDir, Path childDir, int atTick, String childRunId) {
        Path parent = parentDir.toAbsolutePath();
        if (!Files.exists(parent.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            throw new EventLogException("no run database in " + parent, null);
        }
        try (Connection src = DriverManager.getConnection(H2EventLog.jdbcUrl(parent), "sa", "");
                Connection dst = DriverManager.getConnection(H2EventLog.jdbcUrl(childDir.toAbsolutePath()), "sa", "")) {
            String parentId;
            int last;
            try (Statement st = src.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, last_committed_tick FROM runs")) {
                if (!rs.next()) {
                    throw new EventLogException("no run recorded in " + parent, null);
                }
                parentId = rs.getString(1);
                last = rs.getInt(2);
            }
            if (atTick > last) {
                throw new EventLogException("run " + parentId + " committed ticks up to " + last + ", not " + atTick, null);
            }
            dst.setAutoCommit(false);
            int slateMax = LogSchema.slateMaxLength(src);
            LogSchema.create(dst, slateMax);
            for (String[] t : LogSchema.TICK_FILTERS) {
                if (t[0].equals("runs")) {
                    continue;
                }
                String table = slateMax > 0 && t[0].equals("exposures") ? "slates" : t[0];
                LogRecovery.copy(src, dst, table, t[1], atTick);
            }
            try (PreparedStatement ps = dst.prepareStatement("INSERT INTO lineage VALUES (?,?,?,?)")) {
                ps.setString(1, childRunId);
                ps.setString(2, parentId);
                ps.setInt(3, atTick);
                ps.setString(4, parent.toString());
                ps.executeUpdate();
            }
            dst.commit();
            try (Statement st = dst.createStatement()) {
                st.execute("SHUTDOWN");
            }
            try (Statement st = src.createStatement()) {
                st.execute("SHUTDOWN");
            }
            ParquetLayout.copyTicks(parent, childDir.toAbsolutePath(), atTick); // log.store: parquet
        } catch (java.io.IOException e) {
            throw new EventLogException("cannot copy the Parquet files of " + parent + " up to tick " + atTick + ": "
                    + e.getMessage(), e);
        } catch (SQLException e) {
            throw new EventLogException("cannot copy the log of " + parent + " up to tick " + atTick + ": "
                    + StorageFailure.describe(e, parent), e);
        }
    }
}
