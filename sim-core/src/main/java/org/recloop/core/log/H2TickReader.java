package org.recloop.core.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.recloop.core.serve.Interactions;

/** The events and exposures tables of the run's H2 database ({@link TickTableReader}). */
final class H2TickReader implements TickTableReader {

    private final Connection c;
    private final String url;

    /** Reads on {@code c} (owned by the caller); streamed reads open lazy connections to {@code url}. */
    H2TickReader(Connection c, String url) {
        this.c = c;
        this.url = url;
    }

    @Override
    public LogReader.Events events(int tick, Forgotten f) throws SQLException {
        TickRows.EventRows rows = new TickRows.EventRows(f);
        eachRowOfTick("SELECT tick, " + TickRows.EVENT_COLUMNS + " FROM events WHERE tick = ? ORDER BY id", tick, rows);
        return rows.finish();
    }

    @Override
    public LogReader.Exposures exposures(int tick, Forgotten f) throws SQLException {
        TickRows.ExposureRows rows = new TickRows.ExposureRows(f);
        boolean truth = LogSchema.hasTable(c, "exposure_truth");
        eachRowOfTick("SELECT e.tick, " + TickRows.exposureColumns(truth) + TickRows.exposuresFrom(truth)
                + " WHERE e.tick = ? ORDER BY e.id", tick, rows);
        return rows.finish();
    }

    @Override
    public TickStream<LogReader.Events> eventsByTick(int last, Forgotten f) throws SQLException {
        return new TickStream<>(lazyConnection(), null, "SELECT tick, " + TickRows.EVENT_COLUMNS
                + " FROM events WHERE tick <= ? ORDER BY _ROWID_", last, () -> new TickRows.EventRows(f));
    }

    /**
     * The slates table (or exposure rows) in storage order, with the recorded click probabilities
     * merged in by id, so neither a sort nor a join holds rows in memory.
     */
    @Override
    public TickStream<LogReader.Exposures> exposuresByTick(int last, Forgotten f) throws SQLException {
        Connection lazy = lazyConnection();
        TickRows.TruthCursor truth = new TickRows.TruthCursor(lazyConnection(), last);
        if (LogSchema.slateMaxLength(c) > 0) {
            return new TickStream<>(lazy, truth, "SELECT tick, " + TickRows.SLATE_COLUMNS
                    + " FROM slates WHERE tick <= ? ORDER BY _ROWID_", last, () -> TickRows.slateRowSink(f, truth));
        }
        return new TickStream<>(lazy, truth, "SELECT tick, " + TickRows.EXPOSURE_ROW_COLUMNS
                + " FROM exposures WHERE tick <= ? ORDER BY _ROWID_", last, () -> TickRows.exposureRowSink(f, truth));
    }

    @Override
    public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) throws SQLException {
        return ClickScan.read(c, fromTick, toTick, numUsers, numItems);
    }

    /**
     * A second connection to the database whose queries fetch rows as they are read (H2's lazy
     * execution) instead of materialising the result, for the streamed reads.
     */
    private Connection lazyConnection() throws SQLException {
        Connection lazy = DriverManager.getConnection(url, "sa", "");
        try (Statement st = lazy.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        return lazy;
    }

    /** Runs {@code sql}, whose one parameter is the tick, handing each row to {@code sink} in result order. */
    private void eachRowOfTick(String sql, int tick, TickRows.Sink<?> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, tick);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs);
                }
            }
        }
    }

    @Override
    public void close() {
        // the connection is the LogReader's
    }
}
