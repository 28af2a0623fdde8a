package org.recloop.core.log;

/**
 * What {@link H2EventLog#recover} did to a run that stopped uncleanly.
 *
 * @param status the run's status before recovery
 * @param lastCommittedTick the last tick committed as a whole
 * @param rowsRemoved rows of later, uncommitted ticks that were removed; the Parquet files of
 *     those ticks, if the run keeps its events there, are deleted too
 * @param csvRowsRemoved rows of metrics.csv after the last committed tick that were removed
 */
public record Recovery(String status, int lastCommittedTick, long rowsRemoved, int csvRowsRemoved) {}
