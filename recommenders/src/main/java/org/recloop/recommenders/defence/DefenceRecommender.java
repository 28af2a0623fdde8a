package org.recloop.recommenders.defence;

import java.util.Objects;
import java.util.Optional;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ModelScores;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;

/**
 * Base of the defences: serves with the wrapped recommender and hands it only the interactions
 * the subclass lets through, at fit, update and observe alike (the shown slates go through
 * untouched: exposure is not the attackers' doing). Thread-safety as the {@link Recommender}
 * contract: the filter state changes only in fit, on the simulation thread.
 */
abstract class DefenceRecommender implements Recommender, ModelScores {

    private final Recommender base;

    DefenceRecommender(Recommender base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The wrapped recommender. */
    public Recommender base() {
        return base;
    }

    /** Scores the users of {@code all} and returns what the base may learn from. */
    abstract Interactions screenForFit(Interactions all, TrainContext ctx);

    /** What the base may learn from in {@code tick}'s interactions, by the last fit's judgement. */
    abstract Interactions screen(Interactions tick, TrainContext ctx);

    @Override
    public void fit(Interactions all, TrainContext ctx) {
        base.fit(screenForFit(all, ctx), ctx);
    }

    @Override
    public void fitFromScratch(Interactions all, TrainContext ctx) {
        base.fitFromScratch(screenForFit(all, ctx), ctx);
    }

    @Override
    public void update(Interactions tick, TrainContext ctx) {
        base.update(screen(tick, ctx), ctx);
    }

    @Override
    public void observe(SlateBatch shown, Interactions clicks, TrainContext ctx) {
        base.observe(shown, screen(clicks, ctx), ctx);
    }

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        base.recommend(slates, from, to, ctx);
    }

    /** The wrapped recommender's scores: a defence changes what it learns from, not how it serves. */
    @Override
    public Optional<ItemScorer> modelScores(ServeContext ctx) {
        return base instanceof ModelScores m ? m.modelScores(ctx) : Optional.empty();
    }

    @Override
    public int modelVersion() {
        return base.modelVersion();
    }

    /** The rows of {@code in} whose {@code keep} flag is set, in order. */
    static Interactions keep(Interactions in, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        if (n == in.size()) {
            return in;
        }
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        int w = 0;
        for (int r = 0; r < in.size(); r++) {
            if (keep[r]) {
                u[w] = in.users()[r];
                i[w] = in.items()[r];
                t[w] = in.ticks()[r];
                v[w] = in.values()[r];
                w++;
            }
        }
        return new Interactions(u, i, t, v, in.numUsers(), in.numItems());
    }
}
