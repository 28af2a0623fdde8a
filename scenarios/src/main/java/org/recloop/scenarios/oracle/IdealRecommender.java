package org.recloop.scenarios.oracle;

import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TopK;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.World;

/**
 * The ideal recommender of Chaney et al. (2018): it ranks items by each user's true score
 * {@code p_u·x_i}, read from the ground truth at serving time (so it follows drifting
 * preferences too). Not a real algorithm: a reference that shows what perfect knowledge does to
 * homogenisation and utility.
 */
public final class IdealRecommender implements Recommender, WorldAware {

    /** No parameters. */
    public record Params() {}

    private volatile World world;

    @Override
    public void bind(World w) {
        this.world = w;
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
        World w = world;
        if (w == null) {
            throw new IllegalStateException("the ideal recommender was not bound to a world");
        }
        Catalog cat = w.catalog();
        float[] prefs = w.population().preferences();
        int dim = cat.dim();
        int k = slates.k();
        TopK top = new TopK(k);
        int[] items = new int[k];
        float[] scores = new float[k];
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            top.reset(k);
            for (int i = 0; i < ctx.numItems(); i++) {
                float sc = cat.dot(i, prefs, u * dim);
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
