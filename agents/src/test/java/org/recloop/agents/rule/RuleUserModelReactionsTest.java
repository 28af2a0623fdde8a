package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.agents.rule.RuleUserModelFixture.FAR_BELOW;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.noActions;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.sigmoid;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.typesOf;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

/**
 * What a rule user does with an opened item: consume, rate, like, share, comment, follow the
 * creator or unfollow a disappointing one, at the documented rates.
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelReactionsTest {

    @Test
    void withCertainActionsEveryOpenedItemGetsEveryReaction() {
        int n = 500;
        int creator = 7;
        Catalog c = new Catalog(2, 2);
        int byUser = c.add(new float[] {0.6f, 0.8f}, 0, creator, 0.5f, 1f, 0);
        int byOutsider = c.add(new float[] {0.6f, 0.8f}, 0, n + 5, 0.5f, 1f, 0); // creator not a user
        Population pop = population(n, 1f, 0f);
        Actions all = new Actions(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0);
        // outside option far below: the item is opened and sigma(beta·(U - u0)) == 1
        Rig rig = new Rig(c, pop, params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, null, all, null), 15);
        EventBuffer ev = rig.react(0, slates(range(n), 1, s -> new int[] {byUser}));
        List<EventType> full = List.of(EventType.CLICK, EventType.CONSUME, EventType.RATE, EventType.LIKE,
                EventType.SHARE, EventType.COMMENT, EventType.FOLLOW);
        for (int u = 0; u < n; u++) {
            if (u == creator) {
                // nobody follows themselves
                assertThat(typesOf(ev, u)).containsExactlyElementsOf(full.subList(0, 6));
            } else {
                assertThat(typesOf(ev, u)).as("user %d", u).containsExactlyElementsOf(full);
            }
        }
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.item(i)).isEqualTo(byUser);
            assertThat(ev.slate(i)).isEqualTo(ev.user(i));
            assertThat(ev.position(i)).isZero();
            float v = ev.value(i);
            switch (EventType.ofCode(ev.typeCode(i))) {
                case CONSUME -> assertThat(v).isBetween(0.75f, 1f); // sigma·(0.75 + 0.5·uniform), capped
                case RATE -> {
                    assertThat(v).isBetween(1f, 5f);
                    assertThat(v).isEqualTo((float) Math.rint(v));
                }
                case LIKE, SHARE -> assertThat(v).isEqualTo(1f);
                case COMMENT -> assertThat(v).isEqualTo(1f); // sentiment 2·sigma - 1 with sigma = 1
                case FOLLOW -> {
                    assertThat(ev.target(i)).isEqualTo(creator);
                    assertThat(ev.target(i)).isLessThan(n);
                }
                default -> assertThat(ev.target(i)).isEqualTo(-1);
            }
        }
        // an item whose creator is not a user: every reaction but the follow
        EventBuffer ev2 = rig.react(1, slates(range(n), 1, s -> new int[] {byOutsider}));
        assertThat(ev2.count(EventType.FOLLOW)).isZero();
        assertThat(ev2.count(EventType.COMMENT)).isEqualTo(n);
        // already following the creator: no second FOLLOW
        PlatformEffects.apply(rig.world, ev, 0, new long[rig.world.catalog().size()]);
        assertThat(rig.world.graph().follows(3, creator)).isTrue();
        assertThat(rig.react(2, slates(range(n), 1, s -> new int[] {byUser})).count(EventType.FOLLOW)).isZero();
    }

    @Test
    void withZeroProbabilitiesAnOpenedItemIsOnlyConsumed() {
        int n = 500;
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {0.6f, 0.8f}, 0, 3, 0.5f, 1f, 0);
        Rig rig = new Rig(c, population(n, 1f, 0f),
                params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, null, noActions(), null), 16);
        EventBuffer ev = rig.tick(0, slates(range(n), 1, s -> new int[] {0}));
        for (int u = 0; u < n; u++) {
            assertThat(typesOf(ev, u)).containsExactly(EventType.CLICK, EventType.CONSUME);
        }
        assertThat(rig.world.catalog().size()).isEqualTo(1); // no posts
    }

    /** P(stars = k), k = 1..5, for stars = clamp(round(1 + 4σ + 0.5·N(0,1)), 1, 5), by quadrature. */
    private static double[] starDistribution(double sig) {
        double[] p = new double[6];
        double mass = 0;
        double h = 1e-4;
        for (double g = -9; g <= 9; g += h) {
            double w = Math.exp(-g * g / 2) * h;
            int s = (int) Math.max(1, Math.min(5, Math.round(1 + 4 * sig + 0.5 * g)));
            p[s] += w;
            mass += w;
        }
        for (int k = 1; k <= 5; k++) {
            p[k] /= mass;
        }
        return p;
    }

    @Test
    void reactionRatesScaleWithSatisfactionAsDocumented() {
        int n = 20_000;
        double beta = 5;
        double u0 = 0.5;
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {0.6f, 0.8f}, 0, n, 0.5f, 1f, 0); // creator n: a user, never a session user
        Population pop = population(n + 1, 1f, 0f);
        double rate = 0.3;
        double comment = 0.5;
        Actions act = new Actions(rate, 1.0, 0.6, comment, 0.8, 0.0, 0.0, 0.0);
        Rig rig = new Rig(c, pop, params(mnl(beta, u0, 0.7), 0.0, null, null, null, act, null), 17);
        EventBuffer ev = rig.react(0, slates(range(n), 1, s -> new int[] {0}));
        double u = c.dot(0, pop.preferences(), 0);
        double sig = sigmoid(beta * (u - u0)); // ≈ 0.62
        long opened = ev.count(EventType.CLICK);
        assertRate("open (mnl, one item)", opened, n, Math.exp(beta * u) / (Math.exp(beta * u) + Math.exp(beta * u0)));
        assertRate("LIKE per open = like·σ", ev.count(EventType.LIKE), opened, sig);
        assertRate("SHARE per open = share·σ", ev.count(EventType.SHARE), opened, 0.6 * sig);
        assertRate("FOLLOW per open = follow·σ", ev.count(EventType.FOLLOW), opened, 0.8 * sig);
        assertRate("RATE per open = rate", ev.count(EventType.RATE), opened, rate);
        assertRate("COMMENT per open = comment", ev.count(EventType.COMMENT), opened, comment);
        long[] stars = new long[6];
        long rated = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.COMMENT)) {
                assertThat((double) ev.value(i)).isCloseTo(2 * sig - 1, within(1e-6));
            } else if (ev.is(i, EventType.RATE)) {
                float v = ev.value(i);
                assertThat(v).isBetween(1f, 5f).isEqualTo((float) Math.rint(v));
                stars[(int) v]++;
                rated++;
            } else if (ev.is(i, EventType.CONSUME)) {
                assertThat((double) ev.value(i)).isBetween(0.75 * sig - 1e-6, 1.25 * sig + 1e-6);
            }
        }
        // the whole star distribution (≈ 3700 ratings); 1 star has p ≈ 3e-5 here, too rare for a
        // normal approximation, so it is pooled with 2 stars
        double[] expected = starDistribution(sig);
        assertRate("ratings of at most 2 stars", stars[1] + stars[2], rated, expected[1] + expected[2]);
        for (int k = 3; k <= 5; k++) {
            assertRate("ratings of " + k + " stars", stars[k], rated, expected[k]);
        }
    }

    @Test
    void disappointedFollowersUnfollowTheCreator() {
        int n = 4_000;
        int creator = n;
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {0.2f, 0.9797959f}, 0, creator, 0.5f, 1f, 0); // U = 0.2 < u0
        Population pop = population(n + 1, 1f, 0f);
        int[] from = IntStream.range(0, n / 2).map(i -> 2 * i).toArray(); // even users follow the creator
        int[] to = new int[from.length];
        Arrays.fill(to, creator);
        Actions act = new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        Rig rig = new Rig(c, pop, SocialGraph.fromEdges(n + 1, from, to),
                params(mnl(5, 0.4, 0.7), 0.0, null, null, null, act, null), 18);
        EventBuffer ev = rig.react(0, slates(range(n), 1, s -> new int[] {0}));
        long evenClicks = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.user(i) % 2 == 0) {
                evenClicks++;
            }
            if (ev.is(i, EventType.UNFOLLOW)) {
                assertThat(ev.user(i) % 2).isZero();
                assertThat(ev.target(i)).isEqualTo(creator);
            }
        }
        assertThat(evenClicks).isPositive();
        assertThat(ev.count(EventType.UNFOLLOW)).isEqualTo(evenClicks);
        // a good item (U >= u0) keeps followers
        Catalog good = new Catalog(2, 1);
        good.add(new float[] {0.6f, 0.8f}, 0, creator, 0.5f, 1f, 0);
        Rig happy = new Rig(good, population(n + 1, 1f, 0f), SocialGraph.fromEdges(n + 1, from, to),
                params(mnl(5, 0.4, 0.7), 0.0, null, null, null, act, null), 18);
        EventBuffer ev2 = happy.react(0, slates(range(n), 1, s -> new int[] {0}));
        assertThat(ev2.count(EventType.CLICK)).isPositive();
        assertThat(ev2.count(EventType.UNFOLLOW)).isZero();
    }
}
