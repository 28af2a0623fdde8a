package org.recloop.recommenders.defence;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.SocialGraphView;
import org.recloop.core.serve.Interactions;

/**
 * How fake each account looks, from the interaction log and, where the platform has follows, its
 * follow graph: a score in [0, 1] per user, 0 for users without interactions. Five behaviour
 * features, each turned into the user's percentile among the users with data (mid-rank for ties)
 * and averaged with equal weights:
 * <ul>
 *   <li><b>burstiness</b>: the most clicks the user made in one tick over the mean clicks of an
 *       active user in a tick (fake accounts act every tick at a fixed, high rate);</li>
 *   <li><b>newness</b> (account age): the first tick the user appears in the log;</li>
 *   <li><b>concentration</b>: share of the user's clicks that repeat an item the user clicked
 *       before (a push clicks the same few targets again and again; real users rarely re-click);</li>
 *   <li><b>popularity deviation</b>: how far the user's median item falls below the mean item
 *       popularity, log(1 + clickers), over all distinct (user, item) pairs: camouflage filler is
 *       cold, and the median ignores the few targets the attack itself made popular;</li>
 *   <li><b>similarity</b>: mean Jaccard of the user's item set to those of the most suspicious
 *       tenth of users by the other features (a hashed sample of at most {@link #SKETCH}
 *       items per user): attackers share their targets.</li>
 * </ul>
 * With a follow graph ({@link #of(Interactions, SocialGraphView)}), the two {@link GraphFeatures}
 * (follow imbalance, cold follows) join them for every scored account that follows someone, as
 * percentiles among those accounts with the same weight, in the prior that picks the similarity's
 * suspicious tenth too: a fake account that spends its actions on follows rather than on clicks
 * still follows many obscure accounts and has no followers. An account that follows nobody, and
 * every account without a graph, gets exactly the five-feature score.
 * Percentiles make the score scale-free and mean that a real user who ties with most real users
 * on concentration and similarity (most never re-click and share nothing with the attackers: a
 * tie holding share q of users sits at percentile q / 2 &lt; 0.5) stays below (3 + 2 x 0.5) / 5 = 0.8
 * even when the newest and busiest (with the graph features, below 0.8 unless it also follows more
 * accounts than follow it and mostly obscure ones); an account
 * at the top of every feature scores near 1. Percentiles assume the fake accounts are a minority.
 *
 * <p>Deterministic: no randomness; the sample is the items with the smallest fixed hash.
 */
public final class SuspicionScores {

    /** Most items per user in the similarity sample. */
    static final int SKETCH = 32;
    private static final int FEATURES = 5;
    /** Click features that make the similarity's prior, before the graph features. */
    private static final int PRIOR_FEATURES = 4;

    private final float[] score;
    private final BitSet scored;

    private SuspicionScores(float[] score, BitSet scored) {
        this.score = score;
        this.scored = scored;
    }

    /** The score of {@code user} in [0, 1]; 0 for a user without data. */
    public float score(int user) {
        return user >= 0 && user < score.length ? score[user] : 0f;
    }

    /** The users that were scored (had interactions); a copy. */
    public BitSet scored() {
        return (BitSet) scored.clone();
    }

    /** Scores every user of {@code data} from the click features alone. */
    public static SuspicionScores of(Interactions data) {
        return score(data, new GraphFeatures.Values(new double[0][], new BitSet()));
    }

    /** Scores every user of {@code data} from the click features and the follow graph's features. */
    public static SuspicionScores of(Interactions data, SocialGraphView graph) {
        return score(data, GraphFeatures.of(Objects.requireNonNull(graph, "graph"), data.numUsers()));
    }

    /**
     * What a defence judges from at a fit: the follow graph joins in when {@code graphFeatures} is
     * on, the run grants the graph and it has at least one edge (a graph without edges would tie
     * every account and only dilute the click features).
     */
    static SuspicionScores judge(Interactions data, Capabilities capabilities, boolean graphFeatures) {
        if (graphFeatures) {
            var graph = capabilities.capability(SocialGraphView.class).filter(g -> g.edgeCount() > 0);
            if (graph.isPresent()) {
                return of(data, graph.get());
            }
        }
        return of(data);
    }

    private static SuspicionScores score(Interactions data, GraphFeatures.Values graphFeatures) {
        int users = data.numUsers();
        int n = data.size();
        int[] us = data.users();
        int[] is = data.items();
        int[] ts = data.ticks();
        int[] clicks = new int[users];
        int[] first = new int[users];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int r = 0; r < n; r++) {
            clicks[us[r]]++;
            first[us[r]] = Math.min(first[us[r]], ts[r]);
        }
        BitSet scored = new BitSet(users);
        for (int u = 0; u < users; u++) {
            if (clicks[u] > 0) {
                scored.set(u);
            }
        }
        int m = scored.cardinality();
        float[] score = new float[users];
        if (m == 0) {
            return new SuspicionScores(score, scored);
        }
        double[][] f = new double[FEATURES][users];
        burstiness(us, ts, users, f[0]);
        for (int u = 0; u < users; u++) {
            f[1][u] = first[u];
        }
        int[][] itemSets = itemSets(us, is, users, data.numItems(), clicks, f[2], f[3]);
        double[][] pct = new double[FEATURES][];
        for (int k = 0; k < PRIOR_FEATURES; k++) {
            pct[k] = percentiles(f[k], scored);
        }
        BitSet byGraph = (BitSet) graphFeatures.following().clone();
        byGraph.and(scored);
        int graphCount = graphFeatures.values().length;
        double[][] graphPct = new double[graphCount][];
        for (int k = 0; k < graphCount; k++) {
            graphPct[k] = percentiles(graphFeatures.values()[k], byGraph);
        }
        // for an account the graph does not judge, the sums and divisors are exactly the
        // five-feature score's, so a run without follows scores byte for byte as before
        double[] prior = new double[users];
        for (int u = 0; u < users; u++) {
            double p = pct[0][u] + pct[1][u] + pct[2][u] + pct[3][u];
            int graph = byGraph.get(u) ? graphCount : 0;
            for (int k = 0; k < graph; k++) {
                p += graphPct[k][u];
            }
            prior[u] = p / (PRIOR_FEATURES + graph);
        }
        similarity(itemSets, prior, scored, f[4]);
        pct[4] = percentiles(f[4], scored);
        for (int u = scored.nextSetBit(0); u >= 0; u = scored.nextSetBit(u + 1)) {
            double s = 0;
            for (int k = 0; k < FEATURES; k++) {
                s += pct[k][u];
            }
            int graph = byGraph.get(u) ? graphCount : 0;
            for (int k = 0; k < graph; k++) {
                s += graphPct[k][u];
            }
            score[u] = (float) Math.min(1, Math.max(0, s / (FEATURES + graph)));
        }
        return new SuspicionScores(score, scored);
    }

    /** Max clicks in one tick per user over the mean clicks of an active (user, tick). */
    private static void burstiness(int[] us, int[] ts, int users, double[] out) {
        long[] keys = new long[us.length];
        for (int r = 0; r < us.length; r++) {
            keys[r] = ((long) us[r] << 32) | (ts[r] & 0xffffffffL);
        }
        Arrays.sort(keys);
        int active = 0;
        int[] max = new int[users];
        for (int a = 0; a < keys.length;) {
            int b = a;
            while (b < keys.length && keys[b] == keys[a]) {
                b++;
            }
            int u = (int) (keys[a] >>> 32);
            max[u] = Math.max(max[u], b - a);
            active++;
            a = b;
        }
        double mean = active == 0 ? 1 : (double) keys.length / active;
        for (int u = 0; u < users; u++) {
            out[u] = max[u] / mean;
        }
    }

    /**
     * Fills each user's repeat share and popularity deviation; returns each user's hashed sample
     * of distinct items (the {@link #SKETCH} with the smallest hash), sorted by item id.
     */
    private static int[][] itemSets(int[] us, int[] is, int users, int numItems, int[] clicks, double[] repeat,
            double[] deviation) {
        long[] keys = new long[us.length];
        for (int r = 0; r < us.length; r++) {
            keys[r] = ((long) us[r] << 32) | (is[r] & 0xffffffffL);
        }
        Arrays.sort(keys);
        int distinct = 0;
        for (int r = 0; r < keys.length; r++) {
            if (r == 0 || keys[r] != keys[r - 1]) {
                keys[distinct++] = keys[r];
            }
        }
        int[] distinctPerUser = new int[users];
        int[] clickers = new int[numItems];
        for (int r = 0; r < distinct; r++) {
            distinctPerUser[(int) (keys[r] >>> 32)]++;
            clickers[(int) keys[r]]++;
        }
        double mu = 0;
        for (int r = 0; r < distinct; r++) {
            mu += Math.log1p(clickers[(int) keys[r]]);
        }
        mu /= Math.max(1, distinct);
        int[][] sample = new int[users][];
        for (int a = 0; a < distinct;) {
            int u = (int) (keys[a] >>> 32);
            int b = a + distinctPerUser[u];
            long[] hashed = new long[b - a];
            int[] pops = new int[b - a];
            for (int r = a; r < b; r++) {
                int item = (int) keys[r];
                pops[r - a] = clickers[item];
                // hash in the high bits, item in the low bits: sorting orders by hash
                hashed[r - a] = (hash(item) & 0xffffffff00000000L) | item;
            }
            Arrays.sort(hashed);
            int k = Math.min(SKETCH, hashed.length);
            int[] s = new int[k];
            for (int j = 0; j < k; j++) {
                s[j] = (int) hashed[j];
            }
            Arrays.sort(s);
            sample[u] = s;
            Arrays.sort(pops);
            // below the mean: cold filler, however popular the pushed targets became
            deviation[u] = mu - Math.log1p(pops[(pops.length - 1) / 2]);
            repeat[u] = 1.0 - (double) (b - a) / clicks[u];
            a = b;
        }
        return sample;
    }

    /** Mean Jaccard of each scored user's sample to the samples of the top tenth by {@code prior}. */
    private static void similarity(int[][] sample, double[] prior, BitSet scored, double[] out) {
        Integer[] order = scored.stream().boxed().toArray(Integer[]::new);
        // most suspicious first; ties by user id, so the seed set is deterministic
        Arrays.sort(order, (a, b) -> prior[a] != prior[b] ? Double.compare(prior[b], prior[a]) : Integer.compare(a, b));
        int seeds = Math.max(2, order.length / 10);
        seeds = Math.min(seeds, order.length);
        for (int u = scored.nextSetBit(0); u >= 0; u = scored.nextSetBit(u + 1)) {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < seeds; j++) {
                int v = order[j];
                if (v != u) {
                    sum += jaccard(sample[u], sample[v]);
                    count++;
                }
            }
            out[u] = count == 0 ? 0 : sum / count;
        }
    }

    static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int both = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - both;
        return union == 0 ? 0 : (double) both / union;
    }

    /** Mid-rank percentile in [0, 1] of each scored user's value among the scored users (0 for the others). */
    private static double[] percentiles(double[] value, BitSet scored) {
        int m = scored.cardinality();
        int[] ids = scored.stream().toArray();
        Integer[] idx = new Integer[m];
        for (int j = 0; j < m; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(value[ids[a]], value[ids[b]]));
        double[] out = new double[value.length];
        for (int a = 0; a < m;) {
            int b = a;
            while (b < m && value[ids[idx[b]]] == value[ids[idx[a]]]) {
                b++;
            }
            // users below, plus half of the ties, over everyone: a unique maximum is near 1,
            // a value most users share sits near half their share
            double p = (a + 0.5 * (b - a)) / m;
            for (int j = a; j < b; j++) {
                out[ids[idx[j]]] = p;
            }
            a = b;
        }
        return out;
    }

    /** A fixed 64-bit mix of an item id (SplitMix64 finaliser). */
    private static long hash(int item) {
        long z = item * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
