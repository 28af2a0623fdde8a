package org.recloop.scenarios.oracle;

import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;

/**
 * The ideal recommender of Chaney et al. (2018): it ranks items by each user's true score
 * {@code p_u·x_i}, read from the ground truth at serving time (so it follows drifting
 * preferences too). Not a real algorithm: a reference that shows what perfect knowledge does to
 * homogenisation and utility.
 *
 * <p>The ground truth is the run's {@link GroundTruth} capability, looked up when serving: the
 * same at the top level, as an A/B arm, under a re-ranker or after a switch.
 */
public final class IdealRecommender implements Recommender {

    /** No parameters. */
    public record Params() {}

    private final Capabilities capabilities;

    /** @param capabilities the run's; must grant {@link GroundTruth} by the first recommend */
    public IdealRecommender(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        // nothing to learn: it knows
    }

    @Override
    public int modelVersion() {
        return 0;
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        GroundTruth truth = capabilities.capability(GroundTruth.class).orElseThrow(() -> new IllegalStateException(
                "the ideal recommender needs the ground truth (capability GroundTruth), and " + capabilities
                        + " has none; it can only serve inside a run"));
        int k = slates.k();
        TopK top = new TopK(k);
        int[] items = new int[k];
        float[] scores = new float[k];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            top.reset(k);
            for (int i = 0; i < ctx.numItems(); i++) {
                float sc = truth.trueScore(u, i);
                if (sc >= top.threshold() && !ctx.consumed().contains(u, i)) {
                    top.offer(i, sc);
                }
            }
            int n = top.drainSorted(items, scores);
            for (int r = 0; r < n; r++) {
                slates.set(s, r, items[r], scores[r], 1f, SlateSource.RECOMMENDER);
            }
        }
    }
}
