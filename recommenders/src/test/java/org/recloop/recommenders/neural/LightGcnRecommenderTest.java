package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.mf.BprRecommender;

class LightGcnRecommenderTest {

    static LightGcnRecommender.Params small(long seed) {
        return new LightGcnRecommender.Params(32, 2, 30, 512, 0.01, 1e-4, "cpu", seed, 0.1, 3, 0.0);
    }

    @Test
    void beatsMostPopularAndBprOnCommunityGraphs() {
        HeldOutData data = HeldOutData.communities(11);
        LightGcnRecommender gcn = new LightGcnRecommender(small(0));
        gcn.fit(data.train, data.trainContext());
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(data.train, data.trainContext());
        BprRecommender bpr = new BprRecommender(BprRecommender.Params.defaults());
        bpr.fit(data.train, data.trainContext());
        double g = data.ndcgAt10(gcn);
        double m = data.ndcgAt10(pop);
        double b = data.ndcgAt10(bpr);
        System.out.printf("communities NDCG@10: lightgcn %.4f, bpr %.4f, most-popular %.4f%n", g, b, m);
        assertThat(g).isGreaterThan(b).isGreaterThan(m);
        assertThat(gcn.modelVersion()).isEqualTo(1);
    }

    @Test
    void sameSeedSameScoresAndWarmStartKeepsRows() {
        HeldOutData data = HeldOutData.communities(5);
        LightGcnRecommender a = new LightGcnRecommender(small(7));
        LightGcnRecommender b = new LightGcnRecommender(small(7));
        a.fit(data.train, data.trainContext());
        b.fit(data.train, data.trainContext());
        assertThat(a.model().x()).containsExactly(b.model().x());
        assertThat(a.model().y()).containsExactly(b.model().y());
        LightGcnRecommender c = new LightGcnRecommender(small(8));
        c.fit(data.train, data.trainContext());
        assertThat(c.model().y()).isNotEqualTo(a.model().y());
        // a refit with more users and items keeps working: new rows are fresh
        Interactions grown = new Interactions(data.train.users(), data.train.items(), data.train.ticks(),
                data.train.values(), data.users + 10, data.items + 5);
        a.fit(grown, data.trainContext());
        assertThat(a.modelVersion()).isEqualTo(2);
        assertThat(a.model().users()).isEqualTo(data.users + 10);
        assertThat(a.model().known()[data.users + 3]).isFalse();
    }

    @Test
    void aModelTooLargeForTheHeapIsAClearError() {
        LightGcnRecommender big = new LightGcnRecommender(
                new LightGcnRecommender.Params(4096, 2, 1, 512, 0.01, 1e-4, "cpu", 0L, 0.1, 3, 0.0));
        assertThatThrownBy(() -> big.fit(Interactions.empty(5_000_000, 100_000),
                new TrainContext(0, new RandomStreams(1), null, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lightgcn: the model needs about")
                .hasMessageContaining("MB of heap")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void unknownDeviceIsRejectedAndGpuWithoutGpuFails() {
        assertThatThrownBy(() -> new LightGcnRecommender.Params(null, null, null, null, null, null, "tpu", null,
                null, null, null)).hasMessageContaining("device: 'tpu' is not one of cpu, gpu, auto");
        LightGcnRecommender.Params gpu = new LightGcnRecommender.Params(null, null, null, null, null, null, "gpu",
                null, null, null, null);
        assertThatThrownBy(() -> LightGcnRecommender.checkDevice(gpu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device: gpu, but PyTorch sees no GPU");
    }
}
