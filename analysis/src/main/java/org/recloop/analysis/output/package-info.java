/** Writers of a run's outputs besides the database (metrics.csv). */
package org.recloop.analysis.output;
