package org.recloop.core.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The shared slate ranker on small hand-made scores: ties, exclusion, each fallback, the
 * sparse and candidate paths, and reuse of its per-thread buffers across calls.
 */
class SlateRankerTest {

    private static final RandomStreams STREAMS = new RandomStreams(7);

    /** score(u, i) = table[u][i]; users with a null row are unknown. */
    private record TableScorer(float[][] table, int items, Fallback fallback) implements ItemScorer.Dense {
        @Override
        public int scoredItems() {
            return items;
        }

        @Override
        public boolean knows(int u) {
            return u < table.length && table[u] != null;
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            for (int g = 0; g < count; g++) {
                for (int i = i0; i < i1; i++) {
                    out[g * stride + i - i0] = table[users[g]][i];
                }
            }
        }
    }

    private static int[] items(SlateBatch b, int s) {
        int[] out = new int[b.length(s)];
        for (int r = 0; r < out.length; r++) {
            out[r] = b.item(s, r);
        }
        return out;
    }

    private static ServeContext ctx(int numItems, ConsumptionHistory h) {
        return new ServeContext(3, numItems, h, STREAMS);
    }

    @Test
    void denseTopKBreaksTiesBySmallerIdAndSkipsConsumed() {
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(0, 1);
        float[][] t = {{5f, 9f, 5f, 7f, 5f, Float.NaN}};
        SlateBatch b = new SlateBatch(new int[] {0}, 3);
        SlateRanker.rank(new TableScorer(t, 6, Fallback.popular(new int[0])), b, 0, 1, ctx(6, h));
        assertThat(items(b, 0)).containsExactly(3, 0, 2);
        assertThat(b.score(0, 0)).isEqualTo(7f);
        assertThat(b.propensity(0, 0)).isEqualTo(1f);
    }

    /**
     * Many items with exactly the threshold's score across item blocks (as nearly one-hot
     * attributes give): the slate is still the best items, ties to the smaller id, consumed ones
     * skipped wherever they fall, including among the tied and in later blocks.
     */
    @Test
    void tiesAtTheThresholdAcrossBlocksGoToTheSmallerUnconsumedIds() {
        int n = 3 * SlateRanker.ITEM_BLOCK + 17;
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            row[i] = i % 3 == 0 ? 2f : 1f; // a third of the catalog ties at the top score
        }
        row[n - 5] = 3f; // the single best item is in the last block
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 0);
        h.add(0, 6);
        h.add(0, n - 5);
        SlateBatch b = new SlateBatch(new int[] {0}, 4);
        SlateRanker.rank(new TableScorer(new float[][] {row}, n, Fallback.random()), b, 0, 1, ctx(n, h));
        assertThat(items(b, 0)).containsExactly(3, 9, 12, 15);
        h.add(0, 3);
        row[2 * SlateRanker.ITEM_BLOCK + 1] = 2.5f;
        SlateRanker.rank(new TableScorer(new float[][] {row}, n, Fallback.random()), b, 0, 1, ctx(n, h));
        assertThat(items(b, 0)).containsExactly(2 * SlateRanker.ITEM_BLOCK + 1, 9, 12, 15);
    }

    @Test
    void unknownUsersGetPopularThenNewerItemsAndKnownUsersAreCompletedWithNewerOnly() {
        ConsumptionHistory h = new ConsumptionHistory(3);
        h.add(1, 2);
        h.add(0, 0);
        h.add(0, 1);
        // user 0 known, but only item 2 of the 3 scored items is left; user 1 unknown
        float[][] t = {{1f, 2f, 3f}, null};
        Fallback fb = Fallback.popular(new int[] {2, 0, 1}, 3);
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 4);
        SlateRanker.rank(new TableScorer(t, 3, fb), b, 0, 2, ctx(6, h));
        assertThat(items(b, 0)).containsExactly(2, 3, 4, 5);
        assertThat(items(b, 1)).containsExactly(0, 1, 3, 4);
        assertThat(b.score(1, 0)).isZero();
    }

    @Test
    void randomFallbackIsTheSeededRandomSlateAndScoredUsersAreNotCompleted() {
        ConsumptionHistory h = new ConsumptionHistory(2);
        float[][] t = {{1f, 2f}, null};
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 3);
        SlateRanker.rank(new TableScorer(t, 2, Fallback.random()), b, 0, 2, ctx(40, h));
        assertThat(items(b, 0)).containsExactly(1, 0);
        SlateBatch expected = new SlateBatch(new int[] {1}, 3);
        SlateRanker.fillRandom(expected, 0, 1, 40, 3, h, STREAMS.stream(Purposes.SERVE, 1, 3));
        assertThat(items(b, 1)).containsExactly(items(expected, 0));
        assertThat(b.propensity(1, 0)).isEqualTo(expected.propensity(0, 0));
    }

    @Test
    void sparseScoresAreCompletedFromThePopularOrderSkippingScoredItemsThenNewerItems() {
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 3);
        ItemScorer.Sparse scorer = new ItemScorer.Sparse() {
            @Override
            public int scoredItems() {
                return 5;
            }

            @Override
            public Fallback fallback() {
                return Fallback.popular(new int[] {4, 1, 3, 0, 2}, 5);
            }

            @Override
            public void score(int user, SparseScores into) {
                into.add(1, 0.5f);
                into.add(3, 2f); // consumed
                into.add(1, 0.25f);
            }
        };
        SlateBatch b = new SlateBatch(new int[] {0}, 5);
        SlateRanker.rank(scorer, b, 0, 1, ctx(7, h));
        assertThat(items(b, 0)).containsExactly(1, 4, 0, 2, 5);
        assertThat(b.score(0, 0)).isEqualTo(0.75f);
        // the accumulator is empty again for the next call on this thread
        SlateBatch again = new SlateBatch(new int[] {0}, 5);
        SlateRanker.rank(scorer, again, 0, 1, ctx(7, h));
        assertThat(again.score(0, 0)).isEqualTo(0.75f);
    }

    @Test
    void candidatesAreScoredAloneUnlessTooFewAreUnconsumed() {
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(1, 6);
        float[][] t = {{0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f}, {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f}};
        class Cands extends TableScorerBase implements ItemScorer.Candidates {
            Cands() {
                super(t);
            }

            @Override
            public int groupOf(int user) {
                return 0;
            }

            @Override
            public int[] candidates(int group) {
                return new int[] {1, 2, 6};
            }

            @Override
            public int maxCandidates() {
                return 3;
            }

            @Override
            public void scoreCandidates(int group, int[] users, int count, float[] out, int stride) {
                for (int g = 0; g < count; g++) {
                    for (int c = 0; c < 3; c++) {
                        out[g * stride + c] = t[users[g]][candidates(0)[c]];
                    }
                }
            }
        }
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 3);
        SlateRanker.rank(new Cands(), b, 0, 2, ctx(8, h));
        assertThat(items(b, 0)).containsExactly(6, 2, 1); // only the candidates
        assertThat(items(b, 1)).containsExactly(7, 5, 4); // 2 candidates left < k: every item
    }

    /** Dense table scorer without a fallback of its own, for the candidate test. */
    private abstract static class TableScorerBase implements ItemScorer.Dense {
        private final float[][] table;

        TableScorerBase(float[][] table) {
            this.table = table;
        }

        @Override
        public int scoredItems() {
            return table[0].length;
        }

        @Override
        public Fallback fallback() {
            return Fallback.popular(new int[0]);
        }

        @Override
        public boolean knows(int u) {
            return true;
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            new TableScorer(table, table[0].length, fallback()).score(users, count, i0, i1, out, stride);
        }
    }

    @Test
    void scoringRecommenderServesRandomSlatesBeforeItHasAScorer() {
        ScoringRecommender r = new ScoringRecommender() {
            @Override
            protected Optional<ItemScorer> scorer(ServeContext ctx) {
                return Optional.empty();
            }

            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public int modelVersion() {
                return 0;
            }
        };
        ConsumptionHistory h = new ConsumptionHistory(1);
        SlateBatch b = new SlateBatch(new int[] {0}, 4);
        r.recommend(b, 0, 1, ctx(100, h));
        SlateBatch expected = new SlateBatch(new int[] {0}, 4);
        SlateRanker.serveRandom(expected, 0, 1, ctx(100, h));
        assertThat(items(b, 0)).hasSize(4).containsExactly(items(expected, 0));
    }

    @Test
    void excludedMeansOutsideTheCatalogOrConsumed() {
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 2);
        ServeContext c = ctx(4, h);
        assertThat(SlateRanker.excluded(c, 0, 2)).isTrue();
        assertThat(SlateRanker.excluded(c, 0, 4)).isTrue();
        assertThat(SlateRanker.excluded(c, 0, -1)).isTrue();
        assertThat(SlateRanker.excluded(c, 0, 3)).isFalse();
    }

    @Test
    void retiredItemsAreNeverServedByScoresFallbacksOrRandomSlates() {
        Catalog cat = new Catalog(2, 8);
        for (int i = 0; i < 8; i++) {
            cat.add(new float[] {1f, 0f}, 0, -1, 0.5f, 1f, 0);
        }
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(0, 1);
        ServeContext before = new ServeContext(3, 8, h, STREAMS, cat);
        float[][] t = {{8f, 7f, 6f, 5f, 4f, 3f, 2f, 1f}, null};
        TableScorer scorer = new TableScorer(t, 6, Fallback.popular(new int[] {0, 2, 4}, 6));
        SlateBatch plain = new SlateBatch(new int[] {0, 1}, 4);
        SlateRanker.rank(scorer, plain, 0, 2, before);
        assertThat(items(plain, 0)).containsExactly(0, 2, 3, 4);
        assertThat(items(plain, 1)).containsExactly(0, 2, 4, 6);

        cat.retire(0);
        cat.retire(4);
        cat.retire(6);
        ServeContext ctx = new ServeContext(3, 8, h, STREAMS, cat);
        assertThat(SlateRanker.excluded(ctx, 1, 4)).isTrue();
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 4);
        SlateRanker.rank(scorer, b, 0, 2, ctx);
        assertThat(items(b, 0)).containsExactly(2, 3, 5, 7); // scores, then newer items
        assertThat(items(b, 1)).containsExactly(2, 7); // popular order, then newer items
        // random slates: every unretired unconsumed item once, with its propensity
        SlateBatch r = new SlateBatch(new int[] {0}, 8);
        SlateRanker.serveRandom(r, 0, 1, ctx);
        assertThat(items(r, 0)).containsExactlyInAnyOrder(2, 3, 5, 7);
        assertThat(r.propensity(0, 0)).isEqualTo(1f);
    }

    @Test
    void manyUsersAcrossBlocksMatchOneUserAtATime() {
        int users = 150;
        int n = 1100; // more than one item block
        float[][] t = new float[users][n];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < n; i++) {
                t[u][i] = ((u * 31 + i * 17) % 97) / 7f; // many ties
            }
        }
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int u = 0; u < users; u++) {
            h.add(u, (u * 13) % n);
        }
        int[] ids = new int[users];
        Arrays.setAll(ids, u -> u);
        TableScorer sc = new TableScorer(t, n, Fallback.popular(new int[0]));
        SlateBatch all = new SlateBatch(ids, 10);
        SlateRanker.rank(sc, all, 0, users, ctx(n, h));
        for (int u = 0; u < users; u++) {
            SlateBatch one = new SlateBatch(new int[] {u}, 10);
            SlateRanker.rank(sc, one, 0, 1, ctx(n, h));
            assertThat(items(all, u)).containsExactly(items(one, 0));
        }
    }
}
