/**
 * The event log: SPI ({@link org.recloop.core.log.EventLog}) and its H2 implementation, one file
 * database per run, written by a background thread through HikariCP.
 *
 * <p>Three parts, so that the features built on the log (export, unlearning studies, the GUI)
 * each meet one of them and none needs to know SQL:
 * <ul>
 *   <li>the schema, {@code LogSchema}: the one place that declares the tables, their columns and
 *       the exposures view over slate storage;</li>
 *   <li>the writer: {@link org.recloop.core.log.H2EventLog} decides what is staged and copies what
 *       the simulation thread keeps changing; {@code WriterThread} runs the staged tasks on its
 *       own connection, with bounded back-pressure and a failure path that never hangs (a full
 *       disk fails the next call instead of blocking it); {@code RowInserts} binds the rows, the
 *       per-tick tables through {@code MultiRowInsert} without allocating per row;
 *       {@code LogRecovery} copies the committed ticks of a killed run;</li>
 *   <li>the reader, {@link org.recloop.core.log.LogReader}: every read of a run (the kernel's
 *       {@code clicks} for fit, offline evaluation, metrics replay, reports) goes through it.
 *       Why one reader: the rules of what may be read live in one place. Only ticks committed as
 *       a whole are returned, and rows a forget request covers never are, whatever the tick of
 *       the request; a second reader with its own SQL would have to repeat both rules and would
 *       sooner or later forget one. Results are records of primitive arrays (one entry per row),
 *       the shape the hot paths (fit, replay) use anyway.</li>
 * </ul>
 * The two big per-tick tables (events, and slates or exposures) sit behind one small interface
 * on each side, {@code TickTableWriter} and {@code TickTableReader}: in the H2 database, or
 * ({@code log.store: parquet}) in Parquet files partitioned by tick under {@code <run>/log/}
 * ({@code ParquetLayout}), written and read through an in-memory DuckDB by the {@code Parquet*}
 * classes, the only ones of the kernel that use DuckDB. The H2 {@code ticks} row still marks a
 * committed tick: a tick's files are renamed into place just before it commits, and readers
 * ignore files of later ticks.
 * No code outside this package runs SQL on the run tables or uses JDBC at all (the LLM
 * package's own response cache excepted); an architecture test in the scenarios module checks
 * it. Addresses of databases are built by {@link org.recloop.core.log.H2Url} only.
 */
package org.recloop.core.log;
