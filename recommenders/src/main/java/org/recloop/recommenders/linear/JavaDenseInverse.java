package org.recloop.recommenders.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.recloop.recommenders.DenseInverse;

/**
 * The pure-Java inverse: EJML's Cholesky decomposition, in double, on the calling thread. Always
 * available (no native library), hence the fallback when PyTorch cannot be loaded; about 10 s
 * for 3,000 items on one core, so too slow for catalogs of MovieLens size.
 */
final class JavaDenseInverse implements DenseInverse {

    static final JavaDenseInverse INSTANCE = new JavaDenseInverse();

    private JavaDenseInverse() {}

    @Override
    public String name() {
        return "java-cholesky";
    }

    @Override
    public double[] invert(double[] a, int n) {
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        if (n == 0) {
            return inv.data;
        }
        DMatrixRMaj g = DMatrixRMaj.wrap(n, n, a);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(g)) {
            throw new IllegalStateException("the matrix is not positive definite");
        }
        solver.invert(inv);
        return inv.data;
    }
}
