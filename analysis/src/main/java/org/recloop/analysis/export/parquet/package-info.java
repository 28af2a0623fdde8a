/**
 * Parquet output through DuckDB's JDBC driver: the one package of the analysis module allowed to
 * use JDBC, and only on an in-memory DuckDB that never touches a run's database (the
 * architecture test keeps both rules).
 */
package org.recloop.analysis.export.parquet;
