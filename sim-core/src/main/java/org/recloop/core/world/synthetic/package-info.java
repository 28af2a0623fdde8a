/** Synthetic worlds: topic-clustered catalogs and populations with heavy-tailed activity. */
package org.recloop.core.world.synthetic;
