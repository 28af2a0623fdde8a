package org.recloop.recommenders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.recloop.recommenders.SyntheticLatentData.clicks;
import static org.recloop.recommenders.SyntheticLatentData.history;
import static org.recloop.recommenders.SyntheticLatentData.items;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateRanker;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.recommenders.linear.EaseRecommender;
import org.recloop.recommenders.mf.ImplicitAlsRecommender;

/**
 * The {@code coldUsers} parameter of ALS and EASE reaches serving: a user without training clicks
 * gets the most clicked items ({@code popular}, the default), the seeded random slate of its serve
 * stream ({@code random}) or the most clicked items one per topic first ({@code diverse}); users
 * with clicks are served by the model whatever the option.
 */
class ColdUsersOptionTest {

    private static final RandomStreams STREAMS = new RandomStreams(3);
    private static final int ITEMS = 40;
    private static final int TICK = 9;
    /** User 5 never clicks. */
    private static final int COLD = 5;

    /**
     * Items 0, 1, 2 are the most clicked (5, 4, 3 clicks) and share topic 0; item 3 (topic 1) and
     * item 4 (topic 2) have two and one. Topics of the other items: {@code i % 4} from 5 up.
     */
    private static Interactions log() {
        return clicks(6, ITEMS, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 0, 1, 1, 1, 2, 1, 3, 1, 0, 2, 1, 2, 2, 2,
                3, 3, 4, 3, 4, 4);
    }

    private static Catalog catalog() {
        Catalog c = new Catalog(1, ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            int topic = i < 3 ? 0 : i == 3 ? 1 : i == 4 ? 2 : i % 4;
            c.add(new float[] {0f}, topic, 0, 0f, 0f, 0);
        }
        return c;
    }

    private static SlateBatch serve(Recommender rec) {
        Interactions log = log();
        rec.fit(log, new TrainContext(TICK, STREAMS, null, 1, catalog()));
        SlateBatch b = new SlateBatch(new int[] {0, COLD}, 4);
        rec.recommend(b, 0, 2, new ServeContext(TICK, ITEMS, history(log), STREAMS, catalog()));
        return b;
    }

    private static void checkOptions(Function<String, Recommender> make) {
        SlateBatch popular = serve(make.apply(null));
        assertThat(items(popular, 1)).containsExactly(0, 1, 2, 3);
        SlateBatch diverse = serve(make.apply("diverse"));
        // one per topic: 0 (topic 0), 3 (1), 4 (2), then 7, the first unclicked item of topic 3
        assertThat(items(diverse, 1)).containsExactly(0, 3, 4, 7);
        SlateBatch random = serve(make.apply("random"));
        SlateBatch expected = new SlateBatch(new int[] {COLD}, 4);
        SlateRanker.fillRandom(expected, 0, COLD, ITEMS, 4, new ConsumptionHistory(6),
                STREAMS.stream(Purposes.SERVE, COLD, TICK));
        assertThat(items(random, 1)).containsExactly(items(expected, 0));
        assertThat(random.propensity(1, 0)).isEqualTo(4f / ITEMS);
        // the user with clicks is served by the model, the same under every option
        assertThat(items(diverse, 0)).containsExactly(items(popular, 0));
        assertThat(items(random, 0)).containsExactly(items(popular, 0));
    }

    @Test
    void als() {
        checkOptions(cold -> new ImplicitAlsRecommender(
                new ImplicitAlsRecommender.Params(4, 5, 0.1, 10.0, null, null, null, null, cold)));
        assertThat(ImplicitAlsRecommender.Params.defaults().coldUsers()).isEqualTo("popular");
    }

    @Test
    void ease() {
        checkOptions(cold -> new EaseRecommender(new EaseRecommender.Params(10.0, null, "java", null, cold)));
        assertThat(EaseRecommender.Params.defaults().coldUsers()).isEqualTo("popular");
    }

    @Test
    void anUnknownOptionNamesTheField() {
        assertThatThrownBy(() -> new ImplicitAlsRecommender.Params(null, null, null, null, null, null, null, null, "new"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("coldUsers: must be one of popular, random, diverse, was 'new'");
        assertThatThrownBy(() -> new EaseRecommender.Params(null, null, null, null, "none"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("coldUsers");
    }
}
