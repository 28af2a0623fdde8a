package org.recloop.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Fallback;
import org.recloop.core.serve.ItemScorer;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.ServingPolicy;
import org.recloop.core.serve.StochasticServing;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ScoringRecommender;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.SocialGraph;

/**
 * Feed constraints in serving: the store's view by tick (from the next tick, until it expires, the
 * user's last word per target), exclusions in the ranker's dense path and its random fill (which
 * must not loop when the constraints leave fewer candidates than k), and the boost step.
 */
class FeedCommandServingTest {

    private static final RandomStreams STREAMS = new RandomStreams(3);

    /** 20 items; item i has topic i % 4 and creator i % 5. */
    private static Catalog catalog() {
        Catalog c = new Catalog(1, 20);
        for (int i = 0; i < 20; i++) {
            c.add(new float[] {1f}, i % 4, i % 5, 1f, 0f, 0);
        }
        return c;
    }

    /** Scores item i as i: the plain top k is 19, 18, 17, ... */
    private static final class ById extends ScoringRecommender {
        @Override
        protected Optional<ItemScorer> scorer(ServeContext ctx) {
            return Optional.of(new ItemScorer.Dense() {
                public int scoredItems() {
                    return 20;
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

    private static FeedCommand cmd(int tick, int user, Kind kind, Target target, int value, int until) {
        return new FeedCommand(tick, user, "t", FeedCommand.RULES, FeedCommand.OK,
                Optional.of(new FeedConstraint(kind, target, value, tick + 1, until)));
    }

    private static ServeContext ctx(int tick, FeedCommandStore store, Catalog c, SocialGraph g) {
        return new ServeContext(tick, 20, new ConsumptionHistory(3), STREAMS, c, store.view(tick, c, g));
    }

    private static int[] items(SlateBatch b, int s) {
        int[] out = new int[b.length(s)];
        for (int r = 0; r < out.length; r++) {
            out[r] = b.item(s, r);
        }
        return out;
    }

    @Test
    void anExclusionHoldsFromTheNextTickUntilItExpiresAndOnlyForItsUser() {
        Catalog c = catalog();
        SocialGraph g = SocialGraph.empty(3);
        FeedCommandStore store = new FeedCommandStore();
        store.issue(List.of(cmd(4, 0, Kind.EXCLUDE, Target.TOPIC, 3, 8)));
        Recommender rec = new ById();
        for (int tick : new int[] {4, 5, 7, 8}) {
            SlateBatch b = new SlateBatch(new int[] {0, 1}, 4);
            StochasticServing.fill(rec, ServingPolicy.DEFAULT, b, 0, 2, ctx(tick, store, c, g));
            boolean active = tick >= 5 && tick < 8;
            // topic 3: items 19, 15, 11, ... left out while active, the slate still full
            assertThat(items(b, 0)).as("tick %d", tick).containsExactly(active ? new int[] {18, 17, 16, 14}
                    : new int[] {19, 18, 17, 16});
            assertThat(items(b, 1)).containsExactly(19, 18, 17, 16);
        }
        // "more of topic 3" replaces the exclusion of topic 3
        store.issue(List.of(cmd(5, 0, Kind.BOOST, Target.TOPIC, 3, 9)));
        assertThat(store.view(6, c, g).excludes(0, 19)).isFalse();
        assertThat(store.view(6, c, g).boosts(0, 19)).isTrue();
    }

    @Test
    void randomFillStopsWhenTheConstraintsLeaveFewerThanKItems() {
        Catalog c = catalog();
        FeedCommandStore store = new FeedCommandStore();
        // topics 0, 1, 2 excluded: only the 5 items of topic 3 remain
        store.issue(List.of(cmd(0, 0, Kind.EXCLUDE, Target.TOPIC, 0, 9), cmd(0, 0, Kind.EXCLUDE, Target.TOPIC, 1, 9),
                cmd(0, 0, Kind.EXCLUDE, Target.TOPIC, 2, 9)));
        SlateBatch b = new SlateBatch(new int[] {0}, 8);
        SlateRanker.serveRandom(b, 0, 1, ctx(1, store, c, SocialGraph.empty(3)));
        assertThat(items(b, 0)).hasSize(5).containsOnly(3, 7, 11, 15, 19);
    }

    @Test
    void boostedItemsMoveAheadAndOneIsAddedWhenTheRecommenderServedNone() {
        Catalog c = catalog();
        SocialGraph g = SocialGraph.empty(3);
        g.follow(1, 2); // user 1 follows creator 2: items 2, 7, 12, 17
        FeedCommandStore store = new FeedCommandStore();
        store.issue(List.of(cmd(0, 0, Kind.BOOST, Target.CREATOR, 1, 9), cmd(0, 1, Kind.BOOST, Target.FOLLOWED, -1, 9),
                cmd(0, 2, Kind.BOOST, Target.ITEM, 3, 9)));
        SlateBatch b = new SlateBatch(new int[] {0, 1, 2}, 4);
        StochasticServing.fill(new ById(), ServingPolicy.DEFAULT, b, 0, 3, ctx(1, store, c, g));
        // user 0: the top 4 is 19 18 17 16, creator 1 has 16: it moves ahead, the rest keep their order
        assertThat(items(b, 0)).containsExactly(16, 19, 18, 17);
        // user 1: 17 (creator 2) moves ahead
        assertThat(items(b, 1)).containsExactly(17, 19, 18, 16);
        // user 2: item 3 was not served: it is put first and 16 drops off
        assertThat(items(b, 2)).containsExactly(3, 19, 18, 17);
        assertThat(b.propensity(2, 0)).isEqualTo(1f);
    }
}
