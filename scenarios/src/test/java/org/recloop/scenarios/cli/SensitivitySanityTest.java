package org.recloop.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.analysis.sensitivity.ListOverlap;
import org.recloop.analysis.sensitivity.RankListSensitivity;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.scenarios.registry.Kind;
import org.recloop.scenarios.registry.StandardComponents;
import org.recloop.scenarios.schema.ScenarioLoader;

/** The measure on real recommenders of the registry: it separates a stable ranking from noise. */
class SensitivitySanityTest {

    private static Supplier<Recommender> recommender(String name) {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        return StandardComponents.registry(mapper)
                .<Recommender>resolve(Kind.RECOMMENDER, AlgorithmSpec.parse(mapper, name), "algorithm").factory();
    }

    /** 60 users, 50 items, 8 clicks each, popularity skewed to low ids. */
    private static Interactions data() {
        RandomStreams streams = new RandomStreams(5);
        int n = 60 * 8;
        int[] users = new int[n];
        int[] items = new int[n];
        int[] ticks = new int[n];
        float[] values = new float[n];
        for (int u = 0; u < 60; u++) {
            UniformRandomProvider r = streams.stream(RandomStreams.purpose("test.sanity"), u, 0);
            for (int j = 0; j < 8; j++) {
                int row = u * 8 + j;
                users[row] = u;
                items[row] = (int) (50 * Math.pow(r.nextDouble(), 2.5));
                ticks[row] = u;
                values[row] = 1;
            }
        }
        return new Interactions(users, items, ticks, values, 60, 50);
    }

    @Test
    void mostPopularIsFarLessSensitiveThanRandomWithAnotherSeed() {
        RankListSensitivity.Result pop = new RankListSensitivity(RankListSensitivity.Options.of(10, 10, 1, 0))
                .run(data(), null, recommender("most-popular"), () -> false);
        // refits seeded differently: a random ranking shares only chance items with the first one
        RankListSensitivity.Result random = new RankListSensitivity(
                new RankListSensitivity.Options(10, 10, 1, 2, 0, ListOverlap.DEFAULT_RBO_P))
                .run(data(), null, recommender("random"), () -> false);
        assertThat(pop.jaccard().mean()).isGreaterThan(0.9);
        assertThat(pop.rbo().mean()).isGreaterThan(0.9);
        // two random 10-of-~45 lists share about 10 * 10 / 45 ≈ 2 items: Jaccard ≈ 0.12
        assertThat(random.jaccard().mean()).isLessThan(0.3);
        assertThat(random.changedShare().mean()).isGreaterThan(0.95);
        assertThat(pop.jaccard().mean() - random.jaccard().mean()).isGreaterThan(0.6);
        assertThat(pop.changedShare().mean()).isLessThan(random.changedShare().mean());
    }

    @Test
    void mostPopularRefittedOnIdenticalDataKeepsEveryList() {
        RankListSensitivity study = new RankListSensitivity(RankListSensitivity.Options.of(10, 0, 1, 0));
        int[] users = java.util.stream.IntStream.range(0, 60).toArray();
        int[][] a = study.topK(recommender("most-popular"), data(), null, users, 60, 1);
        int[][] b = study.topK(recommender("most-popular"), data(), null, users, 60, 1);
        for (int s = 0; s < users.length; s++) {
            assertThat(a[s]).hasSize(10);
            assertThat(ListOverlap.jaccard(a[s], b[s], 10)).isEqualTo(1.0);
            assertThat(ListOverlap.rbo(a[s], b[s], 10, ListOverlap.DEFAULT_RBO_P)).isEqualTo(1.0);
        }
        RankListSensitivity.Result none = study.run(data(), null, recommender("most-popular"), () -> false);
        assertThat(none.rows()).isEmpty();
        assertThat(none.jaccard().mean()).isNaN();
    }

    @Test
    void algorithmSpecReadsKeyValueAndMappingParameters() {
        ObjectMapper mapper = ScenarioLoader.newMapper();
        assertThat(AlgorithmSpec.parse(mapper, "most-popular").asText()).isEqualTo("most-popular");
        assertThat(AlgorithmSpec.parse(mapper, "x:a=5,b=true,c=abc").toString())
                .isEqualTo("{\"a\":5,\"b\":true,\"c\":\"abc\",\"type\":\"x\"}");
        assertThat(AlgorithmSpec.parse(mapper, "mmr:{base: most-popular, lambda: 0.5}").toString())
                .isEqualTo("{\"base\":\"most-popular\",\"lambda\":0.5,\"type\":\"mmr\"}");
    }
}
