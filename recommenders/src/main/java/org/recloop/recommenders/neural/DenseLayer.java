package org.recloop.recommenders.neural;

/**
 * One fully connected layer in Java, {@code y = x·W + b} (optionally ReLU), for the parts of the
 * TIGER model evaluated outside PyTorch: RQ-VAE encoding and decoding of the catalog, and the
 * code decoder inside beam search, where one small matrix-vector product per beam costs less than
 * a round trip to native memory.
 */
final class DenseLayer {
    private DenseLayer() {}

    /** Rows {@code x [n, in]} through {@code w [in, out]} (row-major) and {@code b [out]}. */
    static float[] forward(float[] x, int n, int in, float[] w, float[] b, int out, boolean relu) {
        float[] y = new float[n * out];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                y[s * out + o] = b[o];
            }
            for (int k = 0; k < in; k++) {
                float xv = x[s * in + k];
                if (xv == 0f) {
                    continue;
                }
                for (int o = 0; o < out; o++) {
                    y[s * out + o] += xv * w[k * out + o];
                }
            }
            if (relu) {
                for (int o = 0; o < out; o++) {
                    y[s * out + o] = Math.max(0f, y[s * out + o]);
                }
            }
        }
        return y;
    }
}
