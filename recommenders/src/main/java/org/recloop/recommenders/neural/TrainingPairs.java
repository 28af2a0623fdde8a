package org.recloop.recommenders.neural;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.serve.Interactions;
import org.recloop.recommenders.SparseMatrix;

/**
 * Distinct (user, item) clicks split into training and validation pairs, and the negative
 * sampler of the pairwise models.
 *
 * <p>Validation: each distinct pair goes to validation with probability {@code validation} (from
 * the fit's seeded stream), unless it is the user's last training pair, so every user keeps at
 * least one. Negatives: with probability {@code exposureShare} an item the user was shown and
 * never clicked ({@link ExposureMemory}, when it holds one), otherwise an item drawn uniformly
 * among those the user never clicked (rejection; a user who clicked everything gets any item).
 */
final class TrainingPairs {
    final SparseMatrix all;
    final int[] trainUsers;
    final int[] trainItems;
    final int[] validUsers;
    final int[] validItems;
    private final int numItems;

    TrainingPairs(Interactions data, double validation, UniformRandomProvider rng) {
        all = SparseMatrix.userMajor(data);
        numItems = data.numItems();
        int[] off = all.off();
        int[] cols = all.cols();
        int n = cols.length;
        int[] tu = new int[n];
        int[] ti = new int[n];
        int[] vu = new int[n];
        int[] vi = new int[n];
        int nt = 0;
        int nv = 0;
        for (int u = 0; u + 1 < off.length; u++) {
            int start = nt;
            for (int e = off[u]; e < off[u + 1]; e++) {
                boolean last = e == off[u + 1] - 1 && nt == start;
                if (!last && rng.nextDouble() < validation) {
                    vu[nv] = u;
                    vi[nv++] = cols[e];
                } else {
                    tu[nt] = u;
                    ti[nt++] = cols[e];
                }
            }
        }
        trainUsers = Arrays.copyOf(tu, nt);
        trainItems = Arrays.copyOf(ti, nt);
        validUsers = Arrays.copyOf(vu, nv);
        validItems = Arrays.copyOf(vi, nv);
    }

    boolean clicked(int user, int item) {
        int[] off = all.off();
        return Arrays.binarySearch(all.cols(), off[user], off[user + 1], item) >= 0;
    }

    /** Draws a training pair uniformly (with replacement) into slot {@code s} of {@code users} and {@code items}. */
    void drawTrain(int[] users, int[] items, int s, UniformRandomProvider rng) {
        int e = rng.nextInt(trainUsers.length);
        users[s] = trainUsers[e];
        items[s] = trainItems[e];
    }

    /** A negative for the user; see the class comment. */
    int negative(int user, ExposureMemory exposures, double exposureShare, UniformRandomProvider rng) {
        if (exposureShare > 0 && rng.nextDouble() < exposureShare) {
            int shown = exposures.size(user);
            for (int tries = 0; tries < 4 && shown > 0; tries++) {
                int j = exposures.item(user, rng.nextInt(shown));
                if (j < numItems && !clicked(user, j)) {
                    return j;
                }
            }
        }
        int[] off = all.off();
        if (off[user + 1] - off[user] >= numItems) {
            return rng.nextInt(numItems);
        }
        int j;
        do {
            j = rng.nextInt(numItems);
        } while (clicked(user, j));
        return j;
    }
}
