package org.recloop.core.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One table's committed rows read in a single tick-ordered pass and handed out a tick at a time:
 * {@code tick(0)}, {@code tick(1)}, ... return what {@link LogReader#events(int)} or {@link
 * LogReader#exposures(int)} would, from one query instead of one query per tick (each of which
 * scans the table, as the tables have no index on the tick). An export of T ticks thus reads the
 * log once instead of T times.
 *
 * <p>Memory: one tick's rows and the query's cursor (H2 buffers a large sorted result on disk, not
 * in the heap). Not thread-safe; ticks must be asked for in ascending order. Close it (or the
 * reader) when done.
 *
 * @param <T> the per-tick record ({@link LogReader.Events} or {@link LogReader.Exposures})
 */
public final class TickStream<T> implements AutoCloseable {

    private final java.sql.Connection c;
    private final AutoCloseable companion;
    private final PreparedStatement ps;
    private final ResultSet rs;
    // a store with a file per tick reads each tick on its own (null: one query, above)
    private final java.util.function.IntFunction<T> perTick;
    private final Supplier<TickRows.Sink<T>> sinks;
    private final int last;
    private boolean onRow;
    private int lastAsked = Integer.MIN_VALUE;
    private int rowTick = Integer.MIN_VALUE;

    /**
     * {@code sql}: column 1 the tick, rows of ticks {@code <= ?} (bound to {@code last}) in storage
     * order, which is tick order (the writer appends tick after tick; checked as rows come). The
     * stream owns {@code c} (a lazy connection of its own, so rows are fetched as read rather than
     * materialised) and closes it, with {@code companion} (another cursor the sinks read), when closed.
     */
    TickStream(java.sql.Connection c, AutoCloseable companion, String sql, int last, Supplier<TickRows.Sink<T>> sinks)
            throws SQLException {
        this.c = c;
        this.companion = companion;
        this.sinks = sinks;
        this.last = last;
        this.ps = c.prepareStatement(sql);
        ps.setInt(1, last);
        ps.setFetchSize(10_000);
        this.rs = ps.executeQuery();
        this.perTick = null;
        this.onRow = advance();
    }

    /**
     * A stream over a store that keeps each tick apart (Parquet, a file per tick): {@code tick(t)}
     * is {@code read.apply(t)} for committed ticks; closing closes {@code owned}.
     */
    TickStream(int last, java.util.function.IntFunction<T> read, Supplier<TickRows.Sink<T>> empty,
            AutoCloseable owned) {
        this.c = null;
        this.companion = owned;
        this.ps = null;
        this.rs = null;
        this.sinks = empty;
        this.last = last;
        this.perTick = read;
    }

    private boolean advance() throws SQLException {
        if (!rs.next()) {
            return false;
        }
        int t = rs.getInt(1);
        if (t < rowTick) {
            throw new SQLException("rows of tick " + t + " stored after rows of tick " + rowTick
                    + ": the log is not in tick order");
        }
        rowTick = t;
        return true;
    }

    /**
     * The rows of {@code tick} (none beyond the last committed tick); rows of ticks skipped since the
     * previous call are passed over.
     *
     * @throws IllegalArgumentException if {@code tick} is not above the previous call's
     */
    public T tick(int tick) {
        if (tick <= lastAsked) {
            throw new IllegalArgumentException("ticks must ascend: asked for " + tick + " after " + lastAsked);
        }
        lastAsked = tick;
        TickRows.Sink<T> sink = sinks.get();
        if (tick > last) {
            return sink.finish();
        }
        if (perTick != null) {
            return perTick.apply(tick);
        }
        try {
            while (onRow && rs.getInt(1) < tick) {
                onRow = advance();
            }
            while (onRow && rs.getInt(1) == tick) {
                sink.accept(rs);
                onRow = advance();
            }
        } catch (SQLException e) {
            throw new LogReadException(e);
        }
        return sink.finish();
    }

    @Override
    public void close() {
        try (c; companion; ps; rs) {
            // closed in reverse order: the result, the statement, the sinks' cursor, the connection
        } catch (SQLException e) {
            throw new LogReadException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
