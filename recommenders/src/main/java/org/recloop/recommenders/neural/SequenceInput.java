package org.recloop.recommenders.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How the sequence models ({@link SasRecRecommender}, {@link TigerRecommender}) read users' click
 * sequences: the held-out last clicks of validation, right-aligned windows of item ids, and the
 * encoder's state after a user's history. Both models read sequences the same way, so that a
 * TIGER history means what a SASRec history means.
 */
final class SequenceInput {
    private SequenceInput() {}

    /** Encodes a batch of windows ({@code batch} rows of the window length) into hidden states. */
    interface Encoder {
        NDArray encode(NDManager step, int[] in, int batch);
    }

    /**
     * The validation split of the sequence models.
     *
     * @param validTarget per user the held-out last click, or -1
     * @param usableLength per user the length of the sequence left for training
     */
    record HeldOut(int[] validTarget, int[] usableLength) {
        /**
         * Holds out the last click of a {@code share} of the users with at least three clicks
         * (one draw of {@code rng} per such user, in user order).
         */
        static HeldOut lastClicks(int[][] seqs, double share, UniformRandomProvider rng) {
            int users = seqs.length;
            int[] validTarget = new int[users];
            Arrays.fill(validTarget, -1);
            int[] usableLength = new int[users];
            for (int u = 0; u < users; u++) {
                if (seqs[u].length >= 3 && rng.nextDouble() < share) {
                    validTarget[u] = seqs[u][seqs[u].length - 1];
                }
                usableLength[u] = seqs[u].length - (validTarget[u] >= 0 ? 1 : 0);
            }
            return new HeldOut(validTarget, usableLength);
        }
    }

    /**
     * Writes the last min(n, l) of {@code seq[0..n)} (ids + 1, so that 0 pads) right-aligned into
     * {@code out[o..o+l)}.
     */
    static void fillWindow(int[] seq, int n, int[] out, int o, int l) {
        int take = Math.min(n, l);
        for (int t = 0; t < take; t++) {
            out[o + l - take + t] = seq[n - take + t] + 1;
        }
    }

    /**
     * The encoder's state (width {@code d}) at the last position of each of {@code users}'
     * windows of length {@code l}, in batches of 256; {@code dropLast} leaves the held-out click
     * out.
     */
    static float[] lastStates(NDManager fitManager, int[][] seqs, int[] users, boolean dropLast, int l, int d,
            Encoder encoder) {
        float[] out = new float[users.length * d];
        int batch = 256;
        for (int start = 0; start < users.length; start += batch) {
            int b = Math.min(batch, users.length - start);
            int[] in = new int[b * l];
            for (int s = 0; s < b; s++) {
                int[] seq = seqs[users[start + s]];
                fillWindow(seq, seq.length - (dropLast ? 1 : 0), in, s * l, l);
            }
            try (NDManager step = fitManager.newSubManager()) {
                // the whole (contiguous) tensor: reading a strided view h[:, -1, :] back would
                // copy raw storage, not the view
                float[] hv = encoder.encode(step, in, b).toFloatArray();
                for (int s = 0; s < b; s++) {
                    System.arraycopy(hv, (s * l + l - 1) * d, out, (start + s) * d, d);
                }
            }
        }
        return out;
    }
}
