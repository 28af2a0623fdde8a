package org.recloop.scenarios.gui;

import org.recloop.core.world.Catalog;

/**
 * One drawn item, as MASON's inspector shows it; exposures are the platform's cumulative count
 * at the map's last refresh, which also sizes the item on the map.
 */
public final class ItemNode {

    private final Catalog catalog;
    private final int id;
    long exposures;

    ItemNode(Catalog catalog, int id) {
        this.catalog = catalog;
        this.id = id;
    }

    int id() {
        return id;
    }

    public int getId() {
        return id;
    }

    public String getTitle() {
        return catalog.title(id).orElse("");
    }

    public int getTopic() {
        return catalog.topic(id);
    }

    public int getCreator() {
        return catalog.creator(id);
    }

    public double getQuality() {
        return catalog.quality(id);
    }

    public int getCreatedTick() {
        return catalog.createdTick(id);
    }

    public boolean isRetired() {
        return catalog.isRetired(id);
    }

    /** Times the item was shown in a slate since the start. */
    public long getExposures() {
        return exposures;
    }

    /** The item's latent feature vector. */
    public double[] getFeatures() {
        double[] out = new double[catalog.dim()];
        for (int d = 0; d < out.length; d++) {
            out[d] = catalog.feature(id, d);
        }
        return out;
    }

    @Override
    public String toString() {
        return "item " + id;
    }
}
