package org.recloop.core.log;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;

/**
 * Reads the events and exposures of a run with {@code log.store: parquet} ({@link ParquetLayout})
 * through an in-memory DuckDB, into the same records and with the same sinks as the H2 reads
 * ({@link TickRows}), so both stores give the same rows and leave out the same forgotten ones.
 * Only ticks up to the caller's last committed tick are read: files of a tick whose H2 {@code
 * ticks} row never committed are ignored.
 *
 * <p>Not thread-safe; one connection, closed with the reader.
 */
final class ParquetTickReader implements TickTableReader {

    private final Path runDir;
    private final String exposureTable;
    private final Connection duck;
    private final Connection h2;

    /** Reads the files of {@code runDir}; {@code h2} is the run database's connection (click probabilities). */
    ParquetTickReader(Path runDir, Connection h2) throws SQLException {
        this(runDir, ParquetLayout.exposureTable(runDir), openDuckDb(), h2);
    }

    ParquetTickReader(Path runDir, String exposureTable, Connection duck, Connection h2) {
        this.runDir = runDir;
        this.exposureTable = exposureTable;
        this.duck = duck;
        this.h2 = h2;
    }

    /** An in-memory DuckDB: nothing is written, Parquet is read through {@code read_parquet}. */
    static Connection openDuckDb() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver"); // a shaded or plugin class path may skip the service file
        } catch (ClassNotFoundException e) {
            throw new SQLException("the DuckDB driver is not on the class path (needed by log.store: parquet)", e);
        }
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    @Override
    public LogReader.Events events(int tick, Forgotten f) throws SQLException {
        TickRows.EventRows rows = new TickRows.EventRows(f);
        each(ParquetLayout.EVENTS, tick, TickRows.EVENT_COLUMNS, "id", rows);
        return rows.finish();
    }

    @Override
    public LogReader.Exposures exposures(int tick, Forgotten f) throws SQLException {
        try (TickRows.TruthCursor truth = new TickRows.TruthCursor(h2, tick, tick)) {
            TickRows.Sink<LogReader.Exposures> rows = sink(f, truth);
            each(exposureTable, tick, columns(), slates() ? "first_exposure_id" : "id", rows);
            return rows.finish();
        }
    }

    @Override
    public TickStream<LogReader.Events> eventsByTick(int last, Forgotten f) {
        return new TickStream<>(last, t -> read(() -> events(t, f)), () -> new TickRows.EventRows(f), null);
    }

    @Override
    public TickStream<LogReader.Exposures> exposuresByTick(int last, Forgotten f) {
        return new TickStream<>(last, t -> read(() -> exposures(t, f)), () -> new TickRows.ExposureRows(f), null);
    }

    @Override
    public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) throws SQLException {
        return clicks(fromTick, toTick, numUsers, numItems, "");
    }

    /**
     * Clicks of the files of ticks {@code [fromTick, toTick]}, with the rows of {@code staged} (a
     * {@code UNION ALL SELECT id, user_id, item_id, tick ...} of rows not yet in a file, or "").
     */
    Interactions clicks(int fromTick, int toTick, int numUsers, int numItems, String staged) throws SQLException {
        List<Path> files = ParquetLayout.files(runDir, ParquetLayout.EVENTS, fromTick, toTick);
        String fromFiles = files.isEmpty() ? null : "SELECT id, user_id, item_id, tick FROM read_parquet("
                + ParquetLayout.literals(files) + ", hive_partitioning = true) WHERE type = " + EventType.CLICK.code();
        String sql = fromFiles == null ? (staged.isEmpty() ? null : staged.substring("UNION ALL ".length()))
                : fromFiles + staged;
        GrowingColumns.Longs ids = new GrowingColumns.Longs();
        GrowingColumns.Ints users = new GrowingColumns.Ints();
        GrowingColumns.Ints items = new GrowingColumns.Ints();
        GrowingColumns.Ints ticks = new GrowingColumns.Ints();
        if (sql != null) {
            try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    users.add(rs.getInt(2));
                    items.add(rs.getInt(3));
                    ticks.add(rs.getInt(4));
                }
            }
        }
        return ClickScan.inIdOrder(ids.toArray(), users.toArray(), items.toArray(), ticks.toArray(), numUsers,
                numItems);
    }

    /** The next exposure and event ids after the files of ticks up to {@code lastTick}. */
    long[] nextIds(int lastTick) throws SQLException {
        String exposureEnd = slates() ? "first_exposure_id + len(items)" : "id + 1";
        return new long[] {max(exposureTable, exposureEnd, lastTick), max(ParquetLayout.EVENTS, "id + 1", lastTick)};
    }

    private long max(String table, String end, int lastTick) throws SQLException {
        List<Path> files = ParquetLayout.files(runDir, table, Integer.MIN_VALUE, lastTick);
        if (files.isEmpty()) {
            return 0;
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + end
                + "), 0) FROM read_parquet(" + ParquetLayout.literals(files) + ", hive_partitioning = false)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean slates() {
        return ParquetLayout.SLATES.equals(exposureTable);
    }

    private String columns() {
        return slates() ? TickRows.SLATE_COLUMNS : TickRows.EXPOSURE_ROW_COLUMNS;
    }

    private TickRows.Sink<LogReader.Exposures> sink(Forgotten f, TickRows.TruthCursor truth) {
        return slates() ? TickRows.slateRowSink(f, truth) : TickRows.exposureRowSink(f, truth);
    }

    /** Hands the rows of a tick's file (if any) to {@code sink}, with the tick in column 1, in id order. */
    private void each(String table, int tick, String columns, String order, TickRows.Sink<?> sink)
            throws SQLException {
        Path file = ParquetLayout.file(runDir, table, tick);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return;
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT " + tick + " AS tick, "
                + columns + " FROM read_parquet(" + ParquetLayout.literal(file) + ", hive_partitioning = false)"
                + " ORDER BY " + order)) {
            while (rs.next()) {
                sink.accept(rs);
            }
        }
    }

    /** A read that may throw, as a read of the log. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Read<T> body) {
        try {
            return body.run();
        } catch (SQLException e) {
            throw new LogReadException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        duck.close();
    }
}
