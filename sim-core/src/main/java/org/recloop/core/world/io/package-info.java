/** Loaders of real data files (edge lists, catalogs, interaction logs) with line-precise errors. */
package org.recloop.core.world.io;
