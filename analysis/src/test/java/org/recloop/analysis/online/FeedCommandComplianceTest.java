package org.recloop.analysis.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.command.FeedCommandStore;
import org.recloop.core.command.FeedConstraint;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;
import org.recloop.core.command.FeedConstraints;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.serve.ServingPolicy;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.StochasticServing;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * The feed-compliance metric on slates served with the constraint step (compliance 1) and with it
 * bypassed (a recommender asked without the users' constraints: compliance drops), and the
 * commanding users' CTR apart from the others'.
 */
class FeedCommandComplianceTest {

    private static final RandomStreams STREAMS = new RandomStreams(5);

    /** Scores item i as i (a most-popular order by id): 29, 28, 27, 26, ... */
    private static final class ById extends ScoringRecommender {
        @Override
        protected Optional<ItemScorer> scorer(ServeContext ctx) {
            return Optional.of(new ItemScorer.Dense() {
                public int scoredItems() {
                    return 30;
                }

                public Fallback fallback() {
                    return Fallback.random();
                }

                public boolean knows(int u) {
                    return true;
                }

                public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
                    for (int g = 0; g < count; g++) {
                        for (int i = i0; i < i1; i++) {
                            out[g * stride + i - i0] = i;
                        }
                    }
                }
            });
        }

        @Override
        public void fit(Interactions all, TrainContext ctx) {}

        @Override
        public int modelVersion() {
            return 1;
        }
    }

    /** 30 items, topic i % 3, creator i % 6, popularity prior rising with the id. */
    private static World world() {
        Catalog c = new Catalog(1, 30);
        for (int i = 0; i < 30; i++) {
            c.add(new float[] {1f}, i % 3, i % 6, 1f, i, 0);
        }
        return World.of(c, new Population(4, 1));
    }

    private static FeedConstraints constraints(World w) {
        FeedCommandStore store = new FeedCommandStore();
        store.issue(List.of(
                new FeedCommand(0, 0, "less of topic 2", FeedCommand.RULES, FeedCommand.OK,
                        Optional.of(new FeedConstraint(Kind.EXCLUDE, Target.TOPIC, 2, 1, 5))),
                new FeedCommand(0, 1, "more from creator 0", FeedCommand.RULES, FeedCommand.OK,
                        Optional.of(new FeedConstraint(Kind.BOOST, Target.CREATOR, 0, 1, 5)))));
        return store.view(1, w.catalog(), w.graph());
    }

    private static Map<String, Double> measure(World w, FeedConstraints served, FeedConstraints truth) {
        SlateBatch b = new SlateBatch(new int[] {0, 1, 2, 3}, 4);
        StochasticServing.fill(new ById(),
                ServingPolicy.DEFAULT, b, 0, 4, new ServeContext(1, 30, w.history(), STREAMS, w.catalog(), served));
        EventBuffer ev = new EventBuffer();
        ev.add(0, b.item(0, 0), EventType.CLICK, 0, 0, 1f);
        ev.add(2, b.item(2, 1), EventType.CLICK, 2, 1, 1f);
        ev.add(2, b.item(2, 2), EventType.CLICK, 2, 2, 1f);
        Map<String, Double> out = new LinkedHashMap<>();
        new FeedCommandCompliance().observe(new TickView(1, w, b, ev, new long[30], new long[30], STREAMS, null, truth),
                out);
        return out;
    }

    @Test
    void complianceIsOneWhenServedUnderTheConstraintsAndDropsWhenTheStepIsBypassed() {
        World w = world();
        FeedConstraints fc = constraints(w);
        Map<String, Double> honoured = measure(w, fc, fc);
        assertThat(honoured.get(FeedCommandCompliance.EXCLUDE)).isEqualTo(1.0);
        assertThat(honoured.get(FeedCommandCompliance.BOOST)).isEqualTo(1.0);
        // the top 4 by id is 29, 28, 27, 26: topic 2 (29, 26) and creator 0 (none) unless constrained
        Map<String, Double> bypassed = measure(w, FeedConstraints.NONE, fc);
        assertThat(bypassed.get(FeedCommandCompliance.EXCLUDE)).isEqualTo(0.0);
        assertThat(bypassed.get(FeedCommandCompliance.BOOST)).isEqualTo(0.0);
        // users 0 and 1 command (1 click on 8 exposures), users 2 and 3 do not (2 on 8)
        assertThat(honoured.get(FeedCommandCompliance.COMMANDERS_CTR)).isEqualTo(1 / 8.0);
        assertThat(honoured.get(FeedCommandCompliance.OTHERS_CTR)).isEqualTo(2 / 8.0);
    }

    @Test
    void withoutCommandsTheComplianceValuesAreNaN() {
        World w = world();
        Map<String, Double> out = measure(w, FeedConstraints.NONE, FeedConstraints.NONE);
        assertThat(out.get(FeedCommandCompliance.EXCLUDE)).isNaN();
        assertThat(out.get(FeedCommandCompliance.BOOST)).isNaN();
        assertThat(out.get(FeedCommandCompliance.COMMANDERS_CTR)).isNaN();
    }
}
