package org.recloop.recommenders.neural;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The epoch loop every neural model of this package trains with: up to {@code epochs} passes of
 * mini-batches over the training examples, the validation loss after each pass ({@link
 * EarlyStopping}), and at the end the best epoch's parameters put back. The model supplies what
 * differs: one optimiser step on a batch of a given size (drawing its own examples from the fit's
 * stream) and the validation loss.
 *
 * <p>Why one loop: the order of the draws (batches, then validation, epoch after epoch) is what
 * makes a fit a function of its seed, and the stopping rule and the benchmark's epoch times must
 * mean the same in every model. Epoch wall times are measured for the benchmark only; nothing the
 * model computes depends on them.
 *
 * @param epochs most passes over the examples
 * @param batchSize examples per step
 * @param patience epochs without a lower validation loss before stopping
 */
record TrainingLoop(int epochs, int batchSize, int patience) {
    /** One optimiser step on a mini-batch of {@code size} examples. */
    interface Step {
        void run(int size);
    }

    /**
     * What a run did.
     *
     * @param epochSeconds wall time of each epoch run (for the benchmark)
     * @param bestEpoch the epoch whose parameters were kept, -1 without validation
     * @param bestLoss its validation loss
     */
    record Result(double[] epochSeconds, int bestEpoch, double bestLoss) {}

    /**
     * Trains on {@code examples} examples: each epoch runs batches of {@code batchSize} (the last
     * one smaller) until the examples are covered, then asks for the validation loss (NaN: none).
     * A batch smaller than {@code smallestBatch} ends the epoch; with fewer examples than that
     * nothing is trained. Puts the best epoch's parameters back into {@code params}.
     */
    Result run(int examples, int smallestBatch, Parameters params, Step step, DoubleSupplier validationLoss) {
        EarlyStopping stop = new EarlyStopping(patience);
        double[] times = new double[epochs];
        int epochsRun = 0;
        for (int epoch = 0; epoch < epochs && examples >= smallestBatch; epoch++) {
            long t0 = System.nanoTime();
            for (int start = 0; start < examples; start += batchSize) {
                int b = Math.min(batchSize, examples - start);
                if (b < smallestBatch) {
                    break;
                }
                step.run(b);
            }
            times[epoch] = (System.nanoTime() - t0) / 1e9;
            epochsRun = epoch + 1;
            if (stop.update(epoch, validationLoss.getAsDouble(), params)) {
                break;
            }
        }
        stop.restoreBest(params);
        return new Result(Arrays.copyOf(times, epochsRun), stop.bestEpoch(), stop.bestLoss());
    }
}
