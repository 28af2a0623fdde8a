package org.recloop.recommenders.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beam search over semantic IDs constrained to the catalog's trie ({@link SemanticIds}): at each
 * level only the codes that extend a beam's prefix to a prefix of some item are expanded, so
 * every finished beam names an item, and {@code width} items come out (fewer when the catalog
 * is smaller). Scores are sequence log-probabilities, the sum of the decoder's per-level
 * log-probabilities (normalised over the whole level vocabulary, not over the valid codes, so
 * a score is the model's probability of that exact tuple).
 *
 * <p>Ties between equal scores go to the smaller prefix key (deterministic). Stateless; the
 * {@link Decoder} may keep buffers, so one decoder per thread.
 */
final class ConstrainedBeamSearch {
    private ConstrainedBeamSearch() {}

    /** The model's next-code distribution after a prefix. */
    interface Decoder {
        /** Log-probabilities of every code {@code 0..vocab(level)-1} of level {@code level} after {@code prefix} (length {@code level}). */
        float[] logProbs(int level, int[] prefix);
    }

    /**
     * What one search found: the finished items with their log-probabilities (best first), for
     * every shorter prefix length the prefixes that survived pruning there and their
     * log-probabilities, and the first level's full distribution.
     */
    record Result(int[] items, float[] scores, long[][] survivorKeys, float[][] survivorScores, float[] firstLevel) {}

    static Result search(SemanticIds ids, Decoder decoder, int width) {
        int depth = ids.depth();
        List<int[]> prefixes = List.of(new int[0]);
        long[] keys = {0L};
        float[] scores = {0f};
        long[][] survivorKeys = new long[depth][];
        float[][] survivorScores = new float[depth][];
        float[] first = null;
        for (int level = 0; level < depth; level++) {
            List<int[]> candPrefix = new ArrayList<>();
            List<long[]> cand = new ArrayList<>(); // {key, index into candPrefix}
            List<Float> candScore = new ArrayList<>();
            for (int b = 0; b < prefixes.size(); b++) {
                float[] lp = decoder.logProbs(level, prefixes.get(b));
                if (level == 0) {
                    first = lp.clone();
                }
                for (int code : ids.next(level, keys[b])) {
                    int[] p = Arrays.copyOf(prefixes.get(b), level + 1);
                    p[level] = code;
                    cand.add(new long[] {ids.extend(keys[b], level, code), candPrefix.size()});
                    candPrefix.add(p);
                    candScore.add(scores[b] + lp[code]);
                }
            }
            Integer[] order = new Integer[cand.size()];
            for (int c = 0; c < order.length; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> {
                int byScore = Float.compare(candScore.get(b), candScore.get(a));
                return byScore != 0 ? byScore : Long.compare(cand.get(a)[0], cand.get(b)[0]);
            });
            int keep = Math.min(width, order.length);
            List<int[]> nextPrefixes = new ArrayList<>(keep);
            keys = new long[keep];
            scores = new float[keep];
            for (int k = 0; k < keep; k++) {
                long[] c = cand.get(order[k]);
                keys[k] = c[0];
                scores[k] = candScore.get(order[k]);
                nextPrefixes.add(candPrefix.get((int) c[1]));
            }
            prefixes = nextPrefixes;
            survivorKeys[level] = keys.clone();
            survivorScores[level] = scores.clone();
        }
        int[] items = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            items[k] = ids.item(keys[k]);
            if (items[k] < 0) {
                throw new IllegalStateException("beam search left the trie: key " + keys[k]);
            }
        }
        return new Result(items, scores, survivorKeys, survivorScores, first);
    }
}
