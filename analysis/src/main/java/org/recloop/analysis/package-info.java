/** Metrics (online per tick, and over the log), statistics, reports and dataset export. */
package org.recloop.analysis;
