/**
 * Loaders of real data files (edge lists, catalogs, interaction logs) with line-precise errors.
 * Every loader opens its file through one path that skips a UTF-8 byte-order mark, counts what it
 * read, dropped and merged in a {@link org.recloop.core.world.LoadReport}, and refuses instead under
 * a strict {@link org.recloop.core.world.LoadPolicy}.
 */
package org.recloop.core.world.io;
