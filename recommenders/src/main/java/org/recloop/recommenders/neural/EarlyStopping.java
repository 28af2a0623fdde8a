package org.recloop.recommenders.neural;

/**
 * Stops a fit when the validation loss has not improved for {@code patience} epochs and keeps
 * the parameters of the best epoch, so that a long epoch budget cannot overfit the clicks.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private float[][] bestState;
    private int sinceBest;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /** Records an epoch's validation loss; returns whether to stop. NaN (no validation) never stops. */
    boolean update(int epoch, double validationLoss, Parameters params) {
        if (Double.isNaN(validationLoss)) {
            return false;
        }
        if (validationLoss < best) {
            best = validationLoss;
            bestEpoch = epoch;
            bestState = params.snapshot();
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }

    /** Puts the best epoch's parameters back (no-op without validation). */
    void restoreBest(Parameters params) {
        if (bestState != null) {
            params.restore(bestState);
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestLoss() {
        return best;
    }
}
