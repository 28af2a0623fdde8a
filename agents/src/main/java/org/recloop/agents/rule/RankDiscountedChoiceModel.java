package org.recloop.agents.rule;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.recloop.core.config.Check;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * The user of Chaney, Stewart and Engelhardt (RecSys 2018): in every session the user consumes
 * exactly one item, the one of the slate maximising {@code score(u, i)·(r+1)^-alpha}, where
 * {@code score = p_u·x_i} is the true score and r the 0-based position (rank discount). There is
 * no outside option and no noise; re-consumption is impossible because slates exclude consumed
 * items. Preferences do not drift unless {@code driftRate > 0}. {@code alpha} is the paper's
 * attention exponent (T-RECS's {@code attention_exp}, with the opposite sign).
 *
 * <p>In a world with Beta-noised utility ({@code chaney}) the true score is that world's {@code V_ui}
 * ({@link Population#trueScore}). With {@code muEta < 1} users know only part of it, as in the
 * paper: they choose by {@code V_ui·η_ui}, {@code η_ui ~ Beta'(muEta, etaSigma)} drawn per pair
 * (stream "users.rank-discounted.eta", user, item: the same every time), while the click's value,
 * which true-utility metrics read, stays {@code V_ui}.
 */
public final class RankDiscountedChoiceModel implements UserGroupModel, ClickProbabilities,
        org.recloop.core.react.UserStateRows {

    /**
     * @param alpha rank-discount exponent (0 = pick the best item wherever it is)
     * @param driftRate preference drift toward the consumed item (Chaney et al. use none)
     */
    public record Params(Double alpha, Double driftRate, Double muEta, Double etaSigma) {
        public Params {
            alpha = Check.nonNegative("alpha", alpha == null ? 1.0 : alpha);
            driftRate = Check.unit("driftRate", driftRate == null ? 0.0 : driftRate);
            muEta = Check.unit("muEta", muEta == null ? 1.0 : muEta);
            if (muEta == 0) {
                throw new org.recloop.core.config.InvalidParameterException("muEta",
                        "must be above 0 (the share of their utility users know), was 0");
            }
            etaSigma = Check.nonNegative("etaSigma", etaSigma == null ? 1e-5 : etaSigma);
            if (etaSigma >= 0.5) {
                throw new org.recloop.core.config.InvalidParameterException("etaSigma", "must be below 0.5, was " + etaSigma);
            }
        }

        /** alpha and driftRate as given; users know their whole utility. */
        public Params(Double alpha, Double driftRate) {
            this(alpha, driftRate, null, null);
        }
    }

    private static final long ETA = org.recloop.core.rng.RandomStreams.purpose("users.rank-discounted.eta");

    private final Params p;

    public RankDiscountedChoiceModel(Params p) {
        this.p = p;
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        Catalog cat = ctx.world().catalog();
        Population pop = ctx.world().population();
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        float drift = p.driftRate().floatValue();
        org.recloop.core.world.BetaNoise eta = p.muEta() < 1
                ? new org.recloop.core.world.BetaNoise(ctx.streams(), ETA, p.etaSigma())
                : null;
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            double bestScore = 0;
            for (int r = 0; r < len; r++) {
                int item = slates.item(s, r);
                double score = pop.trueScore(cat, u, item);
                double known = eta == null ? score : score * eta.draw(p.muEta(), u, item);
                double v = known * Math.pow(r + 1, -p.alpha());
                if (v > bestValue) {
                    bestValue = v;
                    best = r;
                    bestScore = score;
                }
            }
            if (best < 0) {
                continue;
            }
            int item = slates.item(s, best);
            out.add(u, item, EventType.CLICK, s, best, (float) bestScore);
            out.add(u, item, EventType.CONSUME, s, best, 1f);
            MnlUserModel.drift(prefs, u * dim, cat.features(), item * dim, dim, drift);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The choice of {@link #react} is certain: 1 for the position it picks, 0 for the others. */
    @Override
    public void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        Catalog cat = ctx.world().catalog();
        Population pop = ctx.world().population();
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        int k = slates.k();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            int len = slates.length(s);
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < len; r++) {
                double v = cat.dot(slates.item(s, r), prefs, u * dim) * Math.pow(r + 1, -p.alpha());
                if (v > bestValue) {
                    bestValue = v;
                    best = r;
                }
                out[s * k + r] = 0f;
            }
            if (best >= 0) {
                out[s * k + best] = 1f;
            }
        }
    }

    /**
     * No per-user state of its own to move between copies of the run: the drifted preferences are
     * the world's (Population rows) and the known share eta is drawn from keyed streams per (user,
     * item), the same on every copy.
     */
    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) {}

    @Override
    public void readUsers(int[] users, java.io.DataInput in) {}

    /** Keeps no per-user state: answers for any group as it is. */
    @Override
    public void initGroup(org.recloop.core.world.World world, org.recloop.core.rng.RandomStreams streams, int from,
            int to) {}
}
