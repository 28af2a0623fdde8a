package org.recloop.scenarios.act;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** Deterministic choices of interventions: k of a candidate list, from one stream of (purpose, tick). */
final class Picks {
    private Picks() {}

    /**
     * {@code k} distinct candidates chosen uniformly (partial Fisher-Yates), returned ascending;
     * all of them when there are at most k.
     */
    static int[] choose(int[] candidates, int k, UniformRandomProvider rng) {
        int[] c = candidates.clone();
        int want = Math.min(k, c.length);
        for (int r = 0; r < want; r++) {
            int j = r + rng.nextInt(c.length - r);
            int t = c[r];
            c[r] = c[j];
            c[j] = t;
        }
        int[] out = Arrays.copyOf(c, want);
        Arrays.sort(out);
        return out;
    }

    /** An int list of a scenario as an array, or an empty one. */
    static int[] array(java.util.List<Integer> ids) {
        return ids == null ? new int[0] : ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
