package org.recloop.scenarios.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recloop.core.capability.GroundTruth;
import org.recloop.core.capability.RunCapabilities;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;
import org.recloop.scenarios.schema.ScenarioLoader;

/**
 * Walks the registry: every recommender, with its defaults, keeps the SPI contract on the same
 * data: at most k distinct items per slate, all in the catalog, none already consumed, and the
 * same slates from two fresh instances with the same seed, whatever the split of the batch into
 * recommend calls. (The http adapter needs a server and
 * has its own tests.)
 */
class RecommenderContractTest {

    private static final ObjectMapper MAPPER = ScenarioLoader.newMapper();
    private static final Registry REGISTRY = StandardComponents.registry(MAPPER);

    static Stream<String> recommenders() {
        return REGISTRY.names(Kind.RECOMMENDER).stream().filter(n -> !n.equals("http"));
    }

    private static Recommender create(String name, World world) {
        ObjectNode spec = MAPPER.createObjectNode().put("type", name);
        if (Set.of("mmr", "calibrated", "xquad", "fair-exposure").contains(name)) {
            spec.putObject("base").put("type", "most-popular");
        }
        if (name.equals("ab-split")) {
            var arms = spec.putArray("arms");
            arms.addObject().put("name", "a").put("recommender", "most-popular");
            arms.addObject().put("name", "b").put("recommender", "random");
        }
        return REGISTRY.<Recommender>resolve(Kind.RECOMMENDER, spec, "recommender")
                .create(new RunCapabilities().grant(GroundTruth.class, GroundTruth.of(world)));
    }

    private static SlateBatch run(String name, World world, Interactions data, ConsumptionHistory h, int[] users,
            int chunk) {
        Recommender r = create(name, world);
        RandomStreams rs = new RandomStreams(17);
        TrainContext tc = new TrainContext(3, rs, null, 1, world.catalog());
        r.fit(data, tc);
        SlateBatch slates = new SlateBatch(users, 10);
        ServeContext sc = new ServeContext(4, world.catalog().size(), h, rs, world.catalog());
        for (int from = 0; from < users.length; from += chunk) {
            r.recommend(slates, from, Math.min(users.length, from + chunk), sc);
        }
        r.observe(slates, Interactions.empty(world.population().size(), world.catalog().size()), tc);
        return slates;
    }

    @ParameterizedTest
    @MethodSource("recommenders")
    void keepsTheContract(String name) {
        RandomStreams rs = new RandomStreams(5);
        Catalog cat = new SyntheticCatalog(new SyntheticCatalog.Params(300, 8, 6, null, 40, null)).build(rs);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(200, null, null, null, null))
                .build(cat, rs);
        World world = World.of(cat, pop);
        ConsumptionHistory h = world.history();
        int n = 2000;
        int[] us = new int[n];
        int[] is = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            UniformRandomProvider g = rs.stream(99, r, 0);
            us[r] = g.nextInt(200);
            is[r] = g.nextInt(300);
            v[r] = 1f;
            h.add(us[r], is[r]);
        }
        Interactions data = new Interactions(us, is, new int[n], v, 200, 300);
        int[] users = new int[100];
        for (int i = 0; i < 100; i++) {
            users[i] = i * 2;
        }
        // the second instance serves in chunks of 7 instead of halves: slates must not depend on
        // the range split (the kernel sizes serving chunks by thread count)
        SlateBatch a = run(name, world, data, h, users, users.length / 2);
        SlateBatch b = run(name, world, data, h, users, 7);
        for (int s = 0; s < users.length; s++) {
            Set<Integer> seen = new HashSet<>();
            assertThat(a.length(s)).as("%s fills slates", name).isPositive().isLessThanOrEqualTo(10);
            for (int p = 0; p < a.length(s); p++) {
                int item = a.item(s, p);
                assertThat(item).isBetween(0, 299);
                assertThat(seen.add(item)).as("%s: distinct items", name).isTrue();
                assertThat(h.contains(users[s], item)).as("%s: consumed item %d excluded", name, item).isFalse();
                assertThat(b.item(s, p)).as("%s: same seed, any split, same slate", name).isEqualTo(item);
            }
        }
    }
}
