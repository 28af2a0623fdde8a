package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.noActions;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.twoTopicCatalog;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Archetypes of the rule user model: assignment by share as a function of the seed, activity
 * scaling and per-archetype overrides, and a model confined to a group of users.
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelArchetypeTest {

    @Test
    void aModelConfinedToAGroupAssignsPostsAndReturnsOnlyForItsUsers() {
        int n = 40;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u++) {
            pop.setActivity(u, 0.4f);
            if (u % 2 == 1) {
                pop.setStatus(u, Population.CHURNED);
            }
        }
        World world = World.of(c, pop);
        List<Archetype> types = List.of(new Archetype("only", 1.0, 2.0, null, null, null, null));
        Actions posts = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        Params p = params(mnl(5, 100, 0.7), 0.0, null, null, new Churn(null, null, null, 1.0), posts, types);
        RuleUserModel model = new RuleUserModel(p);
        RandomStreams streams = new RandomStreams(3);
        model.initGroup(world, streams, 10, 20);
        for (int u = 0; u < n; u++) {
            assertThat(pop.activity(u)).as("activity of %d", u).isEqualTo(u >= 10 && u < 20 ? 0.8f : 0.4f);
        }
        // sessions of users 0, 2, ..., 38: every one posts if it is the model's
        SlateBatch slates = slates(IntStream.range(0, n / 2).map(i -> 2 * i).toArray(), 1, s -> new int[] {0});
        EventBuffer ev = new EventBuffer();
        model.react(new ReactContext(0, world, streams), slates, 5, 10, ev).toCompletableFuture().join();
        model.afterTick(new ReactContext(0, world, streams), slates, ev);
        assertThat(ev.count(EventType.POST)).isEqualTo(5); // users 10, 12, ..., 18
        assertThat(ev.count(EventType.RETURN)).isEqualTo(5); // churned users 11, 13, ..., 19
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.user(i)).isBetween(10, 19);
        }
    }

    @Test
    void archetypesAreAssignedByShareAndScaleActivity() {
        int n = 20_000;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u++) {
            pop.setActivity(u, 0.4f);
        }
        List<Archetype> types = List.of(
                new Archetype("casual", 3.0, 0.5, null, null, 0.0, null),
                new Archetype("power", 1.0, 3.0, null, null, 1.0, null));
        Params p = params(mnl(5, 100, 0.7), 0.0, null, null, null, noActions(), types);
        Rig rig = new Rig(c, pop, p, 9);
        assertThat(rig.model.archetypeNames()).containsExactly("casual", "power");
        long power = 0;
        for (int u = 0; u < n; u++) {
            int a = pop.archetype(u);
            assertThat(a).isBetween(0, 1);
            if (a == 1) {
                power++;
                assertThat(pop.activity(u)).isEqualTo((float) (0.4f * 3.0));
            } else {
                assertThat(pop.activity(u)).isEqualTo((float) (0.4f * 0.5));
            }
        }
        assertRate("share of 'power'", power, n, 0.25); // shares 3:1 are normalised
        // the archetype's search rate overrides the model's (0): exactly the power users search
        EventBuffer ev = rig.react(0, slates(range(n), 1, s -> new int[] {0}));
        assertThat(ev.count(EventType.SEARCH)).isEqualTo(power);
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.SEARCH)) {
                assertThat(pop.archetype(ev.user(i))).isEqualTo((byte) 1);
            }
        }
        // assignment is a function of the seed
        Population again = population(n, 1f, 0f, 0f);
        new Rig(c, again, p, 9);
        Population other = population(n, 1f, 0f, 0f);
        new Rig(c, other, p, 10);
        boolean same = true;
        boolean differs = false;
        for (int u = 0; u < n; u++) {
            same &= again.archetype(u) == pop.archetype(u);
            differs |= other.archetype(u) != pop.archetype(u);
        }
        assertThat(same).isTrue();
        assertThat(differs).isTrue();
    }

    @Test
    void withoutArchetypesActivityIsUntouched() {
        Population pop = population(100, 1f, 0f, 0f);
        new Rig(twoTopicCatalog(-1), pop, Params.defaults(), 1);
        for (int u = 0; u < 100; u++) {
            assertThat(pop.activity(u)).isEqualTo(1f);
            assertThat(pop.archetype(u)).isZero();
        }
    }
}
