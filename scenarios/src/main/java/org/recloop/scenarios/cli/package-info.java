/** The {@code recloop} command line (picocli). Prints for people; machines read the run folder. */
package org.recloop.scenarios.cli;
