package org.recloop.agents.rule;

import java.util.Arrays;
import org.recloop.core.react.ReactContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.Population;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;

/**
 * The click probabilities of {@link RuleUserModel#react}, stated before the user answers: the
 * ground truth the learnability metric and off-policy logging score against. Why a class of its
 * own: {@code react} draws a session in steps (an optional search, then the slate), and the
 * probability of each slate position is the exact mixture over what those steps may do to the
 * user's state, which takes more arithmetic than the draw itself.
 *
 * <p>What a session reads, and how it enters:
 * <ul>
 * <li>utility {@code p_u·x_j + qualityWeight·q_j − satiation.weight·s_u,topic(j)}, with the
 *     satiation decayed to this tick exactly as {@code react} decays it (without writing it back);
 * <li>the herd term from the followees' likes, shares and posts in the window: the platform
 *     records those after each tick, so they are previous ticks' actions, never this tick's;
 * <li>the archetype's beta, drift and search rate;
 * <li>the search, which comes first: with probability {@code search} the user opens the best of
 *     {@value TopicSearchIndex#SEARCH_SAMPLE} items drawn with replacement from their nearest
 *     topic (consumed and retired ones skipped), which drifts their preference and adds one to
 *     that topic's satiation before they look at the slate. The probabilities are the mixture
 *     over no search, a search that finds nothing, and each item the search may find, weighted by
 *     the exact law of the best of the draws ({@code P(best is among the top i of n) = 1 − ((n −
 *     i)/n)^draws}, ties shared equally); items are enumerated from the best down until the mass
 *     left falls below 1e-9, which is counted as "found nothing" (an error below float precision);
 * <li>the choice model: mnl, position r with {@code exp(beta·U'_r)·bias(r) / (exp(beta·u0) + Σ)};
 *     cascade, {@code σ_r·Π_{i<r} (1 − σ_i)·persistence} with {@code σ_i = σ(beta·(U'_i − u0))}.
 * </ul>
 * The draws of one session come from one stream in sequence, so the choice draw is independent of
 * the search's draws, and the mixture is exact.
 *
 * <p>Threading as {@code react}: reads the chunk's users' rows only, writes nothing but {@code
 * out}, draws nothing. Users the model holds no state for (beyond its group) get NaN.
 */
final class RuleClickProbabilities {

    /** Search outcomes with less mass than this left over are treated as "found nothing". */
    private static final double NEGLIGIBLE = 1e-9;

    /** The model state it reads (the arrays are the model's own, read only here). */
    record State(RuleUserModel.Params p, double[] beta, float[] drift, double[] searchProb, float[] satiation,
            int[] lastSeen, int topics, float[] centres, TopicSearchIndex search) {}

    private final State st;
    private final boolean cascade;

    RuleClickProbabilities(State st) {
        this.st = st;
        this.cascade = st.p().choice().model().equals("cascade");
    }

    /** Perceived-utility bonus of {@code item} for {@code u}: herdWeight·ln(1 + followees who engaged since). */
    static double herd(SocialGraph graph, RecentActivity activity, int u, int item, int since, double herdW) {
        if (herdW <= 0) {
            return 0;
        }
        int engaged = 0;
        int deg = graph.outDegree(u);
        for (int f = 0; f < deg; f++) {
            if (activity.engagedSince(graph.followee(u, f), item, since)) {
                engaged++;
            }
        }
        return herdW * Math.log1p(engaged);
    }

    /**
     * The mnl weights of positions {@code [0, len)} into {@code weight}, scaled by a common factor
     * (log-sum-exp, so exp never overflows whatever beta); returns the total with the outside option.
     */
    static double mnlWeights(double[] perceived, int len, double b, double u0, double[] bias, double[] weight) {
        double max = b * u0;
        for (int r = 0; r < len; r++) {
            weight[r] = b * perceived[r] + Math.log(bias[r]);
            max = Math.max(max, weight[r]);
        }
        double total = Math.exp(b * u0 - max);
        for (int r = 0; r < len; r++) {
            weight[r] = Math.exp(weight[r] - max);
            total += weight[r];
        }
        return total;
    }

    /** Per-call scratch: one set per call, so concurrent chunks share nothing. */
    private static final class Scratch {
        final float[] prefs;
        final float[] sat;
        final double[] herd;
        final double[] perceived;
        final double[] weight;
        final double[] probs;
        final double[] mix;
        int[] items = new int[16];
        float[] scores = new float[16];

        Scratch(int dim, int topics, int k) {
            prefs = new float[dim];
            sat = new float[Math.max(1, topics)];
            herd = new double[k];
            perceived = new double[k];
            weight = new double[k];
            probs = new double[k];
            mix = new double[k];
        }
    }

    void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        Population pop = ctx.world().population();
        int k = slates.k();
        int dim = pop.dim();
        Scratch w = new Scratch(dim, st.topics(), k);
        double[] bias = new double[k];
        for (int r = 0; r < k; r++) {
            bias[r] = Math.pow(r + 1, -st.p().choice().positionDecay());
        }
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            if (u >= st.lastSeen().length) {
                Arrays.fill(out, s * k, s * k + len, Float.NaN);
                continue;
            }
            session(ctx, slates, s, u, w, bias);
            for (int r = 0; r < len; r++) {
                out[s * k + r] = (float) w.mix[r];
            }
        }
    }

    /** The click probabilities of slate s into {@code w.mix}. */
    private void session(ReactContext ctx, SlateBatch slates, int s, int u, Scratch w, double[] bias) {
        Population pop = ctx.world().population();
        Catalog catalog = ctx.world().catalog();
        int dim = pop.dim();
        int len = slates.length(s);
        int a = pop.archetype(u) < st.beta().length ? pop.archetype(u) : 0;
        int since = ctx.tick() - st.p().social().window();
        for (int r = 0; r < len; r++) {
            w.herd[r] = herd(ctx.world().graph(), ctx.world().activity(), u, slates.item(s, r), since,
                    st.p().social().herdWeight());
        }
        recoveredSatiation(u, ctx.tick(), w.sat);
        System.arraycopy(pop.preferences(), u * dim, w.prefs, 0, dim);
        slate(catalog, slates, s, st.beta()[a], w, bias);
        double ps = st.searchProb()[a];
        if (ps <= 0) {
            System.arraycopy(w.probs, 0, w.mix, 0, len);
            return;
        }
        double[] base = w.probs.clone();
        // mass of "no search" plus "found nothing" gets the base probabilities; each found item its own
        double[] found = new double[len];
        double nothing = 1 - ps + ps * searchOutcomes(ctx, u, a, slates, s, w, bias, found);
        for (int r = 0; r < len; r++) {
            w.mix[r] = nothing * base[r] + ps * found[r];
        }
    }

    /**
     * Adds {@code P(search finds j)·P(click r | j)} over the items j the search may find into
     * {@code found}; returns the probability that the search finds nothing (plus the negligible
     * rest). Leaves {@code w.prefs} and {@code w.sat} as it found them.
     */
    private double searchOutcomes(ReactContext ctx, int u, int a, SlateBatch slates, int s, Scratch w, double[] bias,
            double[] found) {
        Catalog catalog = ctx.world().catalog();
        float[] prefs = ctx.world().population().preferences();
        ConsumptionHistory history = ctx.world().history();
        int dim = catalog.dim();
        int topic = Topics.nearest(st.centres(), dim, prefs, u * dim);
        int n = st.search().size(topic);
        if (n == 0) {
            return 1;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            int item = st.search().item(topic, i);
            if (history.contains(u, item) || catalog.isRetired(item)) {
                continue;
            }
            if (m == w.items.length) {
                w.items = Arrays.copyOf(w.items, 2 * m);
                w.scores = Arrays.copyOf(w.scores, 2 * m);
            }
            w.items[m] = item;
            w.scores[m++] = catalog.dot(item, prefs, u * dim);
        }
        sortByScoreDescending(w.items, w.scores, m);
        int draws = TopicSearchIndex.SEARCH_SAMPLE;
        double none = Math.pow((double) (n - m) / n, draws);
        float[] savedPrefs = w.prefs.clone();
        float[] savedSat = w.sat.clone();
        int len = slates.length(s);
        int i = 0;
        while (i < m) {
            double left = Math.pow((double) (n - i) / n, draws) - none;
            if (left < NEGLIGIBLE) {
                return none + left;
            }
            int g = 1; // the best is the first drawn of its tie group: each of the group equally likely
            while (i + g < m && w.scores[i + g] == w.scores[i]) {
                g++;
            }
            double each = (left - (Math.pow((double) (n - i - g) / n, draws) - none)) / g;
            for (int j = i; j < i + g; j++) {
                int item = w.items[j];
                // what opening the found item does before the slate: drift, one more unit of satiation
                MnlUserModel.drift(w.prefs, 0, catalog.features(), item * dim, dim, st.drift()[a]);
                int t = Math.max(0, Math.min(st.topics() - 1, catalog.topic(item)));
                if (st.satiation() != null) {
                    w.sat[t] += 1f;
                }
                slate(catalog, slates, s, st.beta()[a], w, bias);
                for (int r = 0; r < len; r++) {
                    found[r] += each * w.probs[r];
                }
                System.arraycopy(savedPrefs, 0, w.prefs, 0, dim);
                System.arraycopy(savedSat, 0, w.sat, 0, savedSat.length);
            }
            i += g;
        }
        return none;
    }

    /** The click probabilities of slate s for a user in state (w.prefs, w.sat), into {@code w.probs}. */
    private void slate(Catalog catalog, SlateBatch slates, int s, double b, Scratch w, double[] bias) {
        RuleUserModel.Params p = st.p();
        double satW = p.satiation().weight();
        double u0 = p.choice().noClickUtility();
        int len = slates.length(s);
        for (int r = 0; r < len; r++) {
            int item = slates.item(s, r);
            double x = catalog.dot(item, w.prefs, 0) + p.qualityWeight() * catalog.quality(item);
            if (st.satiation() != null) {
                x -= satW * w.sat[Math.max(0, Math.min(st.topics() - 1, catalog.topic(item)))];
            }
            w.perceived[r] = x + w.herd[r];
        }
        if (cascade) {
            double reach = 1;
            double persistence = p.choice().persistence();
            for (int r = 0; r < len; r++) {
                double open = 1 / (1 + Math.exp(-b * (w.perceived[r] - u0)));
                w.probs[r] = reach * open;
                reach *= (1 - open) * persistence;
            }
        } else {
            double total = mnlWeights(w.perceived, len, b, u0, bias, w.weight);
            for (int r = 0; r < len; r++) {
                w.probs[r] = w.weight[r] / total;
            }
        }
    }

    /** The user's satiation row as {@code react} will find it this tick, decayed in the same float steps. */
    private void recoveredSatiation(int u, int tick, float[] sat) {
        float[] all = st.satiation();
        if (all == null) {
            return;
        }
        int topics = st.topics();
        System.arraycopy(all, u * topics, sat, 0, topics);
        int dt = tick - st.lastSeen()[u];
        if (dt > 0) {
            float f = (float) Math.pow(st.p().satiation().recovery(), dt);
            for (int t = 0; t < topics; t++) {
                sat[t] *= f;
            }
        }
    }

    /** Sorts the first n (item, score) pairs by score, best first (ties in any fixed order). */
    private static void sortByScoreDescending(int[] items, float[] scores, int n) {
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            // an int image of the float that orders as the float does, and the pair's index
            int bits = Float.floatToIntBits(scores[i]);
            int key = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keyed[i] = ((long) key << 32) | i;
        }
        Arrays.sort(keyed);
        int[] sortedItems = new int[n];
        float[] sortedScores = new float[n];
        for (int i = 0; i < n; i++) {
            int from = (int) keyed[n - 1 - i];
            sortedItems[i] = items[from];
            sortedScores[i] = scores[from];
        }
        System.arraycopy(sortedItems, 0, items, 0, n);
        System.arraycopy(sortedScores, 0, scores, 0, n);
    }
}
