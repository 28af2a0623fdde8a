/** Metrics SPI: online measurements of a tick, written to the metrics table. */
package org.recloop.core.metric;
