package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves one row of implicit ALS (Hu, Koren and Volinsky 2008) against the fixed factors of the
 * other side: {@code (FᵀF + Σ_j (c_j - 1) f_j f_jᵀ + λI) x = Σ_j c_j p_j f_j}. The fit and the
 * finetune unlearning ({@link AlsUnlearning}) solve the same equations, so that a re-solved row
 * is the row a fit would have produced from the same data.
 *
 * <p>One instance per worker: it holds the dense buffers and the Cholesky solver, reused from row
 * to row. The Gram matrix {@code FᵀF} is summed once per half-step by {@link #gram} and shared by
 * every worker. Every sum runs in a fixed order, so a row's result does not depend on the thread
 * count.
 */
final class AlsRowSolver {
    private final int d;
    private final double lambda;
    private final DMatrixRMaj a;
    private final DMatrixRMaj rhs;
    private final DMatrixRMaj sol;
    private final LinearSolverDense<DMatrixRMaj> solver;

    /** @param lambda the L2 weight added to the diagonal */
    AlsRowSolver(int d, double lambda) {
        this.d = d;
        this.lambda = lambda;
        this.a = new DMatrixRMaj(d, d);
        this.rhs = new DMatrixRMaj(d, 1);
        this.sol = new DMatrixRMaj(d, 1);
        this.solver = LinearSolverFactory_DDRM.chol(d);
    }

    /** {@code FᵀF} of the factor rows {@code fixed} ({@code d} per row), in double, summed in row order. */
    static double[] gram(float[] fixed, int d) {
        double[] gram = new double[d * d];
        int rows = fixed.length / d;
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            for (int a = 0; a < d; a++) {
                double va = fixed[o + a];
                if (va == 0) {
                    continue;
                }
                for (int b = a; b < d; b++) {
                    gram[a * d + b] += va * fixed[o + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * d + b] = gram[b * d + a];
            }
        }
        return gram;
    }

    /** Starts a row: the matrix is {@code gram}, the right-hand side 0. */
    void start(double[] gram) {
        System.arraycopy(gram, 0, a.data, 0, d * d);
        Arrays.fill(rhs.data, 0);
    }

    /** Adds an observed pair with the factor row of {@code fixed} at offset {@code o}: preference 1, confidence {@code conf}. */
    void addPositive(float[] fixed, int o, double conf) {
        addOuter(fixed, o, conf - 1);
        double[] bd = rhs.data;
        for (int i = 0; i < d; i++) {
            bd[i] += conf * fixed[o + i];
        }
    }

    /** Adds {@code w · f fᵀ} (upper triangle) for the factor row of {@code fixed} at offset {@code o}. */
    void addOuter(float[] fixed, int o, double w) {
        double[] ad = a.data;
        for (int i = 0; i < d; i++) {
            double ci = w * fixed[o + i];
            for (int k = i; k < d; k++) {
                ad[i * d + k] += ci * fixed[o + k];
            }
        }
    }

    /** Adds λ to the diagonal, solves, and writes the solution as row {@code row} of {@code target}. */
    void solveInto(float[] target, int row) {
        double[] ad = a.data;
        for (int i = 0; i < d; i++) {
            ad[i * d + i] += lambda;
            for (int k = 0; k < i; k++) {
                ad[i * d + k] = ad[k * d + i];
            }
        }
        if (!solver.setA(a)) {
            throw new IllegalStateException("ALS normal equations not positive definite at row " + row);
        }
        solver.solve(rhs, sol);
        for (int i = 0; i < d; i++) {
            target[row * d + i] = (float) sol.data[i];
        }
    }
}
