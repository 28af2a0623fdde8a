package org.recloop.recommenders.mf;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.log.ForgetRequest;
import org.recloop.recommenders.SparseMatrix;

/**
 * Reverse fine-tuning of a BPR model ({@code finetune} unlearning), starting from the current
 * factors. Each of {@value #PASSES} passes takes, for every forgotten pair (u, i), one BPR step
 * with the roles swapped, a random item j the user did not click ranked above i: gradient ascent
 * on the pair's BPR loss, but bounded, since the swapped loss ln σ(ŷ_uj − ŷ_ui) saturates once i
 * sinks below j instead of pushing i's score to minus infinity. Its step size is {@code
 * forgetWeight} times the learning rate: the goal is the rank a model that never saw the pair
 * would give it, not the bottom, and full-size steps over-forget (recall@10 of the forgotten pairs
 * 0 where the retrained model had 0.4), which a membership attack detects as well as remembering.
 * The default weight is chosen on validation data (see {@link BprRecommender.Params#FORGET_WEIGHT}).
 * Each reverse step is followed by {@value #RETAINED_PER_PAIR} ordinary steps on retained
 * positives, drawn uniformly, that keep the rest of the model close to where it was.
 *
 * <p>Users scope: the steps move the item factors away from the users' items, then the users'
 * vectors are dropped (they become unknown). Items scope: the items' factors and biases are
 * zeroed (they are retired on the platform anyway) and their users' steps run as above.
 *
 * <p>Work: {@value #PASSES} × (1 + {@value #RETAINED_PER_PAIR}) steps per forgotten pair, against
 * {@code epochs} × nnz steps of a refit. Sequential, drawing from one stream: deterministic.
 */
final class BprUnlearning {

    static final int PASSES = 10;
    static final int RETAINED_PER_PAIR = 4;

    private final float lr;
    private final float reg;
    private final float forgetWeight;

    BprUnlearning(float lr, float reg, float forgetWeight) {
        this.lr = lr;
        this.reg = reg;
        this.forgetWeight = forgetWeight;
    }

    /** Updates {@code x}, {@code y}, {@code b} and {@code known} in place (the caller passes copies). */
    void apply(ForgetRequest r, ForgetPairs gone, SparseMatrix retained, float[] x, float[] y, float[] b,
            boolean[] known, int d, UniformRandomProvider rng) {
        int items = b.length;
        int[] off = retained.off();
        int[] cols = retained.cols();
        int nnz = cols.length;
        if (r.scope() == ForgetRequest.Scope.ITEMS) {
            for (int i : gone.distinctItems()) {
                Arrays.fill(y, i * d, i * d + d, 0f);
                b[i] = 0f;
            }
        }
        for (int pass = 0; pass < PASSES && gone.size() > 0; pass++) {
            for (int k = 0; k < gone.size(); k++) {
                int u = gone.users()[k];
                int i = gone.items()[k];
                if (r.scope() != ForgetRequest.Scope.ITEMS) {
                    int j = negative(rng, cols, off[u], off[u + 1], items, i);
                    if (j >= 0) {
                        step(x, y, b, d, u, j, i, lr * forgetWeight); // swapped: j above the forgotten i
                    }
                }
                for (int s = 0; s < RETAINED_PER_PAIR && nnz > 0; s++) {
                    int e = rng.nextInt(nnz);
                    int ru = rowOf(off, e);
                    int j = negative(rng, cols, off[ru], off[ru + 1], items, -1);
                    if (j >= 0) {
                        step(x, y, b, d, ru, cols[e], j, lr);
                    }
                }
            }
        }
        if (r.scope() == ForgetRequest.Scope.USERS) {
            for (int u : gone.distinctUsers()) {
                Arrays.fill(x, u * d, u * d + d, 0f);
            }
        }
        for (int u : gone.distinctUsers()) {
            known[u] = off[u + 1] > off[u];
        }
    }

    /** One SGD step on ln σ(ŷ_u,pos − ŷ_u,neg) with L2, as in {@link BprRecommender}. */
    private void step(float[] x, float[] y, float[] b, int d, int u, int pos, int neg, float rate) {
        int xu = u * d;
        int yi = pos * d;
        int yj = neg * d;
        float diff = b[pos] - b[neg];
        for (int f = 0; f < d; f++) {
            diff += x[xu + f] * (y[yi + f] - y[yj + f]);
        }
        float z = (float) (1.0 / (1.0 + Math.exp(diff)));
        for (int f = 0; f < d; f++) {
            float xf = x[xu + f];
            float yif = y[yi + f];
            float yjf = y[yj + f];
            x[xu + f] += rate * (z * (yif - yjf) - reg * xf);
            y[yi + f] += rate * (z * xf - reg * yif);
            y[yj + f] += rate * (-z * xf - reg * yjf);
        }
        b[pos] += rate * (z - reg * b[pos]);
        b[neg] += rate * (-z - reg * b[neg]);
    }

    /** A uniform item outside the user's retained row and not {@code also}, or -1 after 64 misses. */
    private static int negative(UniformRandomProvider rng, int[] cols, int lo, int hi, int items, int also) {
        for (int tries = 0; tries < 64; tries++) {
            int j = rng.nextInt(items);
            if (j != also && Arrays.binarySearch(cols, lo, hi, j) < 0) {
                return j;
            }
        }
        return -1;
    }

    private static int rowOf(int[] off, int e) {
        int u = Arrays.binarySearch(off, e);
        if (u < 0) {
            return -u - 2;
        }
        while (u + 1 < off.length && off[u + 1] == e) {
            u++;
        }
        return u;
    }
}
