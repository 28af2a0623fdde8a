package org.recloop.core.act;

import org.recloop.core.world.Catalog;

/**
 * Appends items to the catalog ({@link Catalog#add}); the kernel logs what was appended. Draws
 * only from streams keyed by item id and tick.
 */
@FunctionalInterface
public interface NewItems {
    void addTo(Catalog catalog);
}
