package org.recloop.recommenders.content;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Many NNLS problems {@code min_{θ ≥ 0} θᵀGθ/2 - bᵀθ} with one shared Gram matrix G (the counts
 * fit of {@code content-nnls}), solved by the same cyclic coordinate descent as {@link
 * NnlsContentRecommender#solve}, with the same floating-point operations in the same order for
 * each problem: every profile is bit for bit what the one-problem solver gives.
 *
 * <p>Why: one problem's sweep is a chain of dependent additions (the gradient of coordinate j),
 * so a solver spends its time waiting on latency. Here {@link #LANES} problems advance together,
 * stored coordinate-major ({@code th[c][l]}), so each step of the chain is a multiply-add
 * over contiguous lanes, which the JIT vectorises. Blocks of lanes are independent, so they are
 * spread over the pool; the result does not depend on the pool's size.
 */
final class SharedGramNnls {

    /** Problems solved together; a block of coordinates × lanes (20 × 64 doubles) stays in L1. */
    static final int LANES = 64;

    private SharedGramNnls() {}

    /**
     * Solves {@code G θ_u = b[u]} under {@code θ ≥ 0} for every u with {@code b[u] != null}
     * (d-dimensional; G is d × d, row-major); null for the others. {@code executor} may be null.
     */
    static float[][] solveAll(double[] g, double[][] b, int d, int sweeps, double ridge, ExecutorService executor,
            int parallelism) {
        int[] who = new int[b.length];
        int m = 0;
        for (int u = 0; u < b.length; u++) {
            if (b[u] != null) {
                who[m++] = u;
            }
        }
        float[][] out = new float[b.length][];
        int blocks = (m + LANES - 1) / LANES;
        int tasks = executor == null ? 1 : Math.min(blocks, Math.max(1, parallelism) * 4);
        if (tasks <= 1) {
            solveBlocks(g, b, d, sweeps, ridge, who, m, 0, blocks, out);
            return out;
        }
        int count = m;
        List<Future<?>> done = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int from = (int) ((long) blocks * t / tasks);
            int to = (int) ((long) blocks * (t + 1) / tasks);
            done.add(executor.submit(() -> solveBlocks(g, b, d, sweeps, ridge, who, count, from, to, out)));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("content-nnls: interrupted while solving profiles", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("content-nnls: a profile solve failed", e.getCause());
        }
        return out;
    }

    /** Blocks {@code [from, to)} of LANES problems each, of the m problems {@code who[0..m)}. */
    private static void solveBlocks(double[] g, double[][] b, int d, int sweeps, double ridge, int[] who, int m,
            int from, int to, float[][] out) {
        double[][] th = new double[d][LANES];
        double[][] rhs = new double[d][LANES];
        double[] grad = new double[LANES];
        for (int blk = from; blk < to; blk++) {
            int first = blk * LANES;
            int n = Math.min(LANES, m - first);
            for (int c = 0; c < d; c++) {
                java.util.Arrays.fill(th[c], 0);
                java.util.Arrays.fill(rhs[c], 0); // lanes past n solve b = 0 and are dropped
            }
            for (int l = 0; l < n; l++) {
                double[] bu = b[who[first + l]];
                for (int c = 0; c < d; c++) {
                    rhs[c][l] = bu[c];
                }
            }
            sweep(g, d, sweeps, ridge, th, rhs, grad);
            for (int l = 0; l < n; l++) {
                float[] p = new float[d];
                for (int c = 0; c < d; c++) {
                    p[c] = (float) th[c][l];
                }
                out[who[first + l]] = p;
            }
        }
    }

    /**
     * The coordinate-descent passes of {@link NnlsContentRecommender#solve}, LANES problems at
     * once; one array per coordinate, indexed from 0, because Java 17's JIT vectorises lane loops
     * over arrays that start at 0 and not over offset ranges.
     */
    private static void sweep(double[] g, int d, int sweeps, double ridge, double[][] th, double[][] rhs,
            double[] grad) {
        for (int it = 0; it < sweeps; it++) {
            for (int j = 0; j < d; j++) {
                double gjj = g[j * d + j] + ridge;
                if (gjj <= 0) {
                    continue;
                }
                double[] thj = th[j];
                double[] bj = rhs[j];
                for (int l = 0; l < LANES; l++) {
                    grad[l] = -bj[l] + ridge * thj[l];
                }
                for (int c = 0; c < d; c++) {
                    double gjc = g[j * d + c];
                    double[] thc = th[c];
                    for (int l = 0; l < LANES; l++) {
                        grad[l] += gjc * thc[l];
                    }
                }
                for (int l = 0; l < LANES; l++) {
                    thj[l] = Math.max(0, thj[l] - grad[l] / gjj);
                }
            }
        }
    }
}
