package org.recloop.agents.rule;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.rng.Purposes;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * Multinomial-logit choice over the slate with a no-click option and position bias, and
 * preference drift toward what was consumed.
 *
 * <p>True utility of item {@code j} for user {@code u}: {@code U = p_u · x_j + qualityWeight *
 * quality_j}, with {@code p_u} the user's ground-truth preference and {@code x_j} the item's
 * features. The user picks one item or none: item at 0-based position {@code r} with
 * probability proportional to {@code exp(beta * U) * bias(r)}, none with weight {@code
 * exp(beta * noClickUtility)}. {@code bias(r) = 1 / (r + 1)^positionDecay} is the examination
 * probability of the position-based model folded into the logit (Craswell et al. 2008).
 *
 * <p>After a click the preference drifts toward the consumed item: {@code p_u <- normalise((1 -
 * driftRate) p_u + driftRate x_j)}. This is the feedback-loop mechanism: what the recommender
 * shows shapes what users want (Chaney et al. 2018; Jiang et al. 2019).
 *
 * <p>A click is logged with value = the realised true utility {@code U}. Draws come from the
 * stream (react, user, tick); the model writes only the preference row of the user it answers
 * for, so it is safe on any thread.
 */
public final class MnlUserModel implements UserGroupModel, ClickProbabilities, org.recloop.core.react.UserStateRows {

    /**
     * @param beta sensitivity to utility (logit scale); 0 = choose at random
     * @param noClickUtility utility of choosing nothing; higher means fewer clicks
     * @param positionDecay exponent of the position bias 1/(r+1)^positionDecay; 0 = no bias
     * @param driftRate how far a preference moves toward a consumed item per click, in [0, 1]
     * @param qualityWeight weight of item quality in the utility
     */
    public record Params(Double beta, Double noClickUtility, Double positionDecay, Double driftRate,
            Double qualityWeight) {
        public Params {
            beta = Check.nonNegative("beta", beta == null ? 5.0 : beta);
            noClickUtility = Check.finite("noClickUtility", noClickUtility == null ? 0.4 : noClickUtility);
            positionDecay = Check.nonNegative("positionDecay", positionDecay == null ? 0.7 : positionDecay);
            driftRate = Check.unit("driftRate", driftRate == null ? 0.05 : driftRate);
            qualityWeight = Check.finite("qualityWeight", qualityWeight == null ? 0.0 : qualityWeight);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null);
        }
    }

    private final Params p;

    public MnlUserModel(Params p) {
        this.p = p;
    }

    public Params params() {
        return p;
    }

    /** Position bias of 0-based position r. */
    public double positionBias(int r) {
        return Math.pow(r + 1, -p.positionDecay());
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        Catalog catalog = ctx.world().catalog();
        Population pop = ctx.world().population();
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        float[] feats = catalog.features();
        int k = slates.k();
        double[] weight = new double[k];
        double[] utility = new double[k];
        double[] bias = new double[k];
        for (int r = 0; r < k; r++) {
            bias[r] = positionBias(r);
        }
        double beta = p.beta();
        double qualityWeight = p.qualityWeight();
        float drift = p.driftRate().floatValue();
        double noClick = beta * p.noClickUtility();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            // log-sum-exp: subtract the largest logit so exp never overflows, whatever beta
            double max = noClick;
            for (int r = 0; r < len; r++) {
                int item = slates.item(s, r);
                double util = catalog.dot(item, prefs, u * dim) + qualityWeight * catalog.quality(item);
                utility[r] = util;
                weight[r] = beta * util + Math.log(bias[r]);
                max = Math.max(max, weight[r]);
            }
            double total = Math.exp(noClick - max);
            for (int r = 0; r < len; r++) {
                weight[r] = Math.exp(weight[r] - max);
                total += weight[r];
            }
            UniformRandomProvider rng = ctx.streams().stream(Purposes.REACT, u, ctx.tick());
            double x = rng.nextDouble() * total;
            int chosen = -1;
            for (int r = 0; r < len; r++) {
                x -= weight[r];
                if (x < 0) {
                    chosen = r;
                    break;
                }
            }
            if (chosen < 0) {
                continue;
            }
            int item = slates.item(s, chosen);
            out.add(u, item, EventType.CLICK, s, chosen, (float) utility[chosen]);
            drift(prefs, u * dim, feats, item * dim, dim, drift);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The choice probabilities of {@link #react}, computed with the same arithmetic before the user
     * answers: position r is clicked with probability {@code exp(beta U_r) bias(r) / (exp(beta
     * noClickUtility) + sum of the slate's weights)}.
     */
    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        Catalog catalog = ctx.world().catalog();
        Population pop = ctx.world().population();
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        int k = slates.k();
        double[] weight = new double[k];
        double beta = p.beta();
        double noClick = beta * p.noClickUtility();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            double max = noClick;
            for (int r = 0; r < len; r++) {
                int item = slates.item(s, r);
                double util = catalog.dot(item, prefs, u * dim) + p.qualityWeight() * catalog.quality(item);
                weight[r] = beta * util + Math.log(positionBias(r));
                max = Math.max(max, weight[r]);
            }
            double total = Math.exp(noClick - max);
            for (int r = 0; r < len; r++) {
                weight[r] = Math.exp(weight[r] - max);
                total += weight[r];
            }
            for (int r = 0; r < len; r++) {
                out[s * k + r] = (float) (weight[r] / total);
            }
        }
    }

    /**
     * Moves {@code prefs[pu..]} toward {@code feats[fi..]} by {@code rate}, then renormalises: the
     * one drift arithmetic of every user model (rule, rank-discounted, LLM).
     */
    public static void drift(float[] prefs, int pu, float[] feats, int fi, int dim, float rate) {
        if (rate == 0f) {
            return;
        }
        double norm = 0;
        for (int f = 0; f < dim; f++) {
            float v = (1f - rate) * prefs[pu + f] + rate * feats[fi + f];
            prefs[pu + f] = v;
            norm += (double) v * v;
        }
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int f = 0; f < dim; f++) {
                prefs[pu + f] *= inv;
            }
        }
    }

    /** Keeps no per-user state: answers for any group as it is. */
    @Override
    public void initGroup(org.recloop.core.world.World world, org.recloop.core.rng.RandomStreams streams, int from,
            int to) {}

    /** Nothing: an MNL user's whole state is the world's Population row (preference, activity, status). */
    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) {}

    @Override
    public void readUsers(int[] users, java.io.DataInput in) {}
}
