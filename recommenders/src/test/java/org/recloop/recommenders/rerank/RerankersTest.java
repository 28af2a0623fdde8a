package org.recloop.recommenders.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

class RerankersTest {

    /** A base that ranks items in a fixed order with fixed scores for everybody. */
    static final class Fixed implements Recommender {
        final int[] order;
        final float[] scores;

        Fixed(int[] order, float[] scores) {
            this.order = order;
            this.scores = scores;
        }

        @Override
        public void fit(Interactions all, TrainContext ctx) {}

        @Override
        public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
            for (int s = from; s < to; s++) {
                int r = 0;
                for (int i = 0; i < order.length && r < slates.k(); i++) {
                    if (!ctx.consumed().contains(slates.user(s), order[i])) {
                        slates.set(s, r++, order[i], scores[i], 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
        }

        @Override
        public int modelVersion() {
            return 0;
        }
    }

    private static int[] serve(Recommender r, int k, ConsumptionHistory h, Catalog cat) {
        SlateBatch b = new SlateBatch(new int[] {0}, k);
        r.recommend(b, 0, 1, new ServeContext(0, cat.size(), h, new RandomStreams(1), cat));
        int[] out = new int[b.length(0)];
        for (int p = 0; p < out.length; p++) {
            out[p] = b.item(0, p);
        }
        return out;
    }

    /**
     * The re-ranked slate passes the shared exclusion step whatever the base does: a base that
     * ignores the consumption history (a careless plug-in) does not get a consumed item shown.
     */
    @Test
    void rerankersApplyTheExclusionStepToTheBasesSlate() {
        Catalog cat = new Catalog(2, 4);
        for (int i = 0; i < 4; i++) {
            cat.add(new float[] {1, i}, i % 2, i, 0.5f, 1, 0);
        }
        Recommender careless = new Recommender() {
            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {
                for (int s = from; s < to; s++) {
                    for (int r = 0; r < 4 && r < slates.k(); r++) {
                        slates.set(s, r, r, 1f - r / 8f, 1f, SlateSource.RECOMMENDER);
                    }
                }
            }

            @Override
            public int modelVersion() {
                return 0;
            }
        };
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 1);
        assertThat(serve(new MmrReranker(careless, 1.0, 10), 3, h, cat)).containsExactly(0, 2, 3);
        assertThat(serve(new CalibratedReranker(careless, 0.5, 10), 4, h, cat)).doesNotContain(1).hasSize(3);
    }

    @Test
    void mmrSkipsANearDuplicate() {
        Catalog cat = new Catalog(2, 3);
        cat.add(new float[] {1, 0}, 0, 0, 0.5f, 1, 0);
        cat.add(new float[] {1, 0}, 0, 1, 0.5f, 1, 0); // duplicate of item 0
        cat.add(new float[] {0, 1}, 1, 2, 0.5f, 1, 0);
        Recommender base = new Fixed(new int[] {0, 1, 2}, new float[] {1.0f, 0.9f, 0.5f});
        // rel after min-max: 1, 0.8, 0. With lambda 0.5: item 0 first; then item 1 scores
        // 0.5*0.8 - 0.5*1 = -0.1 and item 2 scores 0.5*0 - 0.5*0 = 0 -> item 2, then item 1
        assertThat(serve(new MmrReranker(base, 0.5, 10), 3, new ConsumptionHistory(1), cat)).containsExactly(0, 2, 1);
        // lambda 1 keeps the base order
        assertThat(serve(new MmrReranker(base, 1.0, 10), 3, new ConsumptionHistory(1), cat)).containsExactly(0, 1, 2);
    }

    @Test
    void calibrationMatchesTheHistorysTopicMix() {
        Catalog cat = new Catalog(2, 20);
        for (int i = 0; i < 20; i++) {
            cat.add(new float[] {1, 0}, i < 10 ? 0 : 1, i, 0.5f, 1, 0);
        }
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 0);
        h.add(0, 1);
        h.add(0, 10);
        h.add(0, 11); // history: half topic 0, half topic 1
        int[] order = {2, 3, 4, 5, 6, 7, 12, 13, 14, 15};
        float[] scores = {1f, .95f, .9f, .85f, .8f, .75f, .7f, .65f, .6f, .55f};
        int[] slate = serve(new CalibratedReranker(new Fixed(order, scores), 0.9, 10), 4, h, cat);
        int topic1 = 0;
        for (int item : slate) {
            topic1 += cat.topic(item);
        }
        // the uncalibrated top 4 would be all topic 0; calibration with a strong weight gives 2 + 2
        assertThat(topic1).isEqualTo(2);
        assertThat(serve(new CalibratedReranker(new Fixed(order, scores), 0.0, 10), 4, h, cat))
                .containsExactly(2, 3, 4, 5);
    }

    @Test
    void xquadBringsATailItemUpForTailLovers() {
        Catalog cat = new Catalog(1, 10);
        for (int i = 0; i < 10; i++) {
            cat.add(new float[] {1}, 0, i, 0.5f, 1, 0);
        }
        LongTailXquadReranker x = new LongTailXquadReranker(
                new Fixed(new int[] {0, 1, 2, 3, 7, 8}, new float[] {1f, .9f, .8f, .7f, .6f, .5f}), 0.5, 0.5, 10);
        // item 0 has 10 clicks, item 1 has 2, items 7, 8, 9 one each: head (50% of 15) = {0}
        int[] items = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 7, 8, 9};
        int[] users = new int[items.length];
        float[] v = new float[items.length];
        java.util.Arrays.fill(v, 1f);
        x.fit(new Interactions(users, items, new int[items.length], v, 1, 10), new TrainContext(0, new RandomStreams(1), null, 1));
        assertThat(x.isHead(0)).isTrue();
        assertThat(x.isHead(1)).isFalse();
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 9); // the user consumed one tail item: P(tail|u) = 2/3
        // rel: 1, .8, .6, .4, .2, 0. Position 0: item 0 (head) scores .5*1 + .5*(1/3) = .667,
        // item 1 (tail) .5*.8 + .5*(2/3) = .733 -> item 1 first; then item 0: .5 + .167 = .667
        // beats item 2: .3 + 0 -> item 0; then the base order
        assertThat(serve(x, 4, h, cat)).containsExactly(1, 0, 2, 3);
    }

    @Test
    void fairExposureMinimumsFollowTheBinomialTable() {
        // p = 0.5, alpha = 0.1: P(Bin(r, .5) <= m) first exceeds 0.1 at
        // r=1..3: m=0; r=4: P(<=1)=.3125 -> 1; r=5,6: 1; r=7: P(<=1)=.0625, P(<=2)=.227 -> 2;
        // r=8: 2; r=9: P(<=2)=.0898 -> 3; r=10: P(<=2)=.0547 -> 3
        assertThat(FairExposureReranker.minimumProtected(10, 0.5, 0.1)).containsExactly(0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void fairExposurePutsProtectedProvidersWhereTheTableSays() {
        Catalog cat = new Catalog(1, 20);
        for (int i = 0; i < 20; i++) {
            cat.add(new float[] {1}, 0, i < 10 ? 0 : 1, 0.5f, 1, 0); // provider 0: items 0-9, provider 1: 10-19
        }
        int[] order = new int[20];
        float[] scores = new float[20];
        for (int i = 0; i < 20; i++) {
            order[i] = i;
            scores[i] = 20 - i;
        }
        FairExposureReranker f = new FairExposureReranker(new Fixed(order, scores), 0.5, 0.1, 20);
        // provider 0 got all the exposure so far: provider 1 is the protected (less exposed) half
        SlateBatch shown = new SlateBatch(new int[] {0}, 3);
        shown.set(0, 0, 0, 1f, 1f, SlateSource.RECOMMENDER);
        f.observe(shown, Interactions.empty(1, 20), new TrainContext(0, new RandomStreams(1), null, 1, cat));
        assertThat(f.isProtected(1)).isTrue();
        assertThat(f.isProtected(0)).isFalse();
        int[] slate = serve(f, 10, new ConsumptionHistory(1), cat);
        // minimums 0,0,0,1,1,1,2,2,3,3 for prefixes 1..10: protected items enter at positions 4, 7, 9 (1-based)
        assertThat(slate).containsExactly(0, 1, 2, 10, 3, 4, 11, 5, 12, 6);
    }
}
