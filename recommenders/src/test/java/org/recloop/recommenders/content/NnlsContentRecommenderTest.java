package org.recloop.recommenders.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

class NnlsContentRecommenderTest {

    @Test
    void nnlsSolvesAHandCase() {
        // rows a = (1,0) y=1, (0,1) y=0, (1,1) y=1: G = [[2,1],[1,2]], b = (2,1).
        // Unconstrained solution G^-1 b = (1, 0), already non-negative.
        float[] th = NnlsContentRecommender.solve(new double[] {2, 1, 1, 2}, new double[] {2, 1}, 200, 0);
        assertThat(th[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(th[1]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-4f));
        // b = (-1, 1) would give a negative first weight unconstrained (G^-1 b = (-1, 1));
        // constrained: theta_1 = 0, theta_2 = argmin 2 t^2 - 2 t = 0.5
        float[] c = NnlsContentRecommender.solve(new double[] {2, 1, 1, 2}, new double[] {-1, 1}, 200, 0);
        assertThat(c[0]).isEqualTo(0f);
        assertThat(c[1]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void learnsFromClicksAgainstExposuresAndRanksByTheProfile() {
        Catalog cat = new Catalog(2, 6);
        for (int i = 0; i < 6; i++) {
            cat.add(i % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1}, i % 2, i, 0.5f, 1, 0);
        }
        NnlsContentRecommender r = new NnlsContentRecommender(new NnlsContentRecommender.Params(null, null));
        // user 0 was shown items 0 and 1 and clicked item 0 (attribute 1 wins)
        SlateBatch shown = new SlateBatch(new int[] {0}, 2);
        shown.set(0, 0, 0, 0f, 1f, SlateSource.RECOMMENDER);
        shown.set(0, 1, 1, 0f, 1f, SlateSource.RECOMMENDER);
        TrainContext tc = new TrainContext(0, new RandomStreams(1), null, 1, cat);
        r.observe(shown, new Interactions(new int[] {0}, new int[] {0}, new int[] {0}, new float[] {1}, 1, 6), tc);
        r.fit(Interactions.empty(1, 6), tc);
        assertThat(r.profile(0)[0]).isGreaterThan(0.9f);
        assertThat(r.profile(0)[1]).isLessThan(0.1f);
        ConsumptionHistory h = new ConsumptionHistory(1);
        h.add(0, 0);
        SlateBatch out = new SlateBatch(new int[] {0}, 3);
        r.recommend(out, 0, 1, new ServeContext(1, 6, h, new RandomStreams(1), cat));
        // the remaining items with attribute 1 (2 and 4) first, then the best other (1, smaller id)
        assertThat(new int[] {out.item(0, 0), out.item(0, 1), out.item(0, 2)}).containsExactly(2, 4, 1);
    }

    /**
     * Items a0 = (1,0), a1 = (0,1), a2 = (1,1): G = Σ a aᵀ = [[2,1],[1,2]] over the whole catalog.
     * User 0 clicked items 0 and 2: b = (2,1), G⁻¹b = (1,0). User 1 clicked item 1 twice: b = (0,2),
     * G⁻¹b = (-2/3, 4/3) is infeasible, so θ1 = 0 and θ2 = argmin 2t² - 4t = 1. User 2 clicked item 2:
     * b = (1,1), G⁻¹b = (1/3, 1/3), unit length (1/√2, 1/√2). User 3 clicked nothing: no profile.
     */
    @Test
    void countsTargetFitsInteractionCountsOverTheWholeCatalogWithUnitProfiles() {
        Catalog cat = new Catalog(2, 3);
        cat.add(new float[] {1, 0}, 0, 0, 0.5f, 1, 0);
        cat.add(new float[] {0, 1}, 1, 1, 0.5f, 1, 0);
        cat.add(new float[] {1, 1}, 0, 2, 0.5f, 1, 0);
        NnlsContentRecommender r = new NnlsContentRecommender(new NnlsContentRecommender.Params(500, 0.0, "counts"));
        TrainContext tc = new TrainContext(0, new RandomStreams(1), null, 1, cat);
        // observe() is not the counts fit's input: showing user 3 items changes nothing
        SlateBatch shown = new SlateBatch(new int[] {3}, 2);
        shown.set(0, 0, 0, 0f, 1f, SlateSource.RECOMMENDER);
        shown.set(0, 1, 1, 0f, 1f, SlateSource.RECOMMENDER);
        r.observe(shown, Interactions.empty(4, 3), tc);
        r.fit(new Interactions(new int[] {0, 0, 1, 1, 2}, new int[] {0, 2, 1, 1, 2}, new int[] {0, 1, 0, 1, 0},
                new float[] {1, 1, 1, 1, 1}, 4, 3), tc);
        org.assertj.core.data.Offset<Float> tol = org.assertj.core.data.Offset.offset(1e-4f);
        assertThat(r.profile(0)[0]).isCloseTo(1f, tol);
        assertThat(r.profile(0)[1]).isCloseTo(0f, tol);
        assertThat(r.profile(1)[0]).isEqualTo(0f);
        assertThat(r.profile(1)[1]).isCloseTo(1f, tol);
        assertThat(r.profile(2)[0]).isCloseTo((float) Math.sqrt(0.5), tol);
        assertThat(r.profile(2)[1]).isCloseTo((float) Math.sqrt(0.5), tol);
        assertThat(r.profile(3)).isNull();
        assertThat(r.modelVersion()).isEqualTo(1);
    }

    @Test
    void anUnknownTargetNamesTheFieldAndTheChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NnlsContentRecommender.Params(null, null, "clicks"))
                .hasMessageContaining("target").hasMessageContaining("exposures or counts");
    }
}
