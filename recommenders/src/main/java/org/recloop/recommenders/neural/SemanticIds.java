package org.recloop.recommenders.neural;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The semantic IDs of a catalog (TIGER, Rajput et al. 2023): each item's tuple of {@code depth}
 * codes, the RQ-VAE's {@code depth - 1} codes plus a last code that tells apart items whose
 * RQ-VAE codes collide (0, 1, 2, ... in item order within each colliding group, as in the
 * paper), so every tuple names exactly one item. Also the trie of the tuples, which constrains
 * beam search to tuples that exist.
 *
 * <p>Immutable after construction; read by serving threads.
 */
final class SemanticIds {
    private final int depth;
    private final int[] codes;
    private final int[] vocab;
    /** Per level, prefix key → sorted valid next codes. Level 0 has one prefix (the empty one). */
    private final Map<Long, int[]>[] children;
    private final Map<Long, Integer> itemOf;
    /** Prefix keys are numbers in this base (codes + 1, so a prefix and its extension by code 0 differ). */
    private final long radix;

    /**
     * @param rq item-major RQ-VAE codes, {@code levels} per item
     * @param codebook size of each RQ-VAE codebook
     */
    @SuppressWarnings("unchecked")
    SemanticIds(int[] rq, int items, int levels, int codebook) {
        this.depth = levels + 1;
        this.codes = new int[items * depth];
        Map<Long, Integer> used = new HashMap<>();
        int maxGroup = 1;
        for (int i = 0; i < items; i++) {
            long key = 0;
            for (int l = 0; l < levels; l++) {
                int c = rq[i * levels + l];
                if (c < 0 || c >= codebook) {
                    throw new IllegalArgumentException("code " + c + " of item " + i + " outside [0, " + codebook + ")");
                }
                codes[i * depth + l] = c;
                key = key * codebook + c;
            }
            int extra = used.merge(key, 1, Integer::sum) - 1;
            codes[i * depth + levels] = extra;
            maxGroup = Math.max(maxGroup, extra + 1);
        }
        vocab = new int[depth];
        Arrays.fill(vocab, 0, levels, codebook);
        vocab[levels] = maxGroup;
        radix = Math.max(codebook, maxGroup) + 1L;
        if (Math.pow(radix, depth) > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("semantic IDs of " + depth + " levels of up to " + radix
                    + " codes do not fit a 64-bit key");
        }
        children = new Map[depth];
        Map<Long, java.util.TreeSet<Integer>>[] sets = new Map[depth];
        for (int l = 0; l < depth; l++) {
            sets[l] = new HashMap<>();
        }
        itemOf = new HashMap<>();
        for (int i = 0; i < items; i++) {
            long key = 0;
            for (int l = 0; l < depth; l++) {
                sets[l].computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(codes[i * depth + l]);
                key = extend(key, l, codes[i * depth + l]);
            }
            itemOf.put(key, i);
        }
        for (int l = 0; l < depth; l++) {
            children[l] = new HashMap<>();
            for (Map.Entry<Long, java.util.TreeSet<Integer>> e : sets[l].entrySet()) {
                children[l].put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /** The key of a prefix of length {@code level + 1}: the prefix of length {@code level} extended by {@code code}. */
    long extend(long prefixKey, int level, int code) {
        return prefixKey * radix + code + 1;
    }

    int depth() {
        return depth;
    }

    int items() {
        return codes.length / depth;
    }

    /** Codes of level {@code level} can be {@code 0..vocab(level)-1}. */
    int vocab(int level) {
        return vocab[level];
    }

    int code(int item, int level) {
        return codes[item * depth + level];
    }

    /** The key of the item's prefix of the given length (0 = the empty prefix). */
    long prefixKey(int item, int length) {
        long key = 0;
        for (int l = 0; l < length; l++) {
            key = extend(key, l, code(item, l));
        }
        return key;
    }

    /** Valid next codes after a prefix of length {@code level} (ascending; empty if the prefix does not exist). */
    int[] next(int level, long prefixKey) {
        int[] c = children[level].get(prefixKey);
        return c == null ? new int[0] : c;
    }

    /** The item a full tuple names, or -1. */
    int item(long fullKey) {
        Integer i = itemOf.get(fullKey);
        return i == null ? -1 : i;
    }

    /** The largest number of items sharing one RQ-VAE tuple (1 = no collisions). */
    int largestCollision() {
        return vocab[depth - 1];
    }
}
