package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Choice;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Satiation;
import org.recloop.agents.rule.RuleUserModel.Social;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.PreferentialAttachmentGraph;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * Determinism of the rule user model: with every feature on, the same seed gives the same events
 * whatever the chunking of the React phase, and another seed gives others.
 */
class RuleUserModelDeterminismTest {

    private static final long SERVE = RandomStreams.purpose("test.serve");

    /**
     * A small kernel loop: arrivals and slates drawn from the streams, every feature of the model
     * on. {@code split} reacts each tick in two chunks (second chunk first, as concurrent workers
     * may) and concatenates the buffers in chunk order.
     */
    private static List<String> run(long seed, boolean split) {
        RandomStreams streams = new RandomStreams(seed);
        Catalog c = new SyntheticCatalog(new SyntheticCatalog.Params(400, 8, 5, 0.8, 300, 1.2)).build(streams);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(300, 1.0, 0.6, 1.0, 5.0))
                .build(c, streams);
        SocialGraph g = new PreferentialAttachmentGraph(new PreferentialAttachmentGraph.Params(5)).build(pop, c,
                streams);
        Params p = new Params(new Choice("mnl", 4.0, 0.3, 0.7, null), 0.1, 0.2, new Satiation(0.3, 0.7),
                new Social(0.5, 5), new Churn(0.3, 0.25, 3, 0.2), new Actions(0.5, 0.5, 0.3, 0.3, 0.3, 0.5, 0.05, 0.2),
                List.of(new Archetype("a", 2.0, 1.0, null, null, null, null),
                        new Archetype("b", 1.0, 2.0, 6.0, 0.2, 0.5, 0.2)), 0.5);
        World world = World.of(c, pop, g);
        RuleUserModel model = new RuleUserModel(p);
        model.init(world, streams);
        List<String> log = new ArrayList<>();
        for (int tick = 0; tick < 15; tick++) {
            int t = tick;
            int[] active = IntStream.range(0, pop.size())
                    .filter(u -> pop.status(u) == Population.ACTIVE
                            && streams.uniform(Purposes.ARRIVE, u, t) < 1 - Math.exp(-pop.activity(u)))
                    .toArray();
            SlateBatch b = new SlateBatch(active, 5);
            for (int s = 0; s < active.length; s++) {
                UniformRandomProvider rng = streams.stream(SERVE, active[s], tick);
                int r = 0;
                for (int attempt = 0; attempt < 50 && r < 5; attempt++) {
                    int item = rng.nextInt(c.size());
                    boolean dup = world.history().contains(active[s], item);
                    for (int q = 0; q < r; q++) {
                        dup |= b.item(s, q) == item;
                    }
                    if (!dup) {
                        b.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
            ReactContext ctx = new ReactContext(tick, world, streams);
            EventBuffer all = new EventBuffer();
            if (split) {
                int h = active.length / 2;
                EventBuffer first = new EventBuffer();
                EventBuffer second = new EventBuffer();
                model.react(ctx, b, h, active.length, second).toCompletableFuture().join();
                model.react(ctx, b, 0, h, first).toCompletableFuture().join();
                all.addAll(first);
                all.addAll(second);
            } else {
                model.react(ctx, b, 0, active.length, all).toCompletableFuture().join();
            }
            model.afterTick(ctx, b, all);
            PlatformEffects.apply(world, all, tick, new long[world.catalog().size()]);
            for (int i = 0; i < all.size(); i++) {
                log.add(tick + " " + all.user(i) + " " + all.item(i) + " " + EventType.ofCode(all.typeCode(i)) + " "
                        + all.slate(i) + " " + all.position(i) + " " + all.value(i) + " " + all.target(i));
            }
        }
        log.add("prefs " + Arrays.hashCode(pop.preferences()) + " items " + c.size() + " edges " + g.edgeCount());
        return log;
    }

    @Test
    void sameSeedGivesIdenticalEventsWhateverTheChunking() {
        List<String> a = run(42, false);
        List<String> again = run(42, false);
        List<String> split = run(42, true);
        List<String> other = run(43, false);
        // the run exercises the features whose state could leak between users
        for (String type : List.of("CLICK", "SKIP", "SEARCH", "LIKE", "SHARE", "FOLLOW", "POST", "LEAVE")) {
            assertThat(a).as("events of type %s", type).anyMatch(s -> s.contains(" " + type + " "));
        }
        assertThat(again).isEqualTo(a);
        assertThat(split).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
    }
}
