package org.recloop.recommenders.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * Serving content-nnls through the block index gives the dense scan's slates bit for bit (items,
 * scores, lengths): on one-hot catalogs full of exact ties (duplicate items score alike, and the
 * k-th place is decided by the smaller id), coarse catalogs where bounds are loose, zero and
 * all-zero profiles, unknown users, consumed items, and k above what a user has left unconsumed.
 */
class AttributeBlocksTest {

    private static final RandomStreams STREAMS = new RandomStreams(11);

    /** The dense path alone: the same scorer with its index hidden. */
    private record DenseOnly(ProfileScorer s) implements ItemScorer.Dense {
        @Override
        public int scoredItems() {
            return s.scoredItems();
        }

        @Override
        public Fallback fallback() {
            return s.fallback();
        }

        @Override
        public boolean knows(int user) {
            return s.knows(user);
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            s.score(users, count, i0, i1, out, stride);
        }
    }

    /** The bounded scorer, counting the blocks the search scores. */
    private static final class Counting implements ItemScorer.Bounded {
        final ProfileScorer s;
        long blocksScored;
        long usersSearched;

        Counting(ProfileScorer s) {
            this.s = s;
        }

        @Override
        public int scoredItems() {
            return s.scoredItems();
        }

        @Override
        public Fallback fallback() {
            return s.fallback();
        }

        @Override
        public boolean knows(int user) {
            return s.knows(user);
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            s.score(users, count, i0, i1, out, stride);
        }

        @Override
        public boolean bounded(int user) {
            return s.bounded(user);
        }

        @Override
        public int[] blockItems() {
            return s.blockItems();
        }

        @Override
        public int[] blockStarts() {
            return s.blockStarts();
        }

        @Override
        public void blockBounds(int user, float[] out) {
            usersSearched++;
            s.blockBounds(user, out);
        }

        @Override
        public int firstBlock(int user) {
            return s.firstBlock(user);
        }

        @Override
        public void scoreBlock(int user, int b, float[] out) {
            blocksScored++;
            s.scoreBlock(user, b, out);
        }
    }

    /** Nearly one-hot items: most exactly (1 on one attribute), some with a small second one, some all zero. */
    private static Catalog oneHot(SplittableRandom rnd, int items, int d) {
        Catalog cat = new Catalog(d, items);
        for (int i = 0; i < items; i++) {
            float[] a = new float[d];
            double kind = rnd.nextDouble();
            if (kind < 0.02) {
                // all zero: scores 0 for everyone
            } else if (kind < 0.75) {
                a[rnd.nextInt(d)] = 1f;
            } else {
                int top = rnd.nextInt(d);
                float second = (float) (rnd.nextDouble() * 0.3);
                a[top] = 1f - second;
                a[rnd.nextInt(d)] += second;
                if (rnd.nextBoolean()) {
                    a[rnd.nextInt(d)] += (float) Math.pow(rnd.nextDouble(), 10) * 1e-3f;
                }
            }
            cat.add(a, 0, -1, 0f, 1f, 0);
        }
        return cat;
    }

    /** Coarse attributes from {0, 1/4, 1/2, 1}: many equal scores and loose bounds. */
    private static Catalog coarse(SplittableRandom rnd, int items, int d) {
        float[] levels = {0f, 0.25f, 0.5f, 1f};
        Catalog cat = new Catalog(d, items);
        for (int i = 0; i < items; i++) {
            float[] a = new float[d];
            for (int f = 0; f < d; f++) {
                a[f] = levels[rnd.nextInt(levels.length)];
            }
            cat.add(a, 0, -1, 0f, 1f, 0);
        }
        return cat;
    }

    /**
     * Unit-length profiles with about half the weights zero; some users unknown (null), some all
     * zero, some with equal weights (more ties), some with weights of very different magnitudes.
     */
    private static float[][] profiles(SplittableRandom rnd, int users, int d) {
        float[][] p = new float[users][];
        for (int u = 0; u < users; u++) {
            int kind = u % 9;
            if (kind == 4) {
                continue;
            }
            float[] th = new float[d];
            if (kind != 7) {
                for (int f = 0; f < d; f++) {
                    if (rnd.nextBoolean()) {
                        th[f] = kind == 2 ? 1f : (float) (rnd.nextDouble() * (kind == 5 ? Math.pow(10, -rnd.nextInt(6)) : 1));
                    }
                }
            }
            p[u] = CountProfiles.unit(th);
        }
        return p;
    }

    /** Consumed items: none, a few, many, or all but a handful (fewer left than k). */
    private static ConsumptionHistory consumed(SplittableRandom rnd, int users, int items) {
        ConsumptionHistory h = new ConsumptionHistory(users);
        for (int u = 0; u < users; u++) {
            int m = switch (u % 5) {
                case 0 -> 0;
                case 1 -> 3;
                case 2 -> 60;
                case 3 -> items - 4;
                default -> items / 2;
            };
            for (int c = 0; c < m; c++) {
                h.add(u, rnd.nextInt(items));
            }
            if (u % 5 == 3) {
                for (int i = 0; i < items; i++) {
                    if (i % 37 != 5) {
                        h.add(u, i);
                    }
                }
            }
        }
        return h;
    }

    /** Serves every user both ways and checks the slates are the same; returns the counting scorer. */
    private static Counting sameSlates(Catalog cat, float[][] prof, ConsumptionHistory h, int k) {
        int n = cat.size();
        FeatureMajor fm = FeatureMajor.of(null, cat, n);
        AttributeBlocks index = AttributeBlocks.of(null, cat, n);
        ServeContext ctx = new ServeContext(3, n, h, STREAMS, cat);
        int[] users = new int[prof.length];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        SlateBatch dense = new SlateBatch(users, k);
        SlateRanker.rank(new DenseOnly(new ProfileScorer(prof, n, fm, index, cat.dim())), dense, 0, users.length, ctx);
        SlateBatch searched = new SlateBatch(users, k);
        Counting counting = new Counting(new ProfileScorer(prof, n, fm, index, cat.dim()));
        SlateRanker.rank(counting, searched, 0, users.length, ctx);
        for (int s = 0; s < users.length; s++) {
            assertThat(searched.length(s)).as("slate length of user %d, k %d", s, k).isEqualTo(dense.length(s));
            for (int r = 0; r < dense.length(s); r++) {
                assertThat(searched.item(s, r)).as("user %d position %d, k %d", s, r, k).isEqualTo(dense.item(s, r));
                assertThat(Float.floatToRawIntBits(searched.score(s, r))).as("score of user %d position %d", s, r)
                        .isEqualTo(Float.floatToRawIntBits(dense.score(s, r)));
            }
        }
        return counting;
    }

    @Test
    void oneHotCatalogWithTiesConsumedItemsAndShortSlatesServesTheDenseSlates() {
        SplittableRandom rnd = new SplittableRandom(2018);
        Catalog cat = oneHot(rnd, 3000, 20);
        float[][] prof = profiles(rnd, 270, 20);
        ConsumptionHistory h = consumed(rnd, 270, 3000);
        AttributeBlocks index = AttributeBlocks.of(null, cat, cat.size());
        assertThat(index.tight()).isTrue();
        for (int k : new int[] {1, 10, 33, 200}) {
            Counting c = sameSlates(cat, prof, h, k);
            if (k == 10) {
                // the search prunes: far fewer blocks scored than every block for every user
                assertThat(c.usersSearched).isEqualTo(240);
                assertThat(c.blocksScored).isLessThan(c.usersSearched * index.blocks() / 4);
            }
        }
    }

    @Test
    void coarseCatalogWithLooseBoundsServesTheDenseSlates() {
        SplittableRandom rnd = new SplittableRandom(5);
        Catalog cat = coarse(rnd, 700, 6);
        AttributeBlocks loose = AttributeBlocks.of(null, cat, cat.size());
        assertThat(loose.tight()).as("looseness %s", loose.looseness()).isFalse(); // the recommender stays dense
        float[][] prof = profiles(rnd, 180, 6);
        ConsumptionHistory h = consumed(rnd, 180, 700);
        for (int k : new int[] {1, 7, 64, 700}) {
            sameSlates(cat, prof, h, k);
        }
    }

    @Test
    void oneBlockPerDuplicateGroupKeepsTheSmallestIdsAcrossGroupsAtEqualScores() {
        // two attributes, every item exactly one-hot: a user weighting both alike sees one score
        // for every item, so the slate is the k smallest unconsumed ids, taken across the groups
        Catalog cat = new Catalog(2, 200);
        for (int i = 0; i < 200; i++) {
            cat.add(i % 3 == 0 ? new float[] {1f, 0f} : new float[] {0f, 1f}, 0, -1, 0f, 1f, 0);
        }
        float[][] prof = {CountProfiles.unit(new float[] {1f, 1f}), CountProfiles.unit(new float[] {0f, 1f})};
        ConsumptionHistory h = new ConsumptionHistory(2);
        h.add(0, 0);
        h.add(0, 4);
        Counting c = sameSlates(cat, prof, h, 5);
        SlateBatch b = new SlateBatch(new int[] {0, 1}, 5);
        SlateRanker.rank(c, b, 0, 2, new ServeContext(0, 200, h, STREAMS, cat));
        assertThat(new int[] {b.item(0, 0), b.item(0, 1), b.item(0, 2), b.item(0, 3), b.item(0, 4)})
                .containsExactly(1, 2, 3, 5, 6);
        assertThat(new int[] {b.item(1, 0), b.item(1, 1), b.item(1, 2), b.item(1, 3), b.item(1, 4)})
                .containsExactly(1, 2, 4, 5, 7);
    }

    @Test
    void catalogsWithNegativeOrInfiniteAttributesAreNotIndexed() {
        Catalog neg = new Catalog(2, 2);
        neg.add(new float[] {1f, -0.5f}, 0, -1, 0f, 1f, 0);
        assertThat(AttributeBlocks.of(null, neg, 1).tight()).isFalse();
        Catalog inf = new Catalog(2, 2);
        inf.add(new float[] {1f, Float.POSITIVE_INFINITY}, 0, -1, 0f, 1f, 0);
        assertThat(AttributeBlocks.of(null, inf, 1).tight()).isFalse();
    }
}
