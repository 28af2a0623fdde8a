package org.recloop.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;

/**
 * The {@link ColdUsers} options of a popularity {@link Fallback} through the shared ranker: only
 * users without scores are served differently; a known user's slate is completed as before.
 */
class ColdUsersServingTest {

    private static final RandomStreams STREAMS = new RandomStreams(11);
    private static final int TICK = 4;
    /** Topics of items 0..7. */
    private static final int[] TOPICS = {0, 0, 1, 1, 2, 0, 1, 2};
    private static final int[] POPULAR = {0, 1, 5, 2, 3, 4, 6, 7};

    /** User 0 is known (scores = its row), users 1 and 2 are not. */
    private record Scorer(Fallback fallback) implements ItemScorer.Dense {
        @Override
        public int scoredItems() {
            return 8;
        }

        @Override
        public boolean knows(int u) {
            return u == 0;
        }

        @Override
        public void score(int[] users, int count, int i0, int i1, float[] out, int stride) {
            for (int g = 0; g < count; g++) {
                for (int i = i0; i < i1; i++) {
                    out[g * stride + i - i0] = i; // item 7 best
                }
            }
        }
    }

    private static Catalog catalog(int items) {
        Catalog c = new Catalog(1, items);
        for (int i = 0; i < items; i++) {
            c.add(new float[] {0f}, i < TOPICS.length ? TOPICS[i] : -1, 0, 0f, 0f, 0);
        }
        return c;
    }

    private static int[] items(SlateBatch b, int s) {
        int[] out = new int[b.length(s)];
        for (int r = 0; r < out.length; r++) {
            out[r] = b.item(s, r);
        }
        return out;
    }

    /** Slates of users 0, 1, 2 (k = 4) over 10 items (8 scored, 2 newer than the model). */
    private static SlateBatch serve(ColdUsers cold, ConsumptionHistory h, Catalog cat) {
        SlateBatch b = new SlateBatch(new int[] {0, 1, 2}, 4);
        Fallback fb = Fallback.popular(POPULAR, 8).withColdUsers(cold);
        SlateRanker.rank(new Scorer(fb), b, 0, 3, new ServeContext(TICK, 10, h, STREAMS, cat));
        return b;
    }

    private static ConsumptionHistory history() {
        ConsumptionHistory h = new ConsumptionHistory(3);
        h.add(2, 0); // user 2 consumed the most popular item
        for (int i = 0; i < 7; i++) {
            h.add(0, i); // user 0 has one scored item left: its slate is completed by newer items
        }
        return h;
    }

    @Test
    void popularIsTheOrderThenNewerItemsAsBefore() {
        SlateBatch b = serve(ColdUsers.POPULAR, history(), catalog(10));
        assertThat(items(b, 0)).containsExactly(7, 8, 9);
        assertThat(items(b, 1)).containsExactly(0, 1, 5, 2);
        assertThat(items(b, 2)).containsExactly(1, 5, 2, 3);
        assertThat(Fallback.popular(POPULAR, 8).coldUsers()).isEqualTo(ColdUsers.POPULAR);
    }

    @Test
    void randomGivesUsersWithoutScoresTheSeededRandomSlateOfTheirServeStream() {
        ConsumptionHistory h = history();
        SlateBatch b = serve(ColdUsers.RANDOM, h, catalog(10));
        assertThat(items(b, 0)).containsExactly(7, 8, 9); // the known user is unchanged
        for (int s = 1; s <= 2; s++) {
            int u = s;
            SlateBatch expected = new SlateBatch(new int[] {u}, 4);
            SlateRanker.fillRandom(expected, 0, u, 10, 4, h, STREAMS.stream(Purposes.SERVE, u, TICK));
            assertThat(items(b, s)).containsExactly(items(expected, 0));
            assertThat(b.propensity(s, 0)).isEqualTo(expected.propensity(0, 0)).isLessThan(1f);
        }
        assertThat(items(b, 2)).doesNotContain(0);
        // a draw, not the popular order; the same draw again
        assertThat(items(b, 1)).isNotEqualTo(new int[] {0, 1, 5, 2});
        assertThat(items(serve(ColdUsers.RANDOM, h, catalog(10)), 1)).containsExactly(items(b, 1));
    }

    @Test
    void diverseTakesOneItemPerTopicInPopularityOrderThenFillsFromTheOrder() {
        SlateBatch b = serve(ColdUsers.DIVERSE, history(), catalog(10));
        assertThat(items(b, 0)).containsExactly(7, 8, 9);
        // topics 0, 1, 2 once each (0, 2, 4), then the most popular left (1)
        assertThat(items(b, 1)).containsExactly(0, 2, 4, 1);
        // item 0 consumed: topic 0 is served by the next most popular of it (1)
        assertThat(items(b, 2)).containsExactly(1, 2, 4, 5);
    }

    @Test
    void diverseWithoutACatalogIsPopular() {
        SlateBatch b = serve(ColdUsers.DIVERSE, history(), null);
        assertThat(items(b, 1)).containsExactly(0, 1, 5, 2);
    }

    @Test
    void parseNamesTheFieldAndTheChoices() {
        assertThat(ColdUsers.parse("coldUsers", null)).isEqualTo(ColdUsers.POPULAR);
        assertThat(ColdUsers.parse("coldUsers", "Random")).isEqualTo(ColdUsers.RANDOM);
        assertThat(ColdUsers.parse("coldUsers", "diverse")).isEqualTo(ColdUsers.DIVERSE);
        assertThatThrownBy(() -> ColdUsers.parse("coldUsers", "explore"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("coldUsers: must be one of popular, random, diverse, was 'explore'");
    }
}
