/**
 * Output folders shared between {@code recloop} commands: {@link org.recloop.scenarios.output.OutputLock}
 * keeps two commands from writing the same files at once.
 */
package org.recloop.scenarios.output;
