package org.recloop.recommenders.neural;

/**
 * The early-stopping criterion of the neural models that hold out one item per user: 1 − the
 * mean full-ranking NDCG of the held-out item, every item the user has not clicked competing.
 *
 * <p>Why a ranking criterion and not the training loss: a loss against one sampled negative (or
 * against the other items of a batch) kept falling on ml-100k while the full ranking got worse,
 * the model drifting towards popular items. At most {@link #MAX_USERS} held-out users are scored
 * (evenly spaced), as the cost is users × items × d per epoch.
 */
final class FullRankValidation {
    static final int MAX_USERS = 1000;

    private FullRankValidation() {}

    /** Indices {@code 0..n} to score: all of them, or MAX_USERS evenly spaced. */
    static int[] subset(int n) {
        if (n <= MAX_USERS) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return java.util.stream.IntStream.range(0, MAX_USERS).mapToLong(k -> (long) k * n / MAX_USERS)
                .mapToInt(k -> (int) k).toArray();
    }

    /**
     * @param userVectors row k is the vector of {@code users[k]}
     * @param itemVectors item-major, item i at row {@code i + rowOffset}
     * @return 1 − mean NDCG, NaN without users
     */
    static double loss(float[] userVectors, int[] users, int[] targets, float[] itemVectors, int rowOffset, int items,
            int d, TrainingPairs clicked) {
        if (users.length == 0) {
            return Double.NaN;
        }
        double gain = 0;
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            int target = targets[k];
            double st = dot(userVectors, k * d, itemVectors, (target + rowOffset) * d, d);
            int above = 0;
            for (int i = 0; i < items; i++) {
                if (i != target && !clicked.clicked(u, i)
                        && dot(userVectors, k * d, itemVectors, (i + rowOffset) * d, d) > st) {
                    above++;
                }
            }
            gain += 1 / (Math.log(above + 2) / Math.log(2));
        }
        return 1 - gain / users.length;
    }

    private static double dot(float[] a, int ao, float[] b, int bo, int d) {
        double s = 0;
        for (int f = 0; f < d; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }
}
