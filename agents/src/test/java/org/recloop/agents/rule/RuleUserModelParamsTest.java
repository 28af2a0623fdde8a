package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.twoTopicCatalog;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Choice;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Satiation;
import org.recloop.agents.rule.RuleUserModel.Social;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;

/**
 * Parameters of the rule user model: a bad value names its field, and every section is optional
 * with defaults that leave satiation, herd, returns, posts, search and archetypes off.
 */
class RuleUserModelParamsTest {

    private static void assertInvalid(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void badParametersNameTheField() {
        assertThatThrownBy(() -> new Choice("foo", null, null, null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.field()).isEqualTo("model");
                    assertThat(e.getMessage()).contains("'foo'");
                });
        assertInvalid(() -> new Choice(null, null, null, null, 1.5), "persistence");
        assertInvalid(() -> new Choice("cascade", -1.0, null, null, null), "beta");
        assertInvalid(() -> new Choice(null, null, Double.NaN, null, null), "noClickUtility");
        assertInvalid(() -> new Choice(null, null, null, -0.1, null), "positionDecay");
        assertInvalid(() -> new Satiation(-1.0, null), "weight");
        assertInvalid(() -> new Satiation(null, 1.1), "recovery");
        assertInvalid(() -> new Social(-0.5, null), "herdWeight");
        assertInvalid(() -> new Social(null, 0), "window");
        assertInvalid(() -> new Churn(1.5, null, null, null), "smoothing");
        assertInvalid(() -> new Churn(null, null, -1, null), "minSessions");
        assertInvalid(() -> new Churn(null, null, null, 2.0), "returnProbability");
        String[] actionFields = {"rate", "like", "share", "comment", "follow", "unfollow", "post", "search"};
        for (int f = 0; f < actionFields.length; f++) {
            Double[] v = new Double[8];
            v[f] = 1.5;
            assertInvalid(() -> new Actions(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]), actionFields[f]);
        }
        assertInvalid(() -> new Archetype(null, null, null, null, null, null, null), "name");
        assertInvalid(() -> new Archetype(" ", null, null, null, null, null, null), "name");
        assertInvalid(() -> new Archetype("x", 0.0, null, null, null, null, null), "share");
        assertInvalid(() -> new Archetype("x", null, -1.0, null, null, null, null), "activityScale");
        assertInvalid(() -> new Archetype("x", null, null, -1.0, null, null, null), "beta");
        assertInvalid(() -> new Archetype("x", null, null, null, 1.5, null, null), "driftRate");
        assertInvalid(() -> new Archetype("x", null, null, null, null, 1.5, null), "search");
        assertInvalid(() -> new Archetype("x", null, null, null, null, null, -0.5), "post");
        assertInvalid(() -> new Params(null, 1.5, null, null, null, null, null, null, null), "driftRate");
        assertInvalid(() -> new Params(null, null, Double.POSITIVE_INFINITY, null, null, null, null, null, null),
                "qualityWeight");
        assertInvalid(() -> new Params(null, null, null, null, null, null, null, null, -1.0), "postNoise");
        List<Archetype> many = IntStream.range(0, 101).mapToObj(i -> new Archetype("t" + i, null, null, null, null,
                null, null)).toList();
        assertInvalid(() -> new Params(null, null, null, null, null, null, null, many, null), "archetypes");
    }

    @Test
    void everySectionIsOptional() {
        Params d = Params.defaults();
        assertThat(d.choice().model()).isEqualTo("mnl");
        assertThat(d.choice().persistence()).isBetween(0.0, 1.0);
        assertThat(d.satiation().weight()).isZero(); // satiation off unless asked for
        assertThat(d.social().herdWeight()).isZero(); // herd off unless asked for
        assertThat(d.churn().returnProbability()).isZero();
        assertThat(d.actions().post()).isZero();
        assertThat(d.actions().search()).isZero();
        assertThat(d.archetypes()).isEmpty();
        assertThat(new Choice("cascade", null, null, null, null).model()).isEqualTo("cascade");
        // a model with defaults answers slates
        Population pop = population(10, 1f, 0f, 0f);
        Rig rig = new Rig(twoTopicCatalog(-1), pop, d, 1);
        EventBuffer ev = rig.react(0, slates(range(10), 3, s -> new int[] {0, 1, 2}));
        assertThat(ev.count(EventType.CLICK) + ev.count(EventType.SKIP)).isEqualTo(10);
    }
}
