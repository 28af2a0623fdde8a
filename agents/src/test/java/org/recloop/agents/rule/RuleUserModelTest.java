package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Choice;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Satiation;
import org.recloop.agents.rule.RuleUserModel.Social;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.EventLog;
import org.recloop.core.log.RunInfo;
import org.recloop.core.log.RunStatus;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.Purposes;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.SimConfig;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;
import org.recloop.core.world.World;
import org.recloop.core.world.synthetic.PreferentialAttachmentGraph;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * Statistical signatures of the rule user model, driven directly (no kernel): build a world, call
 * {@code init}, answer slates with {@code react} and apply what the kernel would apply
 * (PlatformEffects) where a behaviour depends on it.
 *
 * <p>Statistical checks use fixed seeds and compare a frequency with its exact prediction within
 * 4 binomial standard errors, sqrt(p(1-p)/n): a correct model fails such a check with probability
 * about 6e-5 per comparison, while the effects under test are many standard errors wide.
 */
class RuleUserModelTest {

    private static final double FAR_BELOW = -100; // outside option that is never chosen under mnl

    // ---------------------------------------------------------------- fixtures

    /** A world, a model and the run's streams; mirrors what the kernel does around the model. */
    private static final class Rig {
        final World world;
        final RuleUserModel model;
        final RandomStreams streams;

        Rig(Catalog catalog, Population pop, SocialGraph graph, Params params, long seed) {
            this.world = World.of(catalog, pop, graph);
            this.model = new RuleUserModel(params);
            this.streams = new RandomStreams(seed);
            model.init(world, streams);
        }

        Rig(Catalog catalog, Population pop, Params params, long seed) {
            this(catalog, pop, SocialGraph.empty(pop.size()), params, seed);
        }

        ReactContext ctx(int tick) {
            return new ReactContext(tick, world, streams);
        }

        EventBuffer react(int tick, SlateBatch slates) {
            EventBuffer out = new EventBuffer();
            model.react(ctx(tick), slates, 0, slates.size(), out).toCompletableFuture().join();
            return out;
        }

        /** A whole React phase as the kernel runs it: react, afterTick, then the platform effects. */
        EventBuffer tick(int tick, SlateBatch slates) {
            EventBuffer out = react(tick, slates);
            model.afterTick(ctx(tick), slates, out);
            PlatformEffects.apply(world, out, tick, new long[world.catalog().size()]);
            return out;
        }
    }

    private static Params params(Choice choice, double drift, Satiation sat, Social social, Churn churn,
            Actions actions, List<Archetype> archetypes) {
        return new Params(choice, drift, null, sat, social, churn, actions, archetypes, null);
    }

    private static Choice mnl(double beta, double u0, double decay) {
        return new Choice("mnl", beta, u0, decay, null);
    }

    private static Actions noActions() {
        return new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    private static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }

    private static SlateBatch slates(int[] users, int k, IntFunction<int[]> itemsOfSlate) {
        SlateBatch b = new SlateBatch(users, k);
        for (int s = 0; s < users.length; s++) {
            int[] items = itemsOfSlate.apply(s);
            for (int r = 0; r < items.length; r++) {
                b.set(s, r, items[r], 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    /** A population whose users all hold the same preference vector. */
    private static Population population(int n, float... pref) {
        Population pop = new Population(n, pref.length);
        for (int u = 0; u < n; u++) {
            System.arraycopy(pref, 0, pop.preferences(), u * pref.length, pref.length);
            pop.setActivity(u, 1f);
        }
        return pop;
    }

    private static float[] unit(double... v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) (v[i] / Math.sqrt(n));
        }
        return f;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double se(double p, long n) {
        return Math.sqrt(p * (1 - p) / n);
    }

    /** Asserts a frequency is within 4 binomial standard errors of its prediction. */
    private static void assertRate(String what, long hits, long n, double p) {
        // the normal approximation behind "4 SE" needs enough expected hits and misses
        assertThat(Math.min(n * p, n * (1 - p))).as("%s: test design, n·p and n·(1-p) >= 10", what)
                .isGreaterThanOrEqualTo(10);
        double tol = 4 * se(p, n);
        assertThat((double) hits / n).as("%s: %d of %d, predicted %.4f ± %.4f", what, hits, n, p, tol)
                .isCloseTo(p, within(tol));
    }

    /** Events of one user, as types in log order. */
    private static List<EventType> typesOf(EventBuffer ev, int user) {
        List<EventType> t = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.user(i) == user) {
                t.add(EventType.ofCode(ev.typeCode(i)));
            }
        }
        return t;
    }

    /** Two topics of 10 items each: topic 0 around axis 0, topic 1 around axis 2 (dim 3). */
    private static Catalog twoTopicCatalog(int creator) {
        Catalog c = new Catalog(3, 20);
        for (int i = 0; i < 10; i++) {
            c.add(unit(1, 0.05 * i, 0), 0, creator, 0.5f, 1f, 0);
        }
        for (int i = 0; i < 10; i++) {
            c.add(unit(0, 0.05 * i, 1), 1, creator, 0.5f, 1f, 0);
        }
        return c;
    }

    // ---------------------------------------------------------------- 1. position bias (mnl)

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

    // ---------------------------------------------------------------- 2. cascade

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

    // ---------------------------------------------------------------- 3. satiation

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

    // ---------------------------------------------------------------- 4. drift

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

    // ---------------------------------------------------------------- 5. herd effect

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

    // ---------------------------------------------------------------- 6. archetypes

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

    // ---------------------------------------------------------------- 7. churn

    @Test
    void usersLeaveWhenSmoothedSatisfactionFallsBelowThresholdAfterMinSessions() {
        // user 0 gets empty slates (session utility 0); user 1 always opens an item of utility 0.6
        Catalog c = new Catalog(2, 1);
        c.add(new float[] {0.6f, 0.8f}, 0, -1, 0.5f, 1f, 0);
        Population pop = population(2, 1f, 0f);
        double alpha = 0.3;
        double threshold = 0.4;
        Params p = params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, new Churn(alpha, threshold, 3, 0.0), null, null);
        Rig rig = new Rig(c, pop, p, 11);
        double u = c.dot(0, pop.preferences(), 2);
        double sat1 = 0;
        for (int t = 0; t < 6; t++) {
            // react only: keep both users served to see every session's decision
            EventBuffer ev = rig.react(t, slates(new int[] {0, 1}, 1, s -> s == 0 ? new int[0] : new int[] {0}));
            int session = t + 1;
            sat1 = (1 - alpha) * sat1 + alpha * u; // 0.18, 0.306, 0.394, 0.456, ...
            List<EventType> e0 = typesOf(ev, 0);
            List<EventType> e1 = typesOf(ev, 1);
            // user 0: satisfaction 0 < 0.4, but no LEAVE before the 3rd session
            assertThat(e0.contains(EventType.LEAVE)).as("user 0, session %d", session).isEqualTo(session >= 3);
            // user 1: below the threshold in sessions 1-3, above from session 4; may leave only at 3
            assertThat(e1.contains(EventType.LEAVE)).as("user 1, session %d", session).isEqualTo(session == 3);
            for (int i = 0; i < ev.size(); i++) {
                if (ev.is(i, EventType.LEAVE)) {
                    assertThat(ev.item(i)).isEqualTo(-1);
                    double expected = ev.user(i) == 0 ? 0 : sat1;
                    assertThat((double) ev.value(i)).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void churnedUsersReturnAtTheReturnProbability() {
        int n = 20_000;
        Catalog c = twoTopicCatalog(-1);
        double q = 0.3;
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u += 2) {
            pop.setStatus(u, Population.CHURNED);
        }
        Rig rig = new Rig(c, pop, params(null, 0.0, null, null, new Churn(null, null, null, q), null, null), 12);
        SlateBatch none = new SlateBatch(new int[0], 5);
        EventBuffer ev = new EventBuffer();
        rig.model.afterTick(rig.ctx(5), none, ev);
        boolean[] returned5 = new boolean[n];
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.is(i, EventType.RETURN)).isTrue();
            assertThat(ev.user(i) % 2).as("only churned users return").isZero();
            assertThat(ev.item(i)).isEqualTo(-1);
            returned5[ev.user(i)] = true;
        }
        assertRate("returns per churned user and tick", ev.size(), n / 2, q);
        // another tick draws afresh
        EventBuffer ev6 = new EventBuffer();
        rig.model.afterTick(rig.ctx(6), none, ev6);
        assertRate("returns at tick 6", ev6.size(), n / 2, q);
        long again = 0;
        for (int i = 0; i < ev6.size(); i++) {
            again += returned5[ev6.user(i)] ? 1 : 0;
        }
        // independence across ticks: P(return at 5 and 6) = q² per churned user
        assertRate("returns at both ticks", again, n / 2, q * q);
        // return probability 0: nobody comes back
        Rig never = new Rig(c, pop, params(null, 0.0, null, null, new Churn(null, null, null, 0.0), null, null), 12);
        EventBuffer ev0 = new EventBuffer();
        never.model.afterTick(never.ctx(5), none, ev0);
        assertThat(ev0.size()).isZero();
    }

    @Test
    void aReturnResetsSatisfactionAndTheSessionCount() {
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(1, 1f, 0f, 0f);
        Params p = params(mnl(5, FAR_BELOW, 0.7), 0.0, null, null, new Churn(0.3, 0.4, 3, 1.0), null, null);
        Rig rig = new Rig(c, pop, p, 13);
        List<Integer> leaves = new ArrayList<>();
        List<Integer> returns = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            // the kernel serves only active users
            int[] users = pop.status(0) == Population.ACTIVE ? new int[] {0} : new int[0];
            EventBuffer ev = rig.tick(t, slates(users, 1, s -> new int[0]));
            if (ev.count(EventType.LEAVE) > 0) {
                leaves.add(t);
            }
            if (ev.count(EventType.RETURN) > 0) {
                returns.add(t);
            }
        }
        // sessions at 0,1,2 -> leave at 2; churned at 3 -> returns (p = 1); sessions restart at 4
        assertThat(leaves).containsExactly(2, 6, 10);
        assertThat(returns).containsExactly(3, 7, 11);
    }

    /** A kernel run: churned users get no sessions until they return. */
    @Test
    void theKernelStopsServingChurnedUsersUntilTheyReturn() {
        int n = 40;
        Catalog c = twoTopicCatalog(-1);
        Population pop = population(n, 1f, 0f, 0f);
        for (int u = 0; u < n; u++) {
            pop.setActivity(u, 50f); // 1 - exp(-50) == 1.0 in double: every active user arrives
        }
        World world = World.of(c, pop);
        // empty slates -> satisfaction 0 -> everyone leaves in their 2nd session, returns with p = 1
        Params p = params(null, 0.0, null, null, new Churn(0.3, 0.1, 2, 1.0), null, null);
        Recommender nothing = new Recommender() {
            @Override
            public void fit(Interactions all, TrainContext ctx) {}

            @Override
            public void recommend(SlateBatch slates, int from, int to, ServeContext ctx) {}

            @Override
            public int modelVersion() {
                return 0;
            }
        };
        RecLoopSim sim = new RecLoopSim(SimConfig.DEFAULTS.withTicks(6).withSlateSize(3).withRetrainEvery(0).withThreads(1), world, new RandomStreams(14), nothing,
                "nothing", new RuleUserModel(p), List.of(), List.of(), new NullLog());
        List<Integer> sessions = new ArrayList<>();
        sim.addListener(s -> sessions.add(s.sessions()));
        sim.runToEnd();
        // tick 1: LEAVE (applied after the tick); tick 2: nobody served, all RETURN; tick 3 serves again
        assertThat(sessions).containsExactly(n, n, 0, n, n, 0);
    }

    /** An event log that records nothing. */
    private static final class NullLog implements EventLog {
        @Override
        public void users(int tick, org.recloop.core.world.Population population, int from, int to) {}

        @Override
        public void forget(int tick, org.recloop.core.log.ForgetRequest request) {}

        @Override
        public void open(RunInfo run, World world) {}

        @Override
        public void items(int tick, Catalog catalog, int from, int to) {}

        @Override
        public void userStates(int tick, Population population) {}

        @Override
        public void exposures(int tick, SlateBatch slates, java.util.BitSet logged) {}

        @Override
        public void events(int tick, SlateBatch slates, EventBuffer events) {}

        @Override
        public void modelCalls(int tick, java.util.List<org.recloop.core.log.ModelCall> calls) {}

        @Override
        public void metrics(int tick, Map<String, Double> values) {}

        @Override
        public void intervention(int tick, String type, String description) {}

        @Override
        public void commitTick(int tick, int sessions) {}

        @Override
        public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) {
            return Interactions.empty(numUsers, numItems);
        }

        @Override
        public void flush() {}

        @Override
        public void finish(RunStatus status, String error) {}

        @Override
        public Map<String, Long> rowCounts() {
            return Map.of();
        }

        @Override
        public void close() {}
    }

    // ---------------------------------------------------------------- 8. actions, posts, search

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

    // ---------------------------------------------------------------- 9. determinism

    private static final long SERVE = RandomStreams.purpose("test.serve");

    /**
     * A small kernel loop: arrivals and slates drawn from the streams, every feature of the model
     * on. {@code split} reacts each tick in two chunks (second chunk first, as concurrent workers
     * may) and concatenates the buffers in chunk order.
     */
    private static List<String> run(long seed, boolean split) {
        RandomStreams streams = new RandomStreams(seed);
        Catalog c = new SyntheticCatalog(new SyntheticCatalog.Params(400, 8, 5, 0.8, 300, 1.2)).build(streams);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(300, 1.0, 0.6, 1.0, 5.0))
                .build(c, streams);
        SocialGraph g = new PreferentialAttachmentGraph(new PreferentialAttachmentGraph.Params(5)).build(pop, c,
                streams);
        Params p = new Params(new Choice("mnl", 4.0, 0.3, 0.7, null), 0.1, 0.2, new Satiation(0.3, 0.7),
                new Social(0.5, 5), new Churn(0.3, 0.25, 3, 0.2), new Actions(0.5, 0.5, 0.3, 0.3, 0.3, 0.5, 0.05, 0.2),
                List.of(new Archetype("a", 2.0, 1.0, null, null, null, null),
                        new Archetype("b", 1.0, 2.0, 6.0, 0.2, 0.5, 0.2)), 0.5);
        World world = World.of(c, pop, g);
        RuleUserModel model = new RuleUserModel(p);
        model.init(world, streams);
        List<String> log = new ArrayList<>();
        for (int tick = 0; tick < 15; tick++) {
            int t = tick;
            int[] active = IntStream.range(0, pop.size())
                    .filter(u -> pop.status(u) == Population.ACTIVE
                            && streams.uniform(Purposes.ARRIVE, u, t) < 1 - Math.exp(-pop.activity(u)))
                    .toArray();
            SlateBatch b = new SlateBatch(active, 5);
            for (int s = 0; s < active.length; s++) {
                UniformRandomProvider rng = streams.stream(SERVE, active[s], tick);
                int r = 0;
                for (int attempt = 0; attempt < 50 && r < 5; attempt++) {
                    int item = rng.nextInt(c.size());
                    boolean dup = world.history().contains(active[s], item);
                    for (int q = 0; q < r; q++) {
                        dup |= b.item(s, q) == item;
                    }
                    if (!dup) {
                        b.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
            ReactContext ctx = new ReactContext(tick, world, streams);
            EventBuffer all = new EventBuffer();
            if (split) {
                int h = active.length / 2;
                EventBuffer first = new EventBuffer();
                EventBuffer second = new EventBuffer();
                model.react(ctx, b, h, active.length, second).toCompletableFuture().join();
                model.react(ctx, b, 0, h, first).toCompletableFuture().join();
                all.addAll(first);
                all.addAll(second);
            } else {
                model.react(ctx, b, 0, active.length, all).toCompletableFuture().join();
            }
            model.afterTick(ctx, b, all);
            PlatformEffects.apply(world, all, tick, new long[world.catalog().size()]);
            for (int i = 0; i < all.size(); i++) {
                log.add(tick + " " + all.user(i) + " " + all.item(i) + " " + EventType.ofCode(all.typeCode(i)) + " "
                        + all.slate(i) + " " + all.position(i) + " " + all.value(i) + " " + all.target(i));
            }
        }
        log.add("prefs " + Arrays.hashCode(pop.preferences()) + " items " + c.size() + " edges " + g.edgeCount());
        return log;
    }

    @Test
    void sameSeedGivesIdenticalEventsWhateverTheChunking() {
        List<String> a = run(42, false);
        List<String> again = run(42, false);
        List<String> split = run(42, true);
        List<String> other = run(43, false);
        // the run exercises the features whose state could leak between users
        for (String type : List.of("CLICK", "SKIP", "SEARCH", "LIKE", "SHARE", "FOLLOW", "POST", "LEAVE")) {
            assertThat(a).as("events of type %s", type).anyMatch(s -> s.contains(" " + type + " "));
        }
        assertThat(again).isEqualTo(a);
        assertThat(split).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
    }

    // ---------------------------------------------------------------- 10. parameters

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
