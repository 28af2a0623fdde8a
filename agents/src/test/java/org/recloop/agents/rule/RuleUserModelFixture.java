package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Choice;
import org.recloop.agents.rule.RuleUserModel.Churn;
import org.recloop.agents.rule.RuleUserModel.Params;
import org.recloop.agents.rule.RuleUserModel.Satiation;
import org.recloop.agents.rule.RuleUserModel.Social;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;

/**
 * What the rule user model's tests share: a {@link Rig} that drives the model directly (no kernel)
 * and applies what the kernel would apply, parameter shorthands, slate and population builders, and
 * {@link #assertRate}, the statistical check they all use.
 *
 * <p>Statistical checks use fixed seeds and compare a frequency with its exact prediction within
 * 4 binomial standard errors, sqrt(p(1-p)/n): a correct model fails such a check with probability
 * about 6e-5 per comparison, while the effects under test are many standard errors wide.
 */
final class RuleUserModelFixture {

    static final double FAR_BELOW = -100; // outside option that is never chosen under mnl

    private RuleUserModelFixture() {}

    /** A world, a model and the run's streams; mirrors what the kernel does around the model. */
    static final class Rig {
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

    static Params params(Choice choice, double drift, Satiation sat, Social social, Churn churn,
            Actions actions, List<Archetype> archetypes) {
        return new Params(choice, drift, null, sat, social, churn, actions, archetypes, null);
    }

    static Choice mnl(double beta, double u0, double decay) {
        return new Choice("mnl", beta, u0, decay, null);
    }

    static Actions noActions() {
        return new Actions(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }

    static SlateBatch slates(int[] users, int k, IntFunction<int[]> itemsOfSlate) {
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
    static Population population(int n, float... pref) {
        Population pop = new Population(n, pref.length);
        for (int u = 0; u < n; u++) {
            System.arraycopy(pref, 0, pop.preferences(), u * pref.length, pref.length);
            pop.setActivity(u, 1f);
        }
        return pop;
    }

    static float[] unit(double... v) {
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

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double se(double p, long n) {
        return Math.sqrt(p * (1 - p) / n);
    }

    /** Asserts a frequency is within 4 binomial standard errors of its prediction. */
    static void assertRate(String what, long hits, long n, double p) {
        // the normal approximation behind "4 SE" needs enough expected hits and misses
        assertThat(Math.min(n * p, n * (1 - p))).as("%s: test design, n·p and n·(1-p) >= 10", what)
                .isGreaterThanOrEqualTo(10);
        double tol = 4 * se(p, n);
        assertThat((double) hits / n).as("%s: %d of %d, predicted %.4f ± %.4f", what, hits, n, p, tol)
                .isCloseTo(p, within(tol));
    }

    /** Events of one user, as types in log order. */
    static List<EventType> typesOf(EventBuffer ev, int user) {
        List<EventType> t = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.user(i) == user) {
                t.add(EventType.ofCode(ev.typeCode(i)));
            }
        }
        return t;
    }

    /** Two topics of 10 items each: topic 0 around axis 0, topic 1 around axis 2 (dim 3). */
    static Catalog twoTopicCatalog(int creator) {
        Catalog c = new Catalog(3, 20);
        for (int i = 0; i < 10; i++) {
            c.add(unit(1, 0.05 * i, 0), 0, creator, 0.5f, 1f, 0);
        }
        for (int i = 0; i < 10; i++) {
            c.add(unit(0, 0.05 * i, 1), 1, creator, 0.5f, 1f, 0);
        }
        return c;
    }
}
