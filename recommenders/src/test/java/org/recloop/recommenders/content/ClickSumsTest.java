package org.recloop.recommenders.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;

/**
 * Click sums carried from fit to fit are bit for bit the sums from scratch, whatever log the next
 * fit is given: one that extends the last, a sliding window, one with a click forgotten, one with
 * a click on an item the catalog did not have yet.
 */
class ClickSumsTest {

    private static final int D = 5;

    private static Catalog catalog(SplittableRandom rnd, int items) {
        Catalog cat = new Catalog(D, items);
        for (int i = 0; i < items; i++) {
            addItem(rnd, cat);
        }
        return cat;
    }

    private static void addItem(SplittableRandom rnd, Catalog cat) {
        float[] f = new float[D];
        for (int a = 0; a < D; a++) {
            f[a] = (float) Math.pow(rnd.nextDouble(), 3); // sums of these round at every addition
        }
        cat.add(f, 0, 0, 0.5f, 1f, 0);
    }

    /** Ticks {@code [from, to]} of a log of {@code perTick} clicks a tick (rows in log order). */
    private static Interactions log(long seed, int from, int to, int perTick, int users, int items) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = (to - from + 1) * perTick;
        int[] u = new int[n];
        int[] it = new int[n];
        int[] t = new int[n];
        int r = 0;
        for (int tick = 0; tick <= to; tick++) {
            for (int c = 0; c < perTick; c++) {
                int user = rnd.nextInt(users);
                int item = rnd.nextInt(items);
                if (tick >= from) {
                    u[r] = user;
                    it[r] = item;
                    t[r++] = tick;
                }
            }
        }
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return new Interactions(u, it, t, v, users, items);
    }

    private static void assertSameSums(double[][] got, Interactions all, Catalog cat) {
        double[][] want = new ClickSums().of(all, cat);
        assertThat(got.length).isEqualTo(want.length);
        for (int u = 0; u < want.length; u++) {
            if (want[u] == null) {
                assertThat(got[u]).as("user %d", u).isNull();
            } else {
                assertThat(got[u]).as("user %d", u).containsExactly(want[u]);
            }
        }
    }

    @Test
    void aGrowingLogAddsOnlyItsNewClicksToTheSameSums() {
        Catalog cat = catalog(new SplittableRandom(1), 40);
        ClickSums sums = new ClickSums();
        for (int tick = 0; tick < 12; tick++) {
            Interactions all = log(9, 0, tick, 30, 25, 40);
            assertSameSums(sums.of(all, cat), all, cat);
        }
    }

    @Test
    void logsThatDoNotExtendTheLastAreSummedFromScratch() {
        Catalog cat = catalog(new SplittableRandom(2), 40);
        ClickSums sums = new ClickSums();
        sums.of(log(5, 0, 3, 30, 25, 40), cat);
        // a sliding window: the first rows are gone, and it holds more rows than the last log
        Interactions window = log(5, 2, 7, 30, 25, 40);
        assertSameSums(sums.of(window, cat), window, cat);
        // the next tick's log with one click of the last one forgotten
        sums.of(log(5, 0, 7, 30, 25, 40), cat);
        Interactions full = log(5, 0, 8, 30, 25, 40);
        int[] u = full.users().clone();
        int[] it = full.items().clone();
        int[] t = full.ticks().clone();
        float[] v = full.values().clone();
        Interactions forgotten = new Interactions(Arrays.copyOfRange(u, 1, u.length), Arrays.copyOfRange(it, 1, it.length),
                Arrays.copyOfRange(t, 1, t.length), Arrays.copyOfRange(v, 1, v.length), 25, 40);
        assertSameSums(sums.of(forgotten, cat), forgotten, cat);
        // more users in the world than before
        Interactions more = new Interactions(u, it, t, v, 30, 40);
        assertSameSums(sums.of(more, cat), more, cat);
    }

    @Test
    void aClickOnAnItemTheCatalogLacksIsCountedOnceTheCatalogHasIt() {
        SplittableRandom rnd = new SplittableRandom(3);
        Catalog cat = catalog(rnd, 40);
        ClickSums sums = new ClickSums();
        Interactions early = log(6, 0, 3, 30, 25, 44); // some clicks on items 40..43
        assertSameSums(sums.of(early, cat), early, cat);
        for (int i = 0; i < 4; i++) {
            addItem(rnd, cat);
        }
        Interactions later = log(6, 0, 4, 30, 25, 44);
        assertSameSums(sums.of(later, cat), later, cat);
        assertThat(sums.of(later, cat)[later.users()[0]]).isNotNull();
    }

    @Test
    void theGramMatrixFollowsTheCatalogAsItGrows() {
        SplittableRandom rnd = new SplittableRandom(4);
        Catalog cat = catalog(rnd, 30);
        ClickSums sums = new ClickSums();
        assertThat(sums.gram(cat)).containsExactly(new ClickSums().gram(cat));
        assertThat(sums.gram(cat)).isSameAs(sums.gram(cat));
        double[] before = sums.gram(cat).clone();
        addItem(rnd, cat);
        assertThat(sums.gram(cat)).containsExactly(new ClickSums().gram(cat)).isNotEqualTo(before);
    }
}
