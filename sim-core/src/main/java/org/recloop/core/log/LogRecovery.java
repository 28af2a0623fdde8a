package org.recloop.core.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the database of a run that stopped uncleanly consistent again (see
 * {@link H2EventLog#recover}). Why a copy instead of a repair in place: H2 should roll back the
 * open transaction when the file is reopened, but after a kill during a large multi-row insert it
 * has been seen to keep the half-written tick's rows visible and its row locks held, so the
 * committed ticks are copied into a fresh database that replaces the old one.
 */
final class LogRecovery {

    private LogRecovery() {}

    static Recovery recover(Path runDir) {
        Path dir = runDir.toAbsolutePath();
        String status;
        int last;
        Path fresh = dir.resolve("recovering");
        long removed = 0;
        try {
            deleteRecoveryFolder(fresh); // left by an attempt that failed, e.g. on a full disk
        } catch (IOException e) {
            throw new EventLogException("cannot recover " + dir + ": " + StorageFailure.describe(e, fresh), e);
        }
        try (Connection src = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            try (Statement st = src.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status, last_committed_tick FROM runs")) {
                if (!rs.next()) {
                    throw new EventLogException("no run recorded in " + dir, null);
                }
                status = rs.getString(1);
                last = rs.getInt(2);
            }
            if (!RunStatus.RUNNING.label().equals(status)) {
                ParquetLayout.dropTicksAfter(dir, last);
                return new Recovery(status, last, 0, MetricsCsvTrim.trim(dir, last));
            }
            Files.createDirectories(fresh);
            try (Connection dst = DriverManager.getConnection(H2EventLog.jdbcUrl(fresh), "sa", "")) {
                dst.setAutoCommit(false);
                int slateMax = LogSchema.slateMaxLength(src);
                LogSchema.create(dst, slateMax);
                for (String[] t : LogSchema.TICK_FILTERS) {
                    String table = slateMax > 0 && t[0].equals("exposures") ? "slates" : t[0];
                    removed += copy(src, dst, table, t[1], last);
                }
                try (PreparedStatement ps = dst.prepareStatement("UPDATE runs SET status = ?, error = ?")) {
                    ps.setString(1, RunStatus.INTERRUPTED.label());
                    ps.setString(2, "stopped uncleanly; recovered to the end of tick " + last + " (" + removed
                            + " rows of later ticks removed; the original file is kept as recloop-crashed.mv.db)");
                    ps.executeUpdate();
                }
                dst.commit();
                try (Statement st = dst.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
            src.createStatement().execute("SHUTDOWN");
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                deleteRecoveryFolder(fresh);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new EventLogException("cannot recover " + dir + ": " + recoveryProblem(e, dir), e);
        }
        int csvRemoved;
        String db = H2EventLog.DB_NAME;
        try {
            Files.move(dir.resolve(db + ".mv.db"), dir.resolve(db + "-crashed.mv.db"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(fresh.resolve(db + ".mv.db"), dir.resolve(db + ".mv.db"));
            try (var left = Files.list(fresh)) {
                for (Path f : left.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(fresh);
            ParquetLayout.dropTicksAfter(dir, last); // files of a tick whose ticks row never committed
            csvRemoved = MetricsCsvTrim.trim(dir, last);
        } catch (IOException e) {
            throw new EventLogException("cannot replace the database of " + dir + ": "
                    + StorageFailure.describe(e, dir), e);
        }
        return new Recovery(status, last, removed, csvRemoved);
    }

    /** Why recovery failed, in one line. */
    private static String recoveryProblem(Throwable e, Path dir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN_1
                return "the database is in use (is the run still going?)";
            }
        }
        return StorageFailure.describe(e, dir);
    }

    private static void deleteRecoveryFolder(Path fresh) throws IOException {
        if (!Files.isDirectory(fresh)) {
            return;
        }
        try (var left = Files.list(fresh)) {
            for (Path f : left.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(fresh);
    }

    /** Copies the rows of a table that pass the tick filter; returns how many were left out. */
    static long copy(Connection src, Connection dst, String table, String filter, int last) throws SQLException {
        if (!LogSchema.hasTable(src, table)) {
            return 0; // written by a version without this table (e.g. texts): nothing to copy
        }
        long total;
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            total = rs.getLong(1);
        }
        long kept = 0;
        try (PreparedStatement q = src.prepareStatement("SELECT * FROM " + table
                + (filter.isEmpty() ? "" : " WHERE " + filter))) {
            if (!filter.isEmpty()) {
                q.setInt(1, last);
            }
            q.setFetchSize(10_000);
            try (ResultSet rs = q.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                // columns by name: a database written by an older version may lack newer columns
                StringBuilder names = new StringBuilder();
                StringBuilder marks = new StringBuilder();
                for (int c = 1; c <= cols; c++) {
                    names.append(c == 1 ? "" : ",").append('"').append(rs.getMetaData().getColumnName(c)).append('"');
                    marks.append(c == 1 ? "?" : ",?");
                }
                String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
                try (PreparedStatement ins = dst.prepareStatement(sql)) {
                    while (rs.next()) {
                        for (int c = 1; c <= cols; c++) {
                            ins.setObject(c, rs.getObject(c));
                        }
                        ins.addBatch();
                        if (++kept % 5000 == 0) {
                            ins.executeBatch();
                        }
                    }
                    ins.executeBatch();
                }
            }
        }
        return total - kept;
    }
}
