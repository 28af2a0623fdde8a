package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.SparseMatrix;
import org.recloop.recommenders.TrainingBlocks;

/**
 * Reverse fine-tuning of an implicit ALS model ({@code finetune} unlearning): instead of a full
 * refit, only the factors the forgotten data touched are solved again, a few alternating
 * half-steps, with the forgotten pairs kept in the objective as negatives: preference 0 with
 * confidence {@code 1 + forgetWeight * alpha * r}, where {@code 1 + alpha * r} was their confidence
 * as positives. The plain ALS objective would give them confidence 1, the weight of any unobserved
 * pair; the extra confidence is the reverse objective. It makes up for the few steps allowed: the
 * factors of everyone else still carry what the forgotten pairs taught them, and a warm-started
 * re-solve with weight 0 leaves the pairs' recall above the retrained model's. Too much weight
 * over-forgets instead: with weight 1 the pairs sink far below where a model that never saw them
 * would rank them, which a membership attack detects as well as remembering (the forgotten items
 * rank below never-seen ones). The default weight is chosen on validation data (see {@link
 * ImplicitAlsRecommender.Params#FORGET_WEIGHT}).
 *
 * <ul>
 *   <li>users: their factors are dropped (the users become unknown to the model) and the factors
 *       of the items they had are solved again on the retained data;</li>
 *   <li>interactions: the pairs' users, then items, then users again are solved with the
 *       reverse terms;</li>
 *   <li>items: their factors are dropped and the users who had them are solved again.</li>
 * </ul>
 *
 * <p>Work: one Gram matrix per half-step, O((users + items) d²), plus O(nnz_touched d² + touched
 * d³) for the solves; a refit costs {@code iterations} times O(nnz d² + (users + items) d³).
 * Deterministic: fixed row blocks, each written by one task.
 */
final class AlsUnlearning {

    private static final int BLOCK = 64;
    /** Alternating half-steps (users, items, users) for interactions. */
    private static final int ROUNDS = 2;

    private final double alpha;
    private final double lambda;
    private final double forgetWeight;

    AlsUnlearning(double alpha, double lambda, double forgetWeight) {
        this.alpha = alpha;
        this.lambda = lambda;
        this.forgetWeight = forgetWeight;
    }

    /**
     * New factors after forgetting; {@code x}, {@code y} and {@code known} are updated in place
     * (the caller passes copies).
     *
     * @param retained user-major retained data, weighted as the fit weighted it
     */
    void apply(ForgetRequest r, ForgetPairs gone, SparseMatrix retained, float[] x, float[] y, boolean[] known,
            int d, TrainContext ctx) {
        SparseMatrix retainedByItem = retained.transpose(y.length / d);
        switch (r.scope()) {
            case USERS -> {
                for (int u : gone.distinctUsers()) {
                    Arrays.fill(x, u * d, u * d + d, 0f);
                    known[u] = false;
                }
                solve(gone.distinctItems(), retainedByItem, null, x, y, d, ctx);
            }
            case ITEMS -> {
                for (int i : gone.distinctItems()) {
                    Arrays.fill(y, i * d, i * d + d, 0f);
                }
                solve(gone.distinctUsers(), retained, null, y, x, d, ctx);
            }
            case INTERACTIONS -> {
                SparseMatrix reverseByUser = reverse(gone.users(), gone.items(), gone.values(), x.length / d);
                SparseMatrix reverseByItem = reverseByUser.transpose(y.length / d);
                int[] users = gone.distinctUsers();
                int[] items = gone.distinctItems();
                for (int round = 0; round < ROUNDS; round++) {
                    solve(users, retained, reverseByUser, y, x, d, ctx);
                    solve(items, retainedByItem, reverseByItem, x, y, d, ctx);
                }
                solve(users, retained, reverseByUser, y, x, d, ctx);
            }
        }
        for (int u : gone.distinctUsers()) {
            known[u] = retained.off()[u + 1] > retained.off()[u];
        }
    }

    /** The forgotten pairs as a sparse matrix of their values (user-major). */
    private static SparseMatrix reverse(int[] users, int[] items, float[] values, int rows) {
        int[] off = new int[rows + 1];
        for (int u : users) {
            off[u + 1]++;
        }
        for (int u = 0; u < rows; u++) {
            off[u + 1] += off[u];
        }
        // the pairs come sorted by user, then item
        return new SparseMatrix(off, items.clone(), values.clone());
    }

    /** Solves the rows {@code which} of {@code target} against {@code fixed}, with optional reverse terms. */
    private void solve(int[] which, SparseMatrix data, SparseMatrix reverse, float[] fixed, float[] target, int d,
            TrainContext ctx) {
        double[] gram = AlsRowSolver.gram(fixed, d);
        int blocks = (which.length + BLOCK - 1) / BLOCK;
        TrainingBlocks.run(blocks, ctx, b -> {
            AlsRowSolver solver = new AlsRowSolver(d, lambda);
            for (int k = b * BLOCK; k < Math.min(which.length, b * BLOCK + BLOCK); k++) {
                solveRow(which[k], data, reverse, fixed, target, gram, d, solver);
            }
        });
    }

    private void solveRow(int row, SparseMatrix data, SparseMatrix reverse, float[] fixed, float[] target,
            double[] gram, int d, AlsRowSolver solver) {
        solver.start(gram);
        boolean any = false;
        for (int j = data.off()[row]; j < data.off()[row + 1]; j++) {
            solver.addPositive(fixed, data.cols()[j] * d, 1 + alpha * data.vals()[j]);
            any = true;
        }
        if (!any) {
            Arrays.fill(target, row * d, row * d + d, 0f); // nothing retained: as a fit leaves it
            return;
        }
        if (reverse != null) {
            for (int j = reverse.off()[row]; j < reverse.off()[row + 1]; j++) {
                // preference 0 (nothing added to the right-hand side) with the pair's former confidence
                solver.addOuter(fixed, reverse.cols()[j] * d, forgetWeight * alpha * reverse.vals()[j]);
            }
        }
        solver.solveInto(target, row);
    }
}
