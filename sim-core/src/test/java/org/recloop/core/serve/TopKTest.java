package org.recloop.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    /** Reference: sort all candidates by score descending, then item ascending; keep k. */
    private static int[] reference(int[] items, float[] scores, int k) {
        Integer[] idx = new Integer[items.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> items[i]));
        int n = Math.min(k, items.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = items[idx[i]];
        }
        return out;
    }

    @Test
    void matchesFullSortOnRandomInputsWithTies() {
        Random r = new Random(12345);
        int capacity = 50;
        TopK top = new TopK(capacity);
        int[] outItems = new int[capacity];
        float[] outScores = new float[capacity];
        int tiedTrials = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int n = r.nextInt(120);
            int k = r.nextInt(capacity + 1);
            // distinct item ids in random order (not sorted, so id order and offer order differ)
            int[] items = new int[n];
            for (int i = 0; i < n; i++) {
                items[i] = i * 3 + r.nextInt(3);
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = items[i];
                items[i] = items[j];
                items[j] = t;
            }
            float[] scores = new float[n];
            // every third trial uses few score levels so ties are everywhere; otherwise continuous
            boolean coarse = trial % 3 == 0;
            for (int i = 0; i < n; i++) {
                scores[i] = coarse ? (r.nextInt(5) - 2) * 0.25f : (float) r.nextGaussian();
            }
            if (coarse && n > 5) {
                tiedTrials++;
            }
            top.reset(k);
            for (int i = 0; i < n; i++) {
                top.offer(items[i], scores[i]);
            }
            int[] expected = reference(items, scores, k);
            assertThat(top.size()).isEqualTo(expected.length);
            int got = top.drainSorted(outItems, outScores);
            assertThat(got).as("trial %d", trial).isEqualTo(expected.length);
            assertThat(Arrays.copyOf(outItems, got)).as("trial %d n=%d k=%d", trial, n, k).containsExactly(expected);
            for (int i = 0; i < got; i++) {
                int item = outItems[i];
                int pos = 0;
                while (items[pos] != item) {
                    pos++;
                }
                assertThat(outScores[i]).isEqualTo(scores[pos]);
            }
            assertThat(top.size()).as("drain empties").isZero();
        }
        assertThat(tiedTrials).isGreaterThan(500);
    }

    @Test
    void tieBrokenBySmallerItemId() {
        TopK top = new TopK(3);
        top.reset(3);
        // all equal scores, offered in descending id order
        for (int item = 10; item >= 0; item--) {
            top.offer(item, 1f);
        }
        int[] items = new int[3];
        float[] scores = new float[3];
        assertThat(top.drainSorted(items, scores)).isEqualTo(3);
        assertThat(items).containsExactly(0, 1, 2);
        assertThat(scores).containsExactly(1f, 1f, 1f);

        top.reset(2);
        top.offer(7, 2f);
        top.offer(3, 1f);
        top.offer(5, 2f);
        top.offer(1, 1f);
        assertThat(top.drainSorted(items, scores)).isEqualTo(2);
        assertThat(Arrays.copyOf(items, 2)).containsExactly(5, 7);
    }

    @Test
    void kLargerThanCandidates() {
        TopK top = new TopK(10);
        top.reset(10);
        top.offer(4, 0.5f);
        top.offer(9, 3f);
        top.offer(2, -1f);
        assertThat(top.size()).isEqualTo(3);
        assertThat(top.threshold()).as("not full").isEqualTo(Float.NEGATIVE_INFINITY);
        int[] items = new int[10];
        float[] scores = new float[10];
        assertThat(top.drainSorted(items, scores)).isEqualTo(3);
        assertThat(Arrays.copyOf(items, 3)).containsExactly(9, 4, 2);
        assertThat(Arrays.copyOf(scores, 3)).containsExactly(3f, 0.5f, -1f);
    }

    @Test
    void thresholdIsWorstKeptScoreWhenFull() {
        TopK top = new TopK(3);
        top.reset(3);
        top.offer(1, 5f);
        top.offer(2, 1f);
        top.offer(3, 3f);
        assertThat(top.threshold()).isEqualTo(1f);
        top.offer(4, 4f);
        assertThat(top.threshold()).isEqualTo(3f);
        top.offer(5, 0f);
        assertThat(top.threshold()).isEqualTo(3f);
    }

    @Test
    void kZeroKeepsNothing() {
        TopK top = new TopK(5);
        top.reset(0);
        for (int i = 0; i < 20; i++) {
            top.offer(i, i);
        }
        assertThat(top.size()).isZero();
        assertThat(top.drainSorted(new int[5], new float[5])).isZero();
    }

    @Test
    void resetStartsFreshAndValidatesK() {
        TopK top = new TopK(4);
        top.reset(4);
        top.offer(1, 10f);
        top.offer(2, 20f);
        top.reset(2);
        top.offer(3, 1f);
        int[] items = new int[4];
        assertThat(top.drainSorted(items, new float[4])).isEqualTo(1);
        assertThat(items[0]).isEqualTo(3);
        assertThatThrownBy(() -> top.reset(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> top.reset(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
