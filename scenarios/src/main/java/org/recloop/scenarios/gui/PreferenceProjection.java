package org.recloop.scenarios.gui;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A 2-D map of latent vectors by principal component analysis: the two directions along which the
 * given vectors (items and the drawn users together, so both live on one map) vary most.
 *
 * <p>Refitted as preferences drift. An eigenvector's sign is arbitrary, so each refit turns its
 * axes to agree with the previous fit's: the map does not flip from one refresh to the next.
 */
final class PreferenceProjection {

    private final int dim;
    private double[] mean;
    private double[][] axes; // [2][dim]

    PreferenceProjection(int dim) {
        this.dim = dim;
    }

    /**
     * Fits the projection to {@code rows} vectors of {@code dim} floats, the vector of row {@code
     * r} starting at {@code offsets[r]} of {@code data[r]}.
     */
    void fit(float[][] data, int[] offsets, int rows) {
        double[] m = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int d = 0; d < dim; d++) {
                m[d] += data[r][offsets[r] + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            m[d] /= Math.max(1, rows);
        }
        double[][] cov = new double[dim][dim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dim; i++) {
                double xi = data[r][offsets[r] + i] - m[i];
                for (int j = i; j < dim; j++) {
                    cov[i][j] += xi * (data[r][offsets[r] + j] - m[j]);
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        double[][] next = new double[2][];
        if (dim == 1) {
            next[0] = new double[] {1};
            next[1] = new double[] {0};
        } else {
            RealMatrix c = MatrixUtils.createRealMatrix(cov);
            // symmetric: commons-math returns eigenvalues in descending order
            EigenDecomposition eig = new EigenDecomposition(c);
            for (int k = 0; k < 2; k++) {
                next[k] = eig.getEigenvector(k).toArray();
                if (axes != null && dot(next[k], axes[k]) < 0) {
                    for (int d = 0; d < dim; d++) {
                        next[k][d] = -next[k][d];
                    }
                }
            }
        }
        mean = m;
        axes = next;
    }

    /** Coordinate {@code k} (0 or 1) of the vector at {@code offset} of {@code v}; 0 before the first fit. */
    double coordinate(int k, float[] v, int offset) {
        if (axes == null) {
            return 0;
        }
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += (v[offset + d] - mean[d]) * axes[k][d];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
