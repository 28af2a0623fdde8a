package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.twoTopicCatalog;
import static org.recloop.agents.rule.RuleUserModelFixture.typesOf;
import static org.recloop.agents.rule.RuleUserModelFixture.unit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.Topics;

/**
 * What a rule user does beyond the slate: posts that join the catalog with the user as creator
 * (and their noise around the taste), and searches of the favourite topic for unconsumed items.
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelPostAndSearchTest {

    @Test
    void postsJoinTheCatalogWithTheUserAsCreator() {
        int n = 100;
        Catalog c = twoTopicCatalog(-1);
        int before = c.size();
        float[] centres = Topics.centres(c);
        Population pop = population(n, unit(1, 0.3, 0.2));
        for (int u = n / 2; u < n; u++) {
            System.arraycopy(unit(0.1, 0.2, 1), 0, pop.preferences(), u * 3, 3);
        }
        Actions act = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0);
        Params p = new Params(mnl(5, 100, 0.7), 0.0, null, null, null, null, act, null, 0.0);
        Rig rig = new Rig(c, pop, p, 19);
        int[] users = IntStream.range(0, n).filter(u -> u % 4 != 3).toArray(); // some users have no session
        EventBuffer ev = rig.tick(3, slates(users, 1, s -> new int[] {0}));
        assertThat(c.size()).isEqualTo(before + users.length);
        int next = before;
        int seen = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (!ev.is(i, EventType.POST)) {
                continue;
            }
            int u = ev.user(i);
            assertThat(u).isEqualTo(users[seen++]); // one post per session user, in user order
            int item = ev.item(i);
            assertThat(item).isEqualTo(next++);
            assertThat(c.creator(item)).isEqualTo(u);
            assertThat(c.createdTick(item)).isEqualTo(3);
            assertThat(c.quality(item)).isBetween(0f, 1f);
            float[] f = Arrays.copyOfRange(c.features(), item * 3, item * 3 + 3);
            // postNoise 0: the post is the poster's (unit) taste
            for (int d = 0; d < 3; d++) {
                assertThat(f[d]).isCloseTo(pop.preferences()[u * 3 + d], within(1e-6f));
            }
            assertThat(c.topic(item)).isEqualTo(Topics.nearest(centres, 3, f, 0));
            assertThat(c.topic(item)).isEqualTo(u < n / 2 ? 0 : 1);
        }
        assertThat(seen).isEqualTo(users.length);
        // the kernel records posts as visible activity
        assertThat(rig.world.activity().count(users[0])).isEqualTo(1);
        assertThat(rig.world.activity().item(users[0], 0)).isEqualTo(before);
    }

    @Test
    void postNoiseSpreadsPostsAroundTheTasteAndArchetypesOverrideThePostRate() {
        int n = 2_000;
        Catalog c = twoTopicCatalog(-1);
        int before = c.size();
        Population pop = population(n, unit(1, 0.3, 0.2));
        Actions act = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        List<Archetype> types = List.of(new Archetype("lurker", 1.0, null, null, null, null, null),
                new Archetype("creator", 1.0, null, null, null, null, 1.0));
        Params p = new Params(mnl(5, 100, 0.7), 0.0, null, null, null, null, act, types, 0.5);
        Rig rig = new Rig(c, pop, p, 20);
        EventBuffer ev = rig.tick(0, slates(range(n), 1, s -> new int[] {0}));
        long creators = IntStream.range(0, n).filter(u -> pop.archetype(u) == 1).count();
        assertThat(ev.count(EventType.POST)).isEqualTo(creators);
        double cosSum = 0;
        double cosSq = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.POST)) {
                int u = ev.user(i);
                assertThat(pop.archetype(u)).isEqualTo((byte) 1);
                double cos = c.dot(ev.item(i), pop.preferences(), u * 3);
                cosSum += cos;
                cosSq += cos * cos;
            }
        }
        assertThat(c.size()).isEqualTo(before + creators);
        // Documented noise: N(0, (postNoise/sqrt(dim))²) per coordinate around the unit taste, then
        // normalised. Its mean cosine with the taste, by Monte Carlo of that recipe (200k draws,
        // error ~2e-4), is ≈ 0.92 for dim 3; the model's mean must match within 4 SE of a mean.
        float[] taste = Arrays.copyOfRange(pop.preferences(), 0, 3);
        java.util.Random g = new java.util.Random(1);
        double sd = 0.5 / Math.sqrt(3);
        double mc = 0;
        int draws = 200_000;
        for (int k = 0; k < draws; k++) {
            double dot = 0;
            double norm = 0;
            for (int d = 0; d < 3; d++) {
                double f = taste[d] + sd * g.nextGaussian();
                dot += f * taste[d];
                norm += f * f;
            }
            mc += dot / Math.sqrt(norm);
        }
        mc /= draws;
        double mean = cosSum / creators;
        double sdCos = Math.sqrt(cosSq / creators - mean * mean);
        double tol = 4 * sdCos / Math.sqrt(creators) + 1e-3;
        assertThat(mean).as("mean cosine of post and taste, predicted %.4f ± %.4f", mc, tol)
                .isCloseTo(mc, within(tol));
    }

    @Test
    void searchFindsItemsThatOtherModelsAddedToTheCatalog() {
        int n = 100;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        Actions act = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        Rig rig = new Rig(c, pop, params(mnl(5, 100, 0.7), 0.0, null, null, null, act, null), 22);
        // every user consumed all ten topic-0 items of the initial catalog
        for (int u = 0; u < n; u++) {
            for (int i = 0; i < 10; i++) {
                rig.world.history().add(u, i);
            }
        }
        // another model (e.g. an LLM agent's post) adds a topic-0 item after init
        int added = c.add(unit(1, 0.01, 0), 0, 7, 0.5f, 1f, 0);
        // the next afterTick indexes it for search
        rig.model.afterTick(rig.ctx(0), slates(new int[0], 1, s -> new int[0]), new EventBuffer());
        EventBuffer ev = rig.react(1, slates(range(n), 1, s -> new int[] {15}));
        long opened = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                assertThat(ev.item(i)).as("the only unconsumed topic-0 item").isEqualTo(added);
                opened++;
            }
        }
        // 20 draws among 11 indexed items find the new one with p = 1 - (10/11)^20
        assertRate("search finds the item another model added", opened, n, 1 - Math.pow(10.0 / 11, 20));
    }

    @Test
    void searchOpensAnUnconsumedItemOfTheFavouriteTopic() {
        int n = 2_000;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = n / 2; u < n; u++) {
            System.arraycopy(new float[] {0f, 0f, 1f}, 0, pop.preferences(), u * 3, 3);
        }
        Actions act = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        // the outside option beats everything, so the only click comes from the search
        Rig rig = new Rig(c, pop, params(mnl(5, 100, 0.7), 0.0, null, null, null, act, null), 21);
        // users 0..99 consumed every topic-0 item but item 9 already
        for (int u = 0; u < 100; u++) {
            for (int i = 0; i < 9; i++) {
                rig.world.history().add(u, i);
            }
        }
        EventBuffer ev = rig.react(0, slates(range(n), 1, s -> new int[] {5}));
        assertThat(ev.count(EventType.SEARCH)).isEqualTo(n);
        long best = 0;
        long freshOpened = 0;
        for (int u = 0; u < n; u++) {
            List<EventType> t = typesOf(ev, u);
            int topic = u < n / 2 ? 0 : 1;
            int first = -1;
            for (int i = 0; i < ev.size(); i++) {
                if (ev.user(i) == u) {
                    first = first < 0 ? i : first;
                }
            }
            assertThat(ev.is(first, EventType.SEARCH)).isTrue();
            assertThat(ev.item(first)).isEqualTo(-1);
            assertThat(ev.value(first)).isEqualTo((float) topic);
            if (u < 100) {
                // 20 draws among 10 items may miss item 9 (p = 0.9^20): then nothing is opened
                assertThat(t).isIn(List.of(EventType.SEARCH, EventType.SKIP),
                        List.of(EventType.SEARCH, EventType.CLICK, EventType.CONSUME, EventType.SKIP));
                if (t.size() == 4) {
                    assertThat(ev.item(first + 1)).as("only the unconsumed item").isEqualTo(9);
                    freshOpened++;
                }
                continue;
            }
            assertThat(t).containsExactly(EventType.SEARCH, EventType.CLICK, EventType.CONSUME, EventType.SKIP);
            int item = ev.item(first + 1);
            assertThat(ev.slate(first + 1)).isEqualTo(-1);
            assertThat(ev.position(first + 1)).isEqualTo(-1);
            assertThat(ev.slate(first + 2)).isEqualTo(-1);
            assertThat(c.topic(item)).isEqualTo(topic);
            assertThat((double) ev.value(first + 1)).isCloseTo(c.dot(item, pop.preferences(), u * 3), within(1e-6));
            // the best item of each topic is the one nearest the axis: items 0 and 10
            if (item == 10 * topic) {
                best++;
            }
        }
        // P(item 9 drawn at least once in 20) = 1 - 0.9^20 ≈ 0.88; 100 users
        assertRate("search finds the one unconsumed item", freshOpened, 100, 1 - Math.pow(0.9, 20));
        // search picks the best of what it looked at: far more often the topic's best item than
        // a random pick (1 in 10) would
        assertThat(best).isGreaterThan((n - 100) / 2);
    }
}
