package org.recloop.core.world.synthetic;

/** Small in-place helpers on float vectors stored in flat arrays. */
final class Vectors {
    private Vectors() {}

    static void normalize(float[] v, int offset, int dim) {
        double n = 0;
        for (int f = 0; f < dim; f++) {
            n += (double) v[offset + f] * v[offset + f];
        }
        if (n == 0) {
            v[offset] = 1f;
            return;
        }
        float inv = (float) (1.0 / Math.sqrt(n));
        for (int f = 0; f < dim; f++) {
            v[offset + f] *= inv;
        }
    }
}
