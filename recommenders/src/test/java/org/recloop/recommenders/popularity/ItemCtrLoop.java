package org.recloop.recommenders.popularity;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.baseline.RandomRecommender;

/**
 * A non-personalised synthetic world for popularity learners: item i clicked with a true
 * probability {@code ctr(i, tick)} by anyone it is shown to. Each round serves every user a uniformly
 * random slate (so the learners see unbiased clicks and do not steer their own data), draws the
 * clicks in position order from the stream ("test.ctr.click", user, tick), marks clicked items
 * consumed and passes the round's clicks to each learner's {@code update}, as the kernel's Learn
 * phase does. Items may be added between rounds (with their creation tick).
 */
final class ItemCtrLoop {

    interface Ctr {
        double at(int item, int tick);
    }

    private static final long CLICK = RandomStreams.purpose("test.ctr.click");

    final int users;
    final Catalog catalog = new Catalog(1, 64);
    final RandomStreams streams;
    final ConsumptionHistory history;
    final List<int[]> log = new ArrayList<>(); // {user, item, tick}

    ItemCtrLoop(long seed, int users) {
        this.users = users;
        this.streams = new RandomStreams(seed);
        this.history = new ConsumptionHistory(users);
    }

    int addItem(int tick) {
        return catalog.add(new float[] {0f}, -1, -1, 0.5f, 0f, tick);
    }

    /** One round at {@code tick}: random slates of k for every user, clicks by {@code ctr}, updates. */
    void round(int tick, int k, Ctr ctr, Recommender... learners) {
        int[] all = new int[users];
        for (int u = 0; u < users; u++) {
            all[u] = u;
        }
        SlateBatch b = new SlateBatch(all, k);
        ServeContext ctx = new ServeContext(tick, catalog.size(), history, streams, catalog);
        new RandomRecommender().recommend(b, 0, users, ctx);
        List<int[]> rows = new ArrayList<>();
        for (int s = 0; s < users; s++) {
            UniformRandomProvider rng = streams.stream(CLICK, s, tick);
            for (int r = 0; r < b.length(s); r++) {
                int item = b.item(s, r);
                if (rng.nextDouble() < ctr.at(item, tick)) {
                    rows.add(new int[] {s, item, tick});
                }
            }
        }
        for (int[] row : rows) {
            history.add(row[0], row[1]);
            log.add(row);
        }
        Interactions clicks = interactions(rows);
        TrainContext train = new TrainContext(tick, streams, null, 1, catalog);
        for (Recommender l : learners) {
            l.update(clicks, train);
            l.observe(b, clicks, train);
        }
    }

    Interactions interactions(List<int[]> rows) {
        int n = rows.size();
        int[] u = new int[n];
        int[] it = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            u[r] = rows.get(r)[0];
            it[r] = rows.get(r)[1];
            t[r] = rows.get(r)[2];
            v[r] = 1f;
        }
        return new Interactions(u, it, t, v, users, catalog.size());
    }

    /** The first {@code k} items of a fresh user's slate (nothing consumed) at {@code tick}. */
    int[] top(Recommender rec, int k, int tick) {
        SlateBatch b = new SlateBatch(new int[] {0}, k);
        rec.recommend(b, 0, 1, new ServeContext(tick, catalog.size(), new ConsumptionHistory(1), streams, catalog));
        int[] a = new int[b.length(0)];
        for (int r = 0; r < a.length; r++) {
            a[r] = b.item(0, r);
        }
        return a;
    }
}
