package org.recloop.recommenders.neural;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.recloop.core.capability.Capabilities;
import org.recloop.recommenders.baseline.MostPopularRecommender;
import org.recloop.recommenders.mf.BprRecommender;

class TigerRecommenderTest {

    static TigerRecommender.Params small(long seed) {
        return new TigerRecommender.Params(3, 8, 16, 64, 60, 0.25, 16, true, 12, 1, 1, 32, 0.1, 40, 64, 0.005, 20,
                "cpu", seed, 0.1, 4);
    }

    /**
     * The chains of {@link HeldOutData#chains}: MostPopular is near random there (about 0.03), as
     * every item of a chain is equally popular. The semantic IDs come from the click log (no
     * titles): items of a chain co-occur, so they share first codes, and the next item's codes
     * follow from the last ones.
     */
    @Test
    void beatsMostPopularOnItemChains() {
        HeldOutData data = HeldOutData.chains(3);
        TigerRecommender tiger = new TigerRecommender(small(0), Capabilities.NONE);
        tiger.fit(data.train, data.trainContext());
        MostPopularRecommender pop = new MostPopularRecommender(MostPopularRecommender.Params.defaults());
        pop.fit(data.train, data.trainContext());
        BprRecommender bpr = new BprRecommender(BprRecommender.Params.defaults());
        bpr.fit(data.train, data.trainContext());
        double t = data.ndcgAt10(tiger);
        double m = data.ndcgAt10(pop);
        double b = data.ndcgAt10(bpr);
        System.out.printf("chains NDCG@10: tiger %.4f, bpr %.4f, most-popular %.4f (epochs %d, largest collision %d)%n",
                t, b, m, tiger.epochSeconds().length, tiger.model().ids().largestCollision());
        assertThat(tiger.itemVectorSource()).isEqualTo("collaborative");
        assertThat(t).isGreaterThan(m + 0.2);
    }

    @Test
    void sameSeedSameSlatesAndWarmStart() {
        HeldOutData data = HeldOutData.chains(4);
        TigerRecommender.Params p = new TigerRecommender.Params(2, 8, 8, 32, 10, 0.25, 8, true, 8, 1, 1, 16, 0.2, 3,
                64, 0.005, 10, "cpu", 1L, 0.1, 3);
        TigerRecommender a = new TigerRecommender(p, Capabilities.NONE);
        TigerRecommender b = new TigerRecommender(p, Capabilities.NONE);
        a.fit(data.train, data.trainContext());
        b.fit(data.train, data.trainContext());
        for (int u = 0; u < data.users; u += 37) {
            assertThat(a.model().beamItems(u)).containsExactly(b.model().beamItems(u));
        }
        org.recloop.core.serve.SlateBatch sa = data.recommendAll(a, 10);
        org.recloop.core.serve.SlateBatch sb = data.recommendAll(b, 10);
        for (int u = 0; u < data.users; u++) {
            for (int r = 0; r < 10; r++) {
                assertThat(sa.item(u, r)).isEqualTo(sb.item(u, r));
                assertThat(sa.score(u, r)).isEqualTo(sb.score(u, r));
            }
        }
        a.fit(data.train, data.trainContext()); // warm start: a second fit runs on the kept tensors
        assertThat(a.modelVersion()).isEqualTo(2);
    }
}
