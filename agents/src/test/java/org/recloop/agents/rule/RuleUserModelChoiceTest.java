package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.agents.rule.RuleUserModelFixture.FAR_BELOW;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.sigmoid;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.unit;

import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Choice;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Social;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

/**
 * Which item of a slate the rule user model opens, if any: the multinomial logit choice with its
 * position bias, the cascade model, and the herd bonus for items that followed users engaged with.
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelChoiceTest {

    // ---------------------------------------------------------------- position bias (mnl)

    @Test
    void mnlClickShareByPositionFollowsThePositionBias() {
        int n = 20_000;
        int k = 5;
        double beta = 5;
        double u0 = 0.4;
        double decay = 0.7;
        // k identical items: only the position differs
        Catalog c = new Catalog(2, k);
        for (int i = 0; i < k; i++) {
            c.add(unit(0.5, Math.sqrt(0.75)), 0, -1, 0.5f, 1f, 0);
        }
        Rig rig = new Rig(c, population(n, 1f, 0f), params(mnl(beta, u0, decay), 0.0, null, null, null, null, null),
                1);
        EventBuffer ev = rig.react(0, slates(range(n), k, s -> range(k)));

        long[] clicks = new long[k];
        long skips = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                clicks[ev.position(i)]++;
                assertThat(ev.item(i)).isEqualTo(ev.position(i)); // slate s holds item r at position r
                assertThat(ev.slate(i)).isEqualTo(ev.user(i));
            } else if (ev.is(i, EventType.SKIP)) {
                skips++;
                assertThat(ev.item(i)).isEqualTo(-1);
            }
        }
        // exactly one answer per session, and every click is consumed
        assertThat(ev.count(EventType.CLICK) + skips).isEqualTo(n);
        assertThat(ev.count(EventType.CONSUME)).isEqualTo(ev.count(EventType.CLICK));

        double u = c.dot(0, rig.world.population().preferences(), 0);
        double total = Math.exp(beta * u0);
        double[] w = new double[k];
        for (int r = 0; r < k; r++) {
            w[r] = Math.exp(beta * u) * Math.pow(r + 1, -decay);
            total += w[r];
            assertThat(rig.model.positionBias(r)).isCloseTo(Math.pow(r + 1, -decay), within(1e-12));
        }
        for (int r = 0; r < k; r++) {
            assertRate("click at position " + r, clicks[r], n, w[r] / total);
        }
        assertRate("skip", skips, n, Math.exp(beta * u0) / total);
        // the position effect is real: position 0 beats position 4 by far more than the noise
        assertThat(clicks[0]).isGreaterThan((long) (1.5 * clicks[4]));
    }

    // ---------------------------------------------------------------- cascade

    @Test
    void cascadeClickProbabilityDecaysGeometricallyWithPosition() {
        int n = 20_000;
        int k = 5;
        double beta = 5;
        double u0 = 0.4;
        double gamma = 0.8;
        Catalog c = new Catalog(2, k);
        for (int i = 0; i < k; i++) {
            c.add(unit(0.3, Math.sqrt(0.91)), 0, -1, 0.5f, 1f, 0);
        }
        Choice cascade = new Choice("cascade", beta, u0, 0.7, gamma);
        Rig rig = new Rig(c, population(n, 1f, 0f), params(cascade, 0.0, null, null, null, null, null), 2);
        EventBuffer ev = rig.react(0, slates(range(n), k, s -> range(k)));
        long[] clicks = new long[k];
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                clicks[ev.position(i)]++;
            }
        }
        assertThat(ev.count(EventType.CLICK) + ev.count(EventType.SKIP)).isEqualTo(n);

        double u = c.dot(0, rig.world.population().preferences(), 0);
        double a = sigmoid(beta * (u - u0)); // ≈ 0.38
        double clicked = 0;
        for (int r = 0; r < k; r++) {
            // examined with probability ((1-a)·γ)^r, then opened with probability a; positionDecay
            // (0.7 here) plays no part in the cascade
            double p = a * Math.pow((1 - a) * gamma, r);
            clicked += p;
            assertRate("cascade click at position " + r, clicks[r], n, p);
        }
        assertRate("cascade skip", ev.count(EventType.SKIP), n, 1 - clicked);
    }

    @Test
    void cascadeWithoutPersistenceNeverLooksPastTheFirstPosition() {
        int n = 5_000;
        Catalog c = new Catalog(2, 3);
        for (int i = 0; i < 3; i++) {
            c.add(unit(0.3, Math.sqrt(0.91)), 0, -1, 0.5f, 1f, 0);
        }
        Rig rig = new Rig(c, population(n, 1f, 0f),
                params(new Choice("cascade", 5.0, 0.4, null, 0.0), 0.0, null, null, null, null, null), 3);
        EventBuffer ev = rig.react(0, slates(range(n), 3, s -> range(3)));
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                assertThat(ev.position(i)).isZero();
            }
        }
        double a = sigmoid(5 * (c.dot(0, rig.world.population().preferences(), 0) - 0.4));
        assertRate("click at 0", ev.count(EventType.CLICK), n, a);
    }

    // ---------------------------------------------------------------- herd effect

    /**
     * Followers 0..n-1 all follow users n and n+1; item 0 and item 1 are identical. Users n and n+1
     * engaged with item 0 at ticks 7 and 8. Returns how many followers chose item 0 at {@code tick}.
     */
    private static long herdChoices(double herdWeight, int window, int tick, int n, boolean checkValues) {
        Catalog c = new Catalog(2, 2);
        c.add(new float[] {0.6f, 0.8f}, 0, -1, 0.5f, 1f, 0);
        c.add(new float[] {0.6f, 0.8f}, 0, -1, 0.5f, 1f, 0);
        Population pop = population(n + 2, 1f, 0f);
        int[] from = new int[2 * n];
        int[] to = new int[2 * n];
        for (int u = 0; u < n; u++) {
            from[2 * u] = u;
            to[2 * u] = n;
            from[2 * u + 1] = u;
            to[2 * u + 1] = n + 1;
        }
        Params p = params(mnl(5, FAR_BELOW, 0), 0.0, null, new Social(herdWeight, window), null, null, null);
        Rig rig = new Rig(c, pop, SocialGraph.fromEdges(n + 2, from, to), p, 8);
        // in tick order, as the kernel records them
        rig.world.activity().record(n + 1, 1, 2, EventType.LIKE.code()); // item 1: long ago
        rig.world.activity().record(n, 0, 7, EventType.LIKE.code());
        rig.world.activity().record(n + 1, 0, 8, EventType.SHARE.code());
        EventBuffer ev = rig.react(tick, slates(range(n), 2, s -> s % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}));
        assertThat(ev.count(EventType.CLICK)).isEqualTo(n);
        double trueU = c.dot(0, pop.preferences(), 0);
        long herd = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK)) {
                if (checkValues) {
                    // the click logs the experienced utility, without the herd bonus
                    assertThat((double) ev.value(i)).isCloseTo(trueU, within(1e-6));
                }
                if (ev.item(i) == 0) {
                    herd++;
                }
            }
        }
        return herd;
    }

    @Test
    void itemsEngagedByFollowedUsersAreChosenMoreOften() {
        int n = 4_000;
        double beta = 5;
        double hw = 0.2;
        // window 5 at tick 10 counts ticks >= 5: both followees -> bonus hw·ln 3
        long both = herdChoices(hw, 5, 10, n, true);
        assertRate("herd, 2 followees engaged", both, n, 1 / (1 + Math.exp(-beta * hw * Math.log(3))));
        // at tick 13 only the share at tick 8 is within the window -> hw·ln 2
        long one = herdChoices(hw, 5, 13, n, false);
        assertRate("herd, 1 followee engaged", one, n, 1 / (1 + Math.exp(-beta * hw * Math.log(2))));
        // at tick 14 both engagements are older than the window
        long none = herdChoices(hw, 5, 14, n, false);
        assertRate("herd, engagements expired", none, n, 0.5);
        // herd weight 0: identical items are chosen equally often
        long off = herdChoices(0.0, 5, 10, n, false);
        assertRate("herd weight 0", off, n, 0.5);
        assertThat(both).isGreaterThan(off + n / 10); // 0.75 vs 0.5
    }
}
