package org.recloop.core.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The ranker's block search gives the dense scan's slates (items, scores, lengths) when each
 * block's bound is the largest score in it, the tightest bound there is: with scores drawn from a
 * few values (ties everywhere, at the threshold too), NaN scores, consumed items, k of 1 and k above
 * the unconsumed count, and users the index does not cover. A bound one ulp too low breaks it.
 */
class BoundedSearchTest {

    private static final RandomStreams STREAMS = new RandomStreams(3);

    /** Scores from a table; blocks of random items; bound = max score of the block, minus {@code ulps} ulps. */
    private static final class TableBlocks implements ItemScorer.Bounded {
        final float[][] table;
        final int[] items;
        final int[] starts;
        final int ulps;

        TableBlocks(float[][] table, int n, SplittableRandom rnd, int ulps) {
            this.table = table;
            this.ulps = ulps;
            items = new int[n];
            for (int i = 0; i < n; i++) {
                items[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // shuffle, then blocks of 1..9 items, ascending inside
                int j = rnd.nextInt(i + 1);
                int t = items[i];
                items[i] = items[j];
                items[j] = t;
            }
            int[] cuts = new int[n + 1];
            int nb = 0;
            for (int p = 0; p < n; p += 1 + rnd.nextInt(9)) {
                cuts[nb++] = p;
            }
            cuts[nb++] = n;
            starts = Arrays.copyOf(cuts, nb);
            for (int b = 0; b + 1 < starts.length; b++) {
                Arrays.sort(items, starts[b], starts[b + 1]);
            }
        }

        @Override
        public int scoredItems() {
            return items.length;
        }

        @Override
        public Fallback fallback() {
            return Fallback.random();
        }

        @Override
        public boolean knows(int user) {
            return table[user] != null;
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            for (int g = 0; g < count; g++) {
                System.arraycopy(table[users[g]], i0, out, g * stride, i1 - i0);
            }
        }

        @Override
        public boolean bounded(int user) {
            return user % 7 != 6; // some users are ranked densely
        }

        @Override
        public int[] blockItems() {
            return items;
        }

        @Override
        public int[] blockStarts() {
            return starts;
        }

        @Override
        public void blockBounds(int user, float[] out) {
            for (int b = 0; b + 1 < starts.length; b++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int p = starts[b]; p < starts[b + 1]; p++) {
                    float s = table[user][items[p]];
                    max = s == s ? Math.max(max, s) : max;
                }
                for (int k = 0; k < ulps; k++) {
                    max = Math.nextDown(max);
                }
                out[b] = max;
            }
        }

        @Override
        public int firstBlock(int user) {
            return user * 31 % (starts.length - 1); // any block: only the work depends on it
        }

        @Override
        public void scoreBlock(int user, int b, float[] out) {
            for (int p = starts[b]; p < starts[b + 1]; p++) {
                out[p - starts[b]] = table[user][items[p]];
            }
        }
    }

    /** The same scores, dense only. */
    private record DenseOnly(TableBlocks t) implements ItemScorer.Dense {
        @Override
        public int scoredItems() {
            return t.scoredItems();
        }

        @Override
        public Fallback fallback() {
            return t.fallback();
        }

        @Override
        public boolean knows(int user) {
            return t.knows(user);
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            t.score(users, count, i0, i1, out, stride);
        }
    }

    private static float[][] table(SplittableRandom rnd, int users, int n) {
        float[] values = {0f, -0f, 0.5f, 1f, 1.5f, 2f, Float.NaN, Float.NEGATIVE_INFINITY};
        float[][] t = new float[users][];
        for (int u = 0; u < users; u++) {
            if (u % 11 == 10) {
                continue; // unknown user: random slate
            }
            t[u] = new float[n];
            int spread = 2 + u % 6; // few distinct values for some users: ties everywhere
            for (int i = 0; i < n; i++) {
                t[u][i] = values[rnd.nextInt(spread)];
            }
        }
        return t;
    }

    private static ConsumptionHistory consumed(SplittableRandom rnd, int users, int n) {
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int u = 0; u < users; u++) {
            int m = u % 4 == 3 ? n - 3 : rnd.nextInt(n / 2);
            for (int c = 0; c < m; c++) {
                h.add(u, rnd.nextInt(n));
            }
        }
        return h;
    }

    /** Whether the block search served exactly the dense slates for every k tried. */
    private static boolean sameSlates(int ulps) {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 150;
        int users = 120;
        float[][] t = table(rnd, users, n);
        ConsumptionHistory h = consumed(rnd, users, n);
        TableBlocks blocks = new TableBlocks(t, n, rnd, ulps);
        ServeContext ctx = new ServeContext(5, n, h, STREAMS);
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        for (int k : new int[] {1, 3, 10, 40, 200}) {
            SlateBatch dense = new SlateBatch(ids, k);
            SlateRanker.rank(new DenseOnly(blocks), dense, 0, users, ctx);
            SlateBatch searched = new SlateBatch(ids, k);
            SlateRanker.rank(blocks, searched, 0, users, ctx);
            for (int s = 0; s < users; s++) {
                if (searched.length(s) != dense.length(s)) {
                    return false;
                }
                for (int r = 0; r < dense.length(s); r++) {
                    if (searched.item(s, r) != dense.item(s, r) || Float.floatToRawIntBits(searched.score(s, r))
                            != Float.floatToRawIntBits(dense.score(s, r))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void blockSearchServesTheDenseSlatesWithTiesNaNsConsumedItemsAndShortSlates() {
        assertThat(sameSlates(0)).isTrue();
    }

    @Test
    void aBoundOneUlpBelowTheBestScoreOfItsBlockChangesSlates() {
        // the check above is sharp: a bound that rounding could leave below a score loses items
        assertThat(sameSlates(1)).isFalse();
    }
}
