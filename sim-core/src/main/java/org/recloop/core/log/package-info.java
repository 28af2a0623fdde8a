/**
 * The event log: SPI ({@link org.recloop.core.log.EventLog}) and its H2 implementation, one file
 * database per run, written by a background thread through HikariCP.
 */
package org.recloop.core.log;
