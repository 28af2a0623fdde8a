package org.recloop.core.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;

/**
 * Where {@link H2EventLog} writes the two big per-tick tables (events, and slates or exposures):
 * the run's H2 database ({@link #H2}) or Parquet files partitioned by tick ({@link
 * ParquetTickWriter}). Everything else (runs, ticks, metrics, interventions, ...) always goes to
 * H2, so the H2 {@code ticks} row stays the one mark of a committed tick.
 *
 * <p>Threading: every method runs on the log's writer thread, in staging order; {@code c} is the
 * writer's H2 connection, inside the tick's open transaction.
 */
interface TickTableWriter extends AutoCloseable {

    /** Row storage: one exposures row per logged position (see {@link RowInserts#exposureRows}). */
    void exposureRows(Connection c, int tick, SlateBatch slates, int[] offsets, long base, int rows, int version)
            throws SQLException;

    /** Slate storage: one slates row for each slate in {@code which} (see {@link RowInserts#slateRows}). */
    void slateRows(Connection c, int tick, SlateBatch slates, int[] offsets, int[] which, long base, int version)
            throws SQLException;

    /** The tick's events (see {@link RowInserts#events}). */
    void events(Connection c, int tick, EventBuffer events, long base, long[] exposureIds) throws SQLException;

    /**
     * Makes the tick's rows durable, just before the H2 transaction holding the tick's {@code ticks}
     * row commits: a crash in between leaves rows of a tick without its ticks row, which readers
     * ignore.
     */
    void commitTick(int tick) throws SQLException;

    /** Drops the rows staged since the last {@link #commitTick} (a tick that will not commit). */
    void rollback() throws SQLException;

    /**
     * Clicks of ticks {@code [fromTick, toTick]}, forgotten ones included, in id order, with the
     * rows staged for the tick in progress (see {@link ClickScan}).
     */
    Interactions clicks(Connection c, int fromTick, int toTick, int numUsers, int numItems) throws SQLException;

    /** The next exposure and event ids after the rows of ticks up to {@code lastTick} (ids are dense from 0). */
    long[] nextIds(Connection c, int lastTick) throws SQLException;

    @Override
    void close();

    /** The tables of the run's H2 database, in the writer's transaction. */
    TickTableWriter H2 = new TickTableWriter() {
        @Override
        public void exposureRows(Connection c, int tick, SlateBatch slates, int[] offsets, long base, int rows,
                int version) throws SQLException {
            RowInserts.exposureRows(c, tick, slates, offsets, base, rows, version);
        }

        @Override
        public void slateRows(Connection c, int tick, SlateBatch slates, int[] offsets, int[] which, long base,
                int version) throws SQLException {
            RowInserts.slateRows(c, tick, slates, offsets, which, base, version);
        }

        @Override
        public void events(Connection c, int tick, EventBuffer events, long base, long[] exposureIds)
                throws SQLException {
            RowInserts.events(c, tick, events, base, exposureIds);
        }

        @Override
        public void commitTick(int tick) {
            // the H2 transaction commits the rows
        }

        @Override
        public void rollback() {
            // the H2 transaction rolls the rows back
        }

        @Override
        public Interactions clicks(Connection c, int fromTick, int toTick, int numUsers, int numItems)
                throws SQLException {
            return ClickScan.read(c, fromTick, toTick, numUsers, numItems);
        }

        @Override
        public long[] nextIds(Connection c, int lastTick) throws SQLException {
            long[] n = new long[2];
            String[] tables = {"exposures", "events"};
            for (int i = 0; i < 2; i++) {
                try (Statement st = c.createStatement();
                        var rs = st.executeQuery("SELECT COALESCE(MAX(id) + 1, 0) FROM " + tables[i])) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
            return n;
        }

        @Override
        public void close() {}
    };
}
