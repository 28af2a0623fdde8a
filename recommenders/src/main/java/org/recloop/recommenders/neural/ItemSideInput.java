package org.recloop.recommenders.neural;

import org.recloop.core.world.Catalog;

/**
 * What the two-tower model's item tower knows of an item besides its id: the row
 * {@code [text embedding | attributes]}, item-major, {@code width()} wide. The attributes are the
 * catalog's item feature vectors (the ones content filtering reads); a catalog whose features are
 * all zero (rating files, worlds without attributes) contributes none, so the width says only
 * what carries information.
 *
 * <p>Why both: titles exist for real catalogs and LLM agents' posts, attributes for every item of
 * a synthetic world, including the ones interventions add, which have no title. Either lets an
 * item nobody has clicked be scored.
 */
record ItemSideInput(float[] rows, int width, int textWidth, int featureWidth) {

    /**
     * @param text item-major text rows {@code textWidth} wide, or null
     * @param catalog the items' attributes, or null for none
     * @param items rows wanted
     */
    static ItemSideInput of(float[] text, int textWidth, Catalog catalog, int items) {
        int fw = catalog != null && hasFeatures(catalog, items) ? catalog.dim() : 0;
        int tw = text == null ? 0 : textWidth;
        int w = tw + fw;
        if (w == 0) {
            return new ItemSideInput(null, 0, 0, 0);
        }
        if (fw == 0) {
            return new ItemSideInput(text, tw, tw, 0);
        }
        float[] rows = new float[items * w];
        float[] f = catalog.features();
        int known = Math.min(items, catalog.size());
        for (int i = 0; i < items; i++) {
            if (tw > 0) {
                System.arraycopy(text, i * tw, rows, i * w, tw);
            }
            if (i < known) {
                System.arraycopy(f, i * fw, rows, i * w + tw, fw);
            }
        }
        return new ItemSideInput(rows, w, tw, fw);
    }

    private static boolean hasFeatures(Catalog catalog, int items) {
        if (catalog.dim() == 0) {
            return false;
        }
        float[] f = catalog.features();
        int n = Math.min(items, catalog.size()) * catalog.dim();
        for (int k = 0; k < n; k++) {
            if (f[k] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** For the log: which parts the tower reads. */
    String describe() {
        if (width == 0) {
            return "none (ids only)";
        }
        return (textWidth > 0 ? "text " + textWidth : "no text") + ", " + (featureWidth > 0 ? "attributes " + featureWidth
                : "no attributes");
    }
}
