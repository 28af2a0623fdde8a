package org.recloop.core.world;

/** Topic geometry derived from a catalog. */
public final class Topics {
    private Topics() {}

    /** Number of topics: 1 + the largest topic id (at least 1). */
    public static int count(Catalog catalog) {
        int topics = 0;
        for (int i = 0; i < catalog.size(); i++) {
            topics = Math.max(topics, catalog.topic(i) + 1);
        }
        return Math.max(topics, 1);
    }

    /** Unit mean feature direction of each topic's items, topic-major. */
    public static float[] centres(Catalog catalog) {
        int dim = catalog.dim();
        int topics = count(catalog);
        float[] c = new float[topics * dim];
        for (int i = 0; i < catalog.size(); i++) {
            int t = Math.max(0, catalog.topic(i));
            for (int f = 0; f < dim; f++) {
                c[t * dim + f] += catalog.feature(i, f);
            }
        }
        for (int t = 0; t < topics; t++) {
            double n = 0;
            for (int f = 0; f < dim; f++) {
                n += (double) c[t * dim + f] * c[t * dim + f];
            }
            if (n > 0) {
                float inv = (float) (1 / Math.sqrt(n));
                for (int f = 0; f < dim; f++) {
                    c[t * dim + f] *= inv;
                }
            }
        }
        return c;
    }

    /** The topic whose centre is closest (largest dot product) to {@code vec[offset..]}. */
    public static int nearest(float[] centres, int dim, float[] vec, int offset) {
        int best = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        int topics = centres.length / dim;
        for (int t = 0; t < topics; t++) {
            double d = 0;
            for (int f = 0; f < dim; f++) {
                d += centres[t * dim + f] * vec[offset + f];
            }
            if (d > bestDot) {
                bestDot = d;
                best = t;
            }
        }
        return best;
    }
}
