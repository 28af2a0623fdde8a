package org.recloop.core.log;

import java.sql.SQLException;
import org.recloop.core.serve.Interactions;

/**
 * Where {@link LogReader} reads the two big per-tick tables (events, and slates or exposures)
 * from: the run's H2 database ({@link H2TickReader}) or its Parquet files ({@link
 * ParquetTickReader}), chosen once when the reader opens, so no caller branches on the store.
 * Every method sees only what the caller passes as committed and leaves out what {@code f} covers,
 * as {@link LogReader} documents.
 */
interface TickTableReader extends AutoCloseable {

    /** The events of a committed tick, in id order. */
    LogReader.Events events(int tick, Forgotten f) throws SQLException;

    /** The exposures of a committed tick, in id order, with the recorded click probabilities. */
    LogReader.Exposures exposures(int tick, Forgotten f) throws SQLException;

    /** The events of ticks up to {@code last}, a tick at a time. */
    TickStream<LogReader.Events> eventsByTick(int last, Forgotten f) throws SQLException;

    /** The exposures of ticks up to {@code last}, a tick at a time. */
    TickStream<LogReader.Exposures> exposuresByTick(int last, Forgotten f) throws SQLException;

    /** Clicks of ticks {@code [fromTick, toTick]} in id order, forgotten ones included (see {@link ClickScan}). */
    Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) throws SQLException;

    @Override
    void close() throws SQLException;
}
