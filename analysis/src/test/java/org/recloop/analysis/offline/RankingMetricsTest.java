package org.recloop.analysis.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.serve.Interactions;

class RankingMetricsTest {

    private static final double EPS = 1e-12;
    private static final double L3 = 1 / (Math.log(3) / Math.log(2)); // 1/log2(3) = 0.6309297536
    private static final double L6 = 1 / (Math.log(6) / Math.log(2)); // 1/log2(6) = 0.3868528072

    // ---------------------------------------------------------------- NDCG

    @Test
    void ndcgWithFewerRelevantThanKUsesTheIdealOverMinRelK() {
        // L = [10,20,30,40,50], Rel = {20,50}, K = 5: hits at ranks 2 and 5
        // DCG = 1/log2(3) + 1/log2(6) = 0.63093 + 0.38685 = 1.01778
        // IDCG over min(|Rel|, K) = 2 positions: 1 + 1/log2(3) = 1.63093
        // NDCG = 1.01778 / 1.63093 = 0.62405 (an IDCG over all 5 positions would give 0.3452)
        int[] ranked = {10, 20, 30, 40, 50};
        int[] rel = {20, 50};
        assertThat(RankingMetrics.ndcg(ranked, rel, 5)).isCloseTo((L3 + L6) / (1 + L3), within(EPS))
                .isCloseTo(0.6240505200, within(1e-9));
        // a list shorter than K: positions after the end are misses, the ideal is unchanged
        assertThat(RankingMetrics.ndcg(new int[] {20, 30}, rel, 5)).isCloseTo(1 / (1 + L3), within(EPS));
        // both relevant items first: perfect, even though K > |Rel|
        assertThat(RankingMetrics.ndcg(new int[] {50, 20, 1, 2, 3}, rel, 5)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void ndcgWithMoreRelevantThanKIsCutAtK() {
        // Rel = {1,2,3,4}, K = 2, L = [9, 3]: DCG = 1/log2(3); IDCG = 1 + 1/log2(3)
        assertThat(RankingMetrics.ndcg(new int[] {9, 3}, new int[] {1, 2, 3, 4}, 2)).isCloseTo(L3 / (1 + L3),
                within(EPS));
        assertThat(RankingMetrics.ndcg(new int[] {1, 2, 9}, new int[] {1, 2, 3, 4}, 2)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void equalScoresAreRankedBySmallerItemIdBeforeNdcg() {
        // items 7, 5, 3 with scores 0.9, 0.5, 0.5: the tie 5/3 goes to the smaller id, so L = [7, 3, 5]
        int[] ranked = RankingMetrics.order(new int[] {7, 5, 3}, new float[] {0.9f, 0.5f, 0.5f});
        assertThat(ranked).containsExactly(7, 3, 5);
        // Rel = {3}: hit at rank 2, NDCG@3 = (1/log2 3) / 1 = 0.63093 (the other tie order would give 0.5)
        assertThat(RankingMetrics.ndcg(ranked, new int[] {3}, 3)).isCloseTo(L3, within(EPS));
        // input order does not matter, only scores and then ids
        int[] again = RankingMetrics.order(new int[] {5, 3, 7}, new float[] {0.5f, 0.5f, 0.9f});
        assertThat(again).containsExactly(7, 3, 5);
        // all scores tied: ascending ids
        assertThat(RankingMetrics.order(new int[] {4, 2, 9, 1}, new float[] {0, 0, 0, 0})).containsExactly(1, 2, 4, 9);
        assertThatThrownBy(() -> RankingMetrics.order(new int[] {1}, new float[] {Float.NaN}))
                .hasMessageContaining("NaN");
    }

    // ---------------------------------------------------------------- recall, precision, AP, RR, hit

    @Test
    void recallIsHitsOverAllRelevantItems() {
        // fewer relevant than K: Rel = {2, 9}, K = 10, both in the list: 2/2 = 1
        int[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(RankingMetrics.recall(ten, new int[] {2, 9}, 10)).isEqualTo(1.0);
        // one of two found: 1/2
        assertThat(RankingMetrics.recall(ten, new int[] {2, 42}, 10)).isEqualTo(0.5);
        // more relevant than K: Rel = {1,2,3,4}, K = 2, both slots hit: 2/4 = 0.5 (not 2/min(4,2) = 1)
        assertThat(RankingMetrics.recall(ten, new int[] {1, 2, 3, 4}, 2)).isEqualTo(0.5);
        // a list shorter than K: Rel = {3, 5}, L = [3]: 1/2
        assertThat(RankingMetrics.recall(new int[] {3}, new int[] {3, 5}, 10)).isEqualTo(0.5);
    }

    @Test
    void precisionDividesByKEvenForShortLists() {
        // L = [1,2,3], Rel = {1,3}: K = 5 -> 2/5; K = 2 -> 1/2; K = 1 -> 1
        int[] ranked = {1, 2, 3};
        int[] rel = {1, 3};
        assertThat(RankingMetrics.precision(ranked, rel, 5)).isEqualTo(0.4);
        assertThat(RankingMetrics.precision(ranked, rel, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.precision(ranked, rel, 1)).isEqualTo(1.0);
        assertThat(RankingMetrics.hits(ranked, rel, 5)).isEqualTo(2);
    }

    @Test
    void averagePrecisionNormalisesByMinRelK() {
        // L = [1,2,3,4,5], Rel = {1,3,6}
        // K = 5: hits at r=1 (P@1 = 1) and r=3 (P@3 = 2/3): (1 + 2/3) / min(3,5) = 5/9 = 0.5556
        int[] ranked = {1, 2, 3, 4, 5};
        int[] rel = {1, 3, 6};
        assertThat(RankingMetrics.averagePrecision(ranked, rel, 5)).isCloseTo(5.0 / 9, within(EPS));
        // K = 2: hit at r=1 only: 1 / min(3,2) = 0.5
        assertThat(RankingMetrics.averagePrecision(ranked, rel, 2)).isCloseTo(0.5, within(EPS));
        // all of the top min(|Rel|,K) relevant: 1
        assertThat(RankingMetrics.averagePrecision(new int[] {3, 1, 6}, rel, 3)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.averagePrecision(new int[] {7, 8}, rel, 2)).isEqualTo(0.0);
    }

    @Test
    void reciprocalRankAndHitRateAreCutAtK() {
        // L = [4,5,6], Rel = {6}: first hit at rank 3 -> 1/3; cut at K = 2 -> 0
        int[] ranked = {4, 5, 6};
        int[] rel = {6};
        assertThat(RankingMetrics.reciprocalRank(ranked, rel, 3)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(ranked, rel, 2)).isEqualTo(0.0);
        // only the first hit counts: Rel = {5, 6} -> 1/2
        assertThat(RankingMetrics.reciprocalRank(ranked, new int[] {5, 6}, 3)).isEqualTo(0.5);
        assertThat(RankingMetrics.hit(ranked, rel, 3)).isEqualTo(1.0);
        assertThat(RankingMetrics.hit(ranked, rel, 2)).isEqualTo(0.0);
    }

    @Test
    void accuracyMetricsRejectEmptyRelevantSetsAndBadK() {
        assertThatThrownBy(() -> RankingMetrics.recall(new int[] {1}, new int[0], 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, new int[] {1}, 0)).hasMessageContaining("k must be > 0");
    }

    // ---------------------------------------------------------------- popularity, head and tail

    @Test
    void headIsTheSmallestPopularPrefixReachingTheShare() {
        // counts [8,4,2,1,1,0], total 16
        int[] counts = {8, 4, 2, 1, 1, 0};
        // share 0.2: target 3.2, item 0 alone (8) reaches it
        assertThat(RankingMetrics.Popularity.fromCounts(counts, 16, 0.2).head())
                .containsExactly(true, false, false, false, false, false);
        // share 0.5: target 8, item 0 reaches it exactly
        assertThat(RankingMetrics.Popularity.fromCounts(counts, 16, 0.5).headSize()).isEqualTo(1);
        // share 0.6: target 9.6: items 0 and 1 (12)
        assertThat(RankingMetrics.Popularity.fromCounts(counts, 16, 0.6).head())
                .containsExactly(true, true, false, false, false, false);
        // ties at the boundary go to the smaller id: counts [1,3,3,3], total 10, target 2 -> item 1 only
        assertThat(RankingMetrics.Popularity.fromCounts(new int[] {1, 3, 3, 3}, 4, 0.2).head())
                .containsExactly(false, true, false, false);
        // share 1: every item with an interaction, never the unseen ones
        assertThat(RankingMetrics.Popularity.fromCounts(counts, 16, 1.0).head())
                .containsExactly(true, true, true, true, true, false);
        assertThatThrownBy(() -> RankingMetrics.Popularity.fromCounts(counts, 16, 0)).hasMessageContaining("(0, 1]");
    }

    @Test
    void popularityCountsDistinctTrainingUsers() {
        // user 0: items 1, 1 (duplicate), 2; user 2: item 1; user 1 has nothing; items 0..3
        Interactions train = new Interactions(new int[] {0, 0, 0, 2}, new int[] {1, 1, 2, 1}, new int[4],
                new float[] {1, 1, 1, 1}, 3, 4);
        RankingMetrics.Popularity p = RankingMetrics.Popularity.of(train, 0.2);
        assertThat(p.counts()).containsExactly(0, 2, 1, 0);
        assertThat(p.users()).as("users with a training interaction").isEqualTo(2);
        // total 3, target 0.6: item 1 is the head
        assertThat(p.isHead(1)).isTrue();
        assertThat(p.isLongTail(2)).isTrue();
    }

    // ---------------------------------------------------------------- beyond accuracy

    private static final int[] COUNTS = {8, 4, 2, 1, 1, 0}; // φ(i); 16 training users; head {0}

    private static RankingMetrics.Popularity pop() {
        return RankingMetrics.Popularity.fromCounts(COUNTS, 16, 0.2);
    }

    @Test
    void coverageCountsDistinctRecommendedItems() {
        int[][] lists = {{0, 1, 2}, {1, 2, 3}};
        // K = 2: {0,1,2} of 10 items
        assertThat(RankingMetrics.coverage(lists, 2, 10)).isCloseTo(0.3, within(EPS));
        // K = 3: {0,1,2,3}
        assertThat(RankingMetrics.coverage(lists, 3, 10)).isCloseTo(0.4, within(EPS));
        assertThat(RankingMetrics.coverage(new int[][] {{}, {}}, 3, 10)).isEqualTo(0.0);
    }

    @Test
    void arpIsTheMeanOfPerListMeanPopularity() {
        // K = 3: [0,1] -> (8+4)/2 = 6; [2,3,4] -> (2+1+1)/3 = 4/3; the empty list is left out
        // ARP = (6 + 4/3) / 2 = 11/3
        int[][] lists = {{0, 1}, {2, 3, 4}, {}};
        assertThat(RankingMetrics.arp(lists, 3, pop())).isCloseTo(11.0 / 3, within(EPS));
        // K = 1: (8 + 2) / 2 = 5
        assertThat(RankingMetrics.arp(lists, 1, pop())).isCloseTo(5.0, within(EPS));
        assertThat(RankingMetrics.arp(new int[][] {{}}, 1, pop())).isNaN();
    }

    @Test
    void apltIsTheMeanShareOfLongTailItems() {
        // head {0}; K = 3: [0,1] -> 1/2 in the tail; [2,3,4] -> 3/3; APLT = (0.5 + 1) / 2 = 0.75
        int[][] lists = {{0, 1}, {2, 3, 4}};
        assertThat(RankingMetrics.aplt(lists, 3, pop())).isCloseTo(0.75, within(EPS));
        // K = 1: [0] -> 0, [2] -> 1: 0.5
        assertThat(RankingMetrics.aplt(lists, 1, pop())).isCloseTo(0.5, within(EPS));
    }

    @Test
    void popReoComparesGroupWiseConditionalRecall() {
        // head {0}, tail {1..5}
        // user a: Rel {0, 2}, L@2 = [0, 1]: head hit 0; relevant head {0}, tail {2}
        // user b: Rel {0, 3, 5}, L@2 = [3, 4]: tail hit 3; relevant head {0}, tail {3, 5}
        // P_head = 1/2, P_tail = 1/3; mean = 5/12; population std = |1/2 - 1/3| / 2 = 1/12
        // PopREO = (1/12) / (5/12) = 0.2
        int[][] lists = {{0, 1, 2}, {3, 4, 2}};
        int[][] rel = {{0, 2}, {0, 3, 5}};
        assertThat(RankingMetrics.popReo(lists, rel, 2, pop())).isCloseTo(0.2, within(EPS));
        // K = 3 adds a's tail hit 2: P_head = 1/2, P_tail = 2/3; |1/2 - 2/3| / (1/2 + 2/3) = (1/6)/(7/6) = 1/7
        assertThat(RankingMetrics.popReo(lists, rel, 3, pop())).isCloseTo(1.0 / 7, within(EPS));
        // equal opportunity: 0; a group without relevant items: NaN; no hit at all: NaN
        assertThat(RankingMetrics.popReo(new int[][] {{0, 2}}, new int[][] {{0, 2}}, 2, pop())).isEqualTo(0.0);
        assertThat(RankingMetrics.popReo(new int[][] {{2}}, new int[][] {{2}}, 1, pop())).isNaN();
        assertThat(RankingMetrics.popReo(new int[][] {{4}}, new int[][] {{0, 2}}, 1, pop())).isNaN();
    }

    @Test
    void noveltyIsTheMeanSelfInformation() {
        // 16 users: -log2(φ/16) = 1 for φ=8, 2 for 4, 3 for 2, 4 for 1, and 4 for the unseen item 5 (φ taken as 1)
        // K = 2: [0,1] -> (1+2)/2 = 1.5; [2,5] -> (3+4)/2 = 3.5; novelty = 2.5
        int[][] lists = {{0, 1}, {2, 5}};
        assertThat(RankingMetrics.novelty(lists, 2, pop())).isCloseTo(2.5, within(EPS));
        // K = 1: (1 + 3) / 2 = 2
        assertThat(RankingMetrics.novelty(lists, 1, pop())).isCloseTo(2.0, within(EPS));
    }

    @Test
    void intraListDiversityIsTheMeanPairwiseCosineDistance() {
        // features (dim 2): item0 (1,0), item1 (0,1), item2 (1,1), item3 (0,0)
        float[] f = {1, 0, 0, 1, 1, 1, 0, 0};
        // [0,1,2]: d(0,1) = 1, d(0,2) = d(1,2) = 1 - 1/sqrt2 = 0.29289 -> mean 1.58579/3 = 0.52860
        // [0,3]: zero vector, cos 0 -> 1; [2]: one item, left out
        // ILD@3 = (0.52860 + 1) / 2 = 0.76430
        int[][] lists = {{0, 1, 2}, {0, 3}, {2}};
        double first = (1 + 2 * (1 - 1 / Math.sqrt(2))) / 3;
        assertThat(RankingMetrics.intraListDiversity(lists, 3, f, 2)).isCloseTo((first + 1) / 2, within(EPS))
                .isCloseTo(0.7642977396, within(1e-9));
        // K = 2: [0,1] -> 1; [0,3] -> 1
        assertThat(RankingMetrics.intraListDiversity(lists, 2, f, 2)).isCloseTo(1.0, within(EPS));
        // identical items: 0; no list with two items: NaN
        assertThat(RankingMetrics.intraListDiversity(new int[][] {{0, 0}}, 2, new float[] {1, 0}, 2))
                .isCloseTo(0.0, within(EPS));
        assertThat(RankingMetrics.intraListDiversity(lists, 1, f, 2)).isNaN();
    }
}
