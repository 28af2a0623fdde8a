package org.recloop.recommenders.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Seed-fixed synthetic logs with a held-out next item per user, built with the structure each
 * neural model is made for, and NDCG@10 against the held-out items.
 */
final class HeldOutData {
    final int users;
    final int items;
    final Interactions train;
    final int[][] test;
    final ConsumptionHistory consumed;
    final RandomStreams streams;

    private HeldOutData(int users, int items, List<int[]> rows, int[][] test, RandomStreams streams) {
        this.users = users;
        this.items = items;
        this.test = test;
        this.streams = streams;
        int n = rows.size();
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        consumed = new ConsumptionHistory(users);
        for (int r = 0; r < n; r++) {
            u[r] = rows.get(r)[0];
            i[r] = rows.get(r)[1];
            t[r] = rows.get(r)[2];
            v[r] = 1f;
            consumed.add(u[r], i[r]);
        }
        train = new Interactions(u, i, t, v, users, items);
    }

    /** A log of {@code rows} ({user, item, tick}, in log order) with held-out items per user. */
    static HeldOutData of(int users, int items, List<int[]> rows, int[][] test, long seed) {
        return new HeldOutData(users, items, rows, test, new RandomStreams(seed));
    }

    /**
     * Graph neighbourhoods. 30 communities of 20 items (item i in community i % 30); each user
     * belongs to one community and clicks only 4 distinct items: 90% from its community with
     * popularity skewed inside it (weight 1/(rank+1)), 10% anywhere. One further community click
     * is held out. With 4 clicks a user's own row says little, which is where matrix
     * factorisation is weak; the two-hop neighbourhood (items clicked by users who share an item
     * with you) is almost exactly the community, which is what LightGCN's propagation reads.
     * Popularity is flat across communities, so MostPopular is near random.
     */
    static HeldOutData communities(long seed) {
        int communities = 30;
        int per = 20;
        int users = 900;
        int items = communities * per;
        UniformRandomProvider rng = new RandomStreams(seed).stream(1, 0, 0);
        double[] cum = new double[per];
        double s = 0;
        for (int r = 0; r < per; r++) {
            s += 1.0 / (r + 1);
            cum[r] = s;
        }
        List<int[]> rows = new ArrayList<>();
        int[][] test = new int[users][];
        for (int u = 0; u < users; u++) {
            int c = u % communities;
            java.util.TreeSet<Integer> seen = new java.util.TreeSet<>();
            int[] chosen = new int[5];
            int k = 0;
            while (k < 5) {
                int item;
                if (k == 4 || rng.nextDouble() < 0.9) {
                    double x = rng.nextDouble() * s;
                    int r = 0;
                    while (cum[r] < x) {
                        r++;
                    }
                    item = r * communities + c;
                } else {
                    item = rng.nextInt(items);
                }
                if (seen.add(item)) {
                    chosen[k++] = item;
                }
            }
            for (int q = 0; q < 4; q++) {
                rows.add(new int[] {u, chosen[q], q});
            }
            test[u] = new int[] {chosen[4]};
        }
        rows.sort((a, b) -> a[2] != b[2] ? Integer.compare(a[2], b[2]) : Integer.compare(a[0], b[0]));
        return new HeldOutData(users, items, rows, test, new RandomStreams(seed));
    }

    /**
     * Sequential order. 25 chains of 16 items (chain c holds items c, c+25, c+50, ... in that
     * order). Each user picks a chain and a start and clicks 6..9 consecutive items of it, one
     * per tick; the next item of the chain is held out (leave-last-out). Every item of a chain is
     * equally likely to be clicked, so MostPopular is near random; BPR learns the user's chain
     * and, through overlapping windows, roughly where on it the user is (NDCG@10 about 0.6), but
     * not which item comes next; a model of the order of clicks does (SASRec about 0.9).
     */
    static HeldOutData chains(long seed) {
        int chains = 25;
        int length = 16;
        int users = 800;
        int items = chains * length;
        UniformRandomProvider rng = new RandomStreams(seed).stream(2, 0, 0);
        List<int[]> rows = new ArrayList<>();
        int[][] test = new int[users][];
        for (int u = 0; u < users; u++) {
            int c = rng.nextInt(chains);
            int n = 6 + rng.nextInt(4);
            int start = rng.nextInt(length - n);
            for (int q = 0; q < n; q++) {
                rows.add(new int[] {u, (start + q) * chains + c, q});
            }
            test[u] = new int[] {(start + n) * chains + c};
        }
        rows.sort((a, b) -> a[2] != b[2] ? Integer.compare(a[2], b[2]) : Integer.compare(a[0], b[0]));
        return new HeldOutData(users, items, rows, test, new RandomStreams(seed));
    }

    /**
     * The same log with its rows in a seeded random order, as in a ratings file that is not
     * sorted by time (MovieLens u.data): the ticks still say the order of each user's clicks.
     */
    HeldOutData shuffledRows(long seed) {
        int n = train.size();
        List<int[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(new int[] {train.users()[r], train.items()[r], train.ticks()[r]});
        }
        UniformRandomProvider rng = new RandomStreams(seed).stream(3, 0, 0);
        for (int r = n - 1; r > 0; r--) {
            java.util.Collections.swap(rows, r, rng.nextInt(r + 1));
        }
        return new HeldOutData(users, items, rows, test, streams);
    }

    TrainContext trainContext() {
        return new TrainContext(0, streams, null, 1);
    }

    ServeContext serveContext() {
        return new ServeContext(1, items, consumed, streams);
    }

    SlateBatch recommendAll(Recommender rec, int k) {
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        SlateBatch slates = new SlateBatch(ids, k);
        rec.recommend(slates, 0, users, serveContext());
        return slates;
    }

    /** Mean binary-relevance NDCG@10 over users against the held-out items. */
    double ndcgAt10(Recommender rec) {
        SlateBatch slates = recommendAll(rec, 10);
        double total = 0;
        for (int u = 0; u < users; u++) {
            int[] t = test[u].clone();
            Arrays.sort(t);
            double dcg = 0;
            for (int r = 0; r < slates.length(u); r++) {
                if (Arrays.binarySearch(t, slates.item(u, r)) >= 0) {
                    dcg += 1 / (Math.log(r + 2) / Math.log(2));
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(10, t.length); r++) {
                ideal += 1 / (Math.log(r + 2) / Math.log(2));
            }
            total += dcg / ideal;
        }
        return total / users;
    }
}
