package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.mf.BprRecommender;

class SasRecRecommenderTest {

    static SasRecRecommender.Params small(long seed) {
        return new SasRecRecommender.Params(12, 1, 1, 32, 0.1, 40, 64, 0.005, "cpu", seed, 0.1, 4, 0.0);
    }

    @Test
    void beatsMostPopularAndBprOnItemChains() {
        HeldOutData data = HeldOutData.chains(3);
        SasRecRecommender sas = new SasRecRecommender(small(0));
        sas.fit(data.train, data.trainContext());
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(data.train, data.trainContext());
        BprRecommender bpr = new BprRecommender(BprRecommender.Params.defaults());
        bpr.fit(data.train, data.trainContext());
        double s = data.ndcgAt10(sas);
        double m = data.ndcgAt10(pop);
        double b = data.ndcgAt10(bpr);
        System.out.printf("chains NDCG@10: sasrec %.4f, bpr %.4f, most-popular %.4f (epochs %d)%n", s, b, m,
                sas.epochSeconds().length);
        assertThat(s).isGreaterThan(b).isGreaterThan(m);
    }

    @Test
    void sameSeedSameScores() {
        HeldOutData data = HeldOutData.chains(4);
        SasRecRecommender.Params p = new SasRecRecommender.Params(8, 1, 2, 16, 0.2, 3, 64, 0.005, "cpu", 1L, 0.1, 3, 0.0);
        SasRecRecommender a = new SasRecRecommender(p);
        SasRecRecommender b = new SasRecRecommender(p);
        a.fit(data.train, data.trainContext());
        b.fit(data.train, data.trainContext());
        assertThat(a.model().x()).containsExactly(b.model().x());
        assertThat(a.model().y()).containsExactly(b.model().y());
        a.fit(data.train, data.trainContext()); // warm start: a second fit runs on the kept tensors
        assertThat(a.modelVersion()).isEqualTo(2);
    }
}
