package org.recloop.recommenders.knn;

import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.SparseScores;
import org.recloop.recommenders.PopularityOrder;
import org.recloop.recommenders.SparseMatrix;

/**
 * The sparse scorer of a fitted kNN model: scores the items of the model for the users it was
 * fitted on; users beyond the model get no scores, so the shared ranker serves them the popular
 * fallback. Subclasses add the neighbours' similarities. Reads only the immutable model.
 */
abstract class NeighbourScorer implements ItemScorer.Sparse {
    private final int users;
    private final int items;
    private final Fallback fallback;

    NeighbourScorer(int users, int items, int[] popular) {
        this.users = users;
        this.items = items;
        this.fallback = Fallback.popular(popular, items);
    }

    @Override
    public final int scoredItems() {
        return items;
    }

    @Override
    public final Fallback fallback() {
        return fallback;
    }

    @Override
    public final void score(int u, SparseScores into) {
        if (u < users) {
            scoreKnown(u, into);
        }
    }

    /** Adds the scores of user {@code u}, one of the model's users. */
    abstract void scoreKnown(int u, SparseScores into);

    /** Item ids by descending number of clicks (sum of the item-major row), ties by smaller id. */
    static int[] popularOrder(SparseMatrix itemMajor) {
        int items = itemMajor.rows();
        long[] clicks = new long[items];
        for (int i = 0; i < items; i++) {
            for (int a = itemMajor.off()[i]; a < itemMajor.off()[i + 1]; a++) {
                clicks[i] += (long) itemMajor.vals()[a];
            }
        }
        return PopularityOrder.of(clicks);
    }
}
