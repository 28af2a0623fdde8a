package org.recloop.core.contract;

import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;

/** Shows the first k unconsumed items by id: a recommender whose slates are easy to predict in tests. */
public class FirstUnconsumedRecommender implements Recommender {
    @Override
    public void fit(Interactions all, TrainContext ctx) {}

    @Override
    public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
        for (int s = from; s < to; s++) {
            int r = 0;
            for (int i = 0; i < ctx.numItems() && r < slates.k(); i++) {
                if (!ctx.consumed().contains(slates.user(s), i)) {
                    slates.set(s, r++, i, 1f, 1f, SlateSource.RECOMMENDER);
                }
            }
        }
    }

    @Override
    public int modelVersion() {
        return 0;
    }
}
