package org.recloop.recommenders.defence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.TrainContext;

/**
 * {@code robust}: user-wise reweighting in the spirit of LoRec (Zhang et al. 2024): every
 * account's interactions count with weight {@code min(1, ((1 - score) / (1 - median))^strength)},
 * from its {@link SuspicionScores} score and the median account's, so suspicious accounts weigh
 * less without a hard cut-off while accounts no more suspicious than the median keep weight 1.
 *
 * <p>The weight is applied by keeping each interaction with that probability rather than by
 * writing it into {@code Interactions.values}: the shipped learners (ALS, BPR, kNN, popularity)
 * count rows and ignore the values, so thinning is the one form every base honours, and in
 * expectation it is the same reweighting. Draws come from the run's streams keyed by (user, tick
 * of the fit), one per row in log order, so the result does not depend on threads.
 *
 * <p>Scores use the follow graph as {@code detect}'s do: with {@code graphFeatures} on and a run
 * that grants a follow graph with edges.
 */
public final class RobustRecommender extends DefenceRecommender {

    private static final long KEEP = RandomStreams.purpose("recommender.robust.keep");

    /**
     * @param strength exponent of the down-weighting, &gt;= 0 (default 2; 0 turns the defence off)
     * @param base the recommender to protect (required)
     * @param graphFeatures judge from the follow graph too, where the run has one with edges
     *     (default true; no effect without follows)
     */
    public record Params(Double strength, JsonNode base, Boolean graphFeatures) {
        public Params {
            strength = Check.nonNegative("strength", strength == null ? 2.0 : strength);
            graphFeatures = graphFeatures == null || graphFeatures;
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to protect");
            }
        }
    }

    private final double strength;
    private final boolean graphFeatures;
    private final Capabilities capabilities;
    private float[] weight = new float[0];

    /** A defence that judges from clicks alone (made outside a run: no follow graph). */
    public RobustRecommender(Recommender base, double strength) {
        this(base, strength, true, Capabilities.NONE);
    }

    public RobustRecommender(Recommender base, double strength, boolean graphFeatures, Capabilities capabilities) {
        super(base);
        this.strength = strength;
        this.graphFeatures = graphFeatures;
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The weight of {@code user} at the last fit (1 before the first, or for an unseen user). */
    public double weight(int user) {
        return user >= 0 && user < weight.length ? weight[user] : 1.0;
    }

    @Override
    Interactions screenForFit(Interactions all, TrainContext ctx) {
        SuspicionScores scores = SuspicionScores.judge(all, capabilities, graphFeatures);
        // scores are percentiles, so a typical account sits near 0.5: weights are taken relative
        // to the median account's, else every real user would be thinned too and the attackers'
        // surviving clicks would weigh as much as before against them
        double[] sorted = scores.scored().stream().mapToDouble(scores::score).sorted().toArray();
        double typical = sorted.length == 0 ? 1 : Math.max(1e-6, 1 - sorted[(sorted.length - 1) / 2]);
        float[] w = new float[all.numUsers()];
        for (int u = 0; u < w.length; u++) {
            w[u] = (float) Math.min(1, Math.pow((1 - scores.score(u)) / typical, strength));
        }
        weight = w;
        return screen(all, ctx);
    }

    @Override
    Interactions screen(Interactions in, TrainContext ctx) {
        boolean[] keep = new boolean[in.size()];
        int[] seen = new int[in.numUsers()];
        for (int r = 0; r < keep.length; r++) {
            int u = in.users()[r];
            double w = weight(u);
            // the row's index among its user's rows makes the key: independent of other users
            keep[r] = w >= 1 || ctx.streams().uniform(KEEP, u, (long) ctx.tick() * Integer.MAX_VALUE + seen[u]++) < w;
        }
        return keep(in, keep);
    }
}
