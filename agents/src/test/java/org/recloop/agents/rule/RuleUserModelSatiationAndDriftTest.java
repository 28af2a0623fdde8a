package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.recloop.agents.rule.RuleUserModelFixture.FAR_BELOW;
import static org.recloop.agents.rule.RuleUserModelFixture.assertRate;
import static org.recloop.agents.rule.RuleUserModelFixture.mnl;
import static org.recloop.agents.rule.RuleUserModelFixture.params;
import static org.recloop.agents.rule.RuleUserModelFixture.population;
import static org.recloop.agents.rule.RuleUserModelFixture.range;
import static org.recloop.agents.rule.RuleUserModelFixture.slates;
import static org.recloop.agents.rule.RuleUserModelFixture.unit;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Satiation;
import org.recloop.agents.rule.RuleUserModelFixture.Rig;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * How consumption changes what a rule user wants next: satiation with a topic and its recovery, and
 * the drift of the preference vector toward consumed items (with an archetype's own rate).
 * Statistical checks as described in {@link RuleUserModelFixture}.
 */
class RuleUserModelSatiationAndDriftTest {

    /**
     * Users consume a topic-A item every tick for 10 ticks (the outside option is never taken), then
     * choose between a fresh topic-A item and an equally good topic-B item (positions balanced,
     * no position bias). Returns the number of users who chose A.
     */
    private static long chooseRepeatTopic(double weight, double recovery, int testTick, int n) {
        Catalog c = new Catalog(3, 3);
        int a0 = c.add(new float[] {0.6f, 0.8f, 0f}, 0, -1, 0.5f, 1f, 0);
        int a1 = c.add(new float[] {0.6f, 0.8f, 0f}, 0, -1, 0.5f, 1f, 0);
        int b0 = c.add(new float[] {0.6f, 0f, 0.8f}, 1, -1, 0.5f, 1f, 0);
        Params p = params(mnl(5, FAR_BELOW, 0), 0.0, new Satiation(weight, recovery), null, null, null, null);
        Rig rig = new Rig(c, population(n, 1f, 0f, 0f), p, 4);
        for (int t = 0; t < 10; t++) {
            EventBuffer ev = rig.tick(t, slates(range(n), 1, s -> new int[] {a0}));
            assertThat(ev.count(EventType.CLICK)).isEqualTo(n);
        }
        EventBuffer ev = rig.tick(testTick, slates(range(n), 2, s -> s % 2 == 0 ? new int[] {a1, b0}
                : new int[] {b0, a1}));
        long chosenA = 0;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.is(i, EventType.CLICK) && ev.item(i) == a1) {
                chosenA++;
            }
        }
        assertThat(ev.count(EventType.CLICK)).isEqualTo(n);
        return chosenA;
    }

    @Test
    void satiationLowersRepeatTopicChoiceAndRecoveryRestoresIt() {
        int n = 4_000;
        double beta = 5;
        double w = 0.05;
        double rho = 0.8;
        // satiation rises by 1 per consumption (ticks 0..9) and keeps the factor rho per tick:
        // at tick T it is sum_{j=0..9} rho^(T-j)
        double sAt10 = 0;
        double sAt50 = 0;
        for (int j = 0; j < 10; j++) {
            sAt10 += Math.pow(rho, 10 - j);
            sAt50 += Math.pow(rho, 50 - j);
        }
        // equal base utility, so P(A) = 1 / (1 + exp(beta·w·s)) (outside option weight ~e^-500)
        long off = chooseRepeatTopic(0.0, rho, 10, n);
        long sated = chooseRepeatTopic(w, rho, 10, n);
        long recovered = chooseRepeatTopic(w, rho, 50, n);
        assertRate("topic A without satiation", off, n, 0.5);
        assertRate("topic A right after 10 consumptions", sated, n, 1 / (1 + Math.exp(beta * w * sAt10)));
        assertRate("topic A 40 ticks later", recovered, n, 1 / (1 + Math.exp(beta * w * sAt50)));
        // the signature itself (predicted 0.29 vs 0.5; 4 SE ≈ 0.03)
        assertThat(sated).isLessThan(off - n / 10);
        assertThat(recovered).isGreaterThan(sated + n / 10);
    }

    @Test
    void driftMovesThePreferenceTowardConsumedItemsAtTheConfiguredRate() {
        float[] x = unit(0, 0.6, 0.8, 0);
        Catalog c = new Catalog(4, 1);
        c.add(x, 0, -1, 0.5f, 1f, 0);
        Population pop = population(2, unit(0.8, 0.6, 0, 0));
        double rate = 0.1;
        Rig rig = new Rig(c, pop, params(mnl(5, FAR_BELOW, 0.7), rate, null, null, null, null, null), 5);
        double[] expect = {0.8, 0.6, 0, 0};
        float[] prefs = pop.preferences();
        double lastCos = -2;
        for (int t = 0; t < 30; t++) {
            // only user 0 has a session; the click is certain
            EventBuffer ev = rig.tick(t, slates(new int[] {0}, 1, s -> new int[] {0}));
            assertThat(ev.count(EventType.CLICK)).isEqualTo(1);
            double norm = 0;
            for (int f = 0; f < 4; f++) {
                expect[f] = (1 - rate) * expect[f] + rate * x[f];
                norm += expect[f] * expect[f];
            }
            double cos = 0;
            for (int f = 0; f < 4; f++) {
                expect[f] /= Math.sqrt(norm);
                // float arithmetic in the model: relative error ~1e-7 per step, 30 steps
                assertThat((double) prefs[f]).as("pref[%d] after %d clicks", f, t + 1)
                        .isCloseTo(expect[f], within(1e-5));
                cos += prefs[f] * x[f];
            }
            assertThat(cos).isGreaterThan(lastCos);
            lastCos = cos;
        }
        // user 1 never had a session: untouched
        assertThat(Arrays.copyOfRange(prefs, 4, 8)).containsExactly(unit(0.8, 0.6, 0, 0));
    }

    @Test
    void noDriftWithoutConsumptionOrWithRateZero() {
        float[] x = unit(0, 1, 0);
        Catalog c = new Catalog(3, 1);
        c.add(x, 0, -1, 0.5f, 1f, 0);
        float[] start = unit(1, 0.2, 0);
        // never opens: the outside option is far better
        Population pop = population(1, start);
        Rig skipper = new Rig(c, pop, params(mnl(5, 100, 0.7), 0.5, null, null, null, null, null), 6);
        for (int t = 0; t < 5; t++) {
            assertThat(skipper.tick(t, slates(new int[] {0}, 1, s -> new int[] {0})).count(EventType.SKIP))
                    .isEqualTo(1);
        }
        assertThat(pop.preferences()).containsExactly(start);
        // opens every time, but drift 0
        Population pop2 = population(1, start);
        Rig fixed = new Rig(c, pop2, params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, null, null, null), 6);
        for (int t = 0; t < 5; t++) {
            assertThat(fixed.tick(t, slates(new int[] {0}, 1, s -> new int[] {0})).count(EventType.CLICK))
                    .isEqualTo(1);
        }
        assertThat(pop2.preferences()).containsExactly(start);
    }

    @Test
    void archetypeDriftRateOverridesTheModelRate() {
        float[] x = unit(0, 1, 0);
        Catalog c = new Catalog(3, 1);
        c.add(x, 0, -1, 0.5f, 1f, 0);
        float[] start = unit(1, 0, 0);
        Population pop = population(1, start);
        Params p = params(mnl(5, FAR_BELOW, 0.7), 0.05, null, null, null, null,
                List.of(new Archetype("fickle", 1.0, null, null, 0.5, null, null)));
        Rig rig = new Rig(c, pop, p, 7);
        rig.tick(0, slates(new int[] {0}, 1, s -> new int[] {0}));
        // normalise(0.5·(1,0,0) + 0.5·(0,1,0)) = (1,1,0)/sqrt 2
        assertThat((double) pop.preferences()[0]).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat((double) pop.preferences()[1]).isCloseTo(Math.sqrt(0.5), within(1e-6));
    }
}
