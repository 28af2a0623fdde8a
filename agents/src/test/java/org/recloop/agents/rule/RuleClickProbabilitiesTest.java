package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recloop.agents.rule.RuleUserModel.Actions;
import org.recloop.agents.rule.RuleUserModel.Archetype;
import org.recloop.agents.rule.RuleUserModel.Choice;
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
import org.recloop.core.world.synthetic.PreferentialAttachmentGraph;
import org.recloop.core.world.synthetic.SyntheticCatalog;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * The rule model's stated click probabilities against its own draws, with every part of the
 * session that moves them switched on: search (which drifts the user and sates a topic before the
 * slate), satiation and its recovery, quality, herd effects from followees' likes and shares,
 * archetypes with their own beta, drift and search rate, posts that grow the search index, and
 * retired items the search skips.
 *
 * <p>Why the tolerance: each session's click on position r is a Bernoulli draw with its stated
 * probability p (given the state before the session), so over many sessions the click count of a
 * cell (position, archetype, or a band of p) minus the sum of p has standard deviation sqrt(Σ
 * p(1-p)) (a martingale across ticks: each tick's state is fixed before its draws). A cell passes
 * within 4 of them; a correct model fails one of the ~20 cells with probability about 1e-3. The
 * negative controls show the check has the power to catch the errors that matter: probabilities
 * that ignore the position (the slate's click mass spread evenly) and probabilities one session
 * stale (stated after the reaction, so the satiation, drift and history of the click are counted
 * once too often) both miss by far more than 4.
 */
class RuleClickProbabilitiesTest {

    private static final long SERVE = RandomStreams.purpose("test.serve");
    private static final int USERS = 2_000;
    private static final int TICKS = 25;
    private static final int K = 5;

    @Test
    void mnlProbabilitiesMatchTheDrawnClicks() {
        Outcome o = run(new Choice("mnl", 5.0, 0.4, 0.7, null), true);
        o.truth.assertWithin(4, "mnl, stated before the session");
        assertThat(o.uniform.maxAbsZ()).as("position ignored: the check must reject it").isGreaterThan(8);
        assertThat(o.stale.maxAbsZ()).as("one session stale: the check must reject it").isGreaterThan(8);
        assertThat(o.twinEvents).as("stating the probabilities draws and changes nothing")
                .isEqualTo(o.events);
    }

    @Test
    void cascadeProbabilitiesMatchTheDrawnClicks() {
        Outcome o = run(new Choice("cascade", 5.0, 0.4, 0.7, 0.8), false);
        o.truth.assertWithin(4, "cascade, stated before the session");
        assertThat(o.uniform.maxAbsZ()).as("position ignored: the check must reject it").isGreaterThan(8);
        assertThat(o.stale.maxAbsZ()).as("one session stale: the check must reject it").isGreaterThan(8);
    }

    @Test
    void usersBeyondTheModelsGroupAreUnknown() {
        RandomStreams streams = new RandomStreams(3);
        Catalog c = new SyntheticCatalog(new SyntheticCatalog.Params(50, 4, 2, 0.3, 10, 1.2)).build(streams);
        Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(10, 0.5, 1.0, 0.0, 5.0)).build(c,
                streams);
        World world = World.of(c, pop, SocialGraph.empty(pop.size()));
        RuleUserModel model = new RuleUserModel(Params.defaults());
        model.initGroup(world, streams, 0, 5);
        SlateBatch b = new SlateBatch(new int[] {4, 7}, 2);
        b.set(0, 0, 1, 0f, 1f, SlateSource.RECOMMENDER);
        b.set(1, 0, 1, 0f, 1f, SlateSource.RECOMMENDER);
        float[] out = new float[4];
        model.clickProbabilities(new ReactContext(0, world, streams), b, 0, 2, out);
        assertThat(out[0]).isBetween(0f, 1f);
        assertThat(out[2]).isNaN();
    }

    // ---------------------------------------------------------------- the run

    private record Outcome(Tally truth, Tally uniform, Tally stale, List<String> events, List<String> twinEvents) {}

    /** A world with every effect on, USERS users served a random slate each of TICKS ticks. */
    private static Outcome run(Choice choice, boolean twin) {
        Params params = new Params(choice, 0.1, 0.3, new Satiation(0.4, 0.7), new Social(0.5, 5), null,
                new Actions(0.3, 0.5, 0.3, 0.0, 0.3, 0.3, 0.02, 0.3),
                List.of(new Archetype("browser", 1.0, 1.0, null, null, null, null),
                        new Archetype("searcher", 1.0, 1.0, 8.0, 0.3, 0.6, null)),
                0.5);
        Rig rig = new Rig(params, 11);
        Rig other = twin ? new Rig(params, 11) : null;
        Tally truth = new Tally();
        Tally uniform = new Tally();
        Tally stale = new Tally();
        List<String> events = new ArrayList<>();
        List<String> twinEvents = new ArrayList<>();
        for (int tick = 0; tick < TICKS; tick++) {
            SlateBatch slates = rig.slates(tick);
            float[] before = new float[USERS * K];
            float[] again = new float[USERS * K];
            // two chunks, the second first, as concurrent workers may ask
            rig.model.clickProbabilities(rig.ctx(tick), slates, USERS / 2, USERS, before);
            rig.model.clickProbabilities(rig.ctx(tick), slates, 0, USERS / 2, before);
            rig.model.clickProbabilities(rig.ctx(tick), slates, 0, USERS, again);
            assertThat(again).isEqualTo(before);
            EventBuffer ev = rig.react(tick, slates);
            float[] after = new float[USERS * K];
            rig.model.clickProbabilities(rig.ctx(tick), slates, 0, USERS, after);
            rig.afterTick(tick, slates, ev);
            boolean[] clicked = new boolean[USERS * K];
            for (int i = 0; i < ev.size(); i++) {
                if (ev.is(i, EventType.CLICK) && ev.slate(i) >= 0) {
                    clicked[ev.slate(i) * K + ev.position(i)] = true;
                }
            }
            IntUnaryOperator arch = s -> rig.world.population().archetype(slates.user(s));
            truth.add(slates, before, clicked, arch);
            uniform.add(slates, spreadEvenly(slates, before), clicked, arch);
            stale.add(slates, after, clicked, arch);
            if (twin) {
                events.add(digest(ev));
                SlateBatch twinSlates = other.slates(tick);
                EventBuffer twinEv = other.react(tick, twinSlates);
                other.afterTick(tick, twinSlates, twinEv);
                twinEvents.add(digest(twinEv));
            }
        }
        return new Outcome(truth, uniform, stale, events, twinEvents);
    }

    /** Each slate's click mass spread evenly over its positions: right on average, blind to position. */
    private static float[] spreadEvenly(SlateBatch slates, float[] p) {
        float[] out = new float[p.length];
        for (int s = 0; s < slates.size(); s++) {
            int len = slates.length(s);
            double total = 0;
            for (int r = 0; r < len; r++) {
                total += p[s * K + r];
            }
            for (int r = 0; r < len; r++) {
                out[s * K + r] = (float) (total / len);
            }
        }
        return out;
    }

    private static String digest(EventBuffer ev) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ev.size(); i++) {
            b.append(ev.user(i)).append(':').append(ev.item(i)).append(':').append(ev.typeCode(i)).append(':')
                    .append(ev.value(i)).append(';');
        }
        return Integer.toHexString(b.toString().hashCode()) + "/" + ev.size();
    }

    /** World, model and streams, and what the kernel does around the model (as in RuleUserModelFixture). */
    private static final class Rig {
        final World world;
        final RuleUserModel model;
        final RandomStreams streams;

        Rig(Params params, long seed) {
            streams = new RandomStreams(seed);
            Catalog c = new SyntheticCatalog(new SyntheticCatalog.Params(150, 4, 3, 0.4, USERS, 1.2)).build(streams);
            for (int i = 0; i < c.size(); i += 13) {
                c.retire(i); // the search must skip these
            }
            Population pop = new SyntheticPopulation(new SyntheticPopulation.Params(USERS, 0.5, 1.0, 0.0, 5.0))
                    .build(c, streams);
            SocialGraph g = new PreferentialAttachmentGraph(new PreferentialAttachmentGraph.Params(5)).build(pop, c,
                    streams);
            world = World.of(c, pop, g);
            model = new RuleUserModel(params);
            model.init(world, streams);
        }

        ReactContext ctx(int tick) {
            return new ReactContext(tick, world, streams);
        }

        /** Every user, K distinct random live items (posts included once they exist). */
        SlateBatch slates(int tick) {
            int[] users = new int[USERS];
            for (int u = 0; u < USERS; u++) {
                users[u] = u;
            }
            SlateBatch b = new SlateBatch(users, K);
            Catalog c = world.catalog();
            for (int s = 0; s < USERS; s++) {
                UniformRandomProvider rng = streams.stream(SERVE, s, tick);
                int r = 0;
                while (r < K) {
                    int item = rng.nextInt(c.size());
                    boolean dup = false;
                    for (int q = 0; q < r; q++) {
                        dup |= b.item(s, q) == item;
                    }
                    if (!dup && !c.isRetired(item)) {
                        b.set(s, r++, item, 0f, 1f, SlateSource.RECOMMENDER);
                    }
                }
            }
            return b;
        }

        EventBuffer react(int tick, SlateBatch slates) {
            EventBuffer out = new EventBuffer();
            model.react(ctx(tick), slates, 0, slates.size(), out).toCompletableFuture().join();
            return out;
        }

        /** afterTick, then the kernel's platform effects (history, follows, churn, recent activity). */
        void afterTick(int tick, SlateBatch slates, EventBuffer ev) {
            model.afterTick(ctx(tick), slates, ev);
            PlatformEffects.apply(world, ev, tick, new long[world.catalog().size()]);
        }
    }

    /**
     * Clicks against stated probabilities, per cell: each position, each (archetype, position),
     * and each band of the stated probability (calibration).
     */
    private static final class Tally {
        private static final double[] BANDS = {0.02, 0.05, 0.1, 0.2, 0.35, 1.01};
        private static final int ARCHETYPES = 2;
        final List<String> names = new ArrayList<>();
        final double[][] cells; // hits, sum p, sum p(1-p)

        Tally() {
            for (int r = 0; r < K; r++) {
                names.add("position " + r);
            }
            for (int a = 0; a < ARCHETYPES; a++) {
                for (int r = 0; r < K; r++) {
                    names.add("archetype " + a + " position " + r);
                }
            }
            for (double band : BANDS) {
                names.add("p below " + band);
            }
            cells = new double[names.size()][3];
        }

        void add(SlateBatch slates, float[] p, boolean[] clicked, IntUnaryOperator archetype) {
            for (int s = 0; s < slates.size(); s++) {
                for (int r = 0; r < slates.length(s); r++) {
                    double q = p[s * K + r];
                    if (!(q >= 0 && q <= 1)) {
                        throw new AssertionError("not a probability: " + q + " at slate " + s + ", position " + r);
                    }
                    int band = 0;
                    while (q >= BANDS[band]) {
                        band++;
                    }
                    for (int cell : new int[] {r, K + archetype.applyAsInt(s) * K + r, K + ARCHETYPES * K + band}) {
                        double[] c = cells[cell];
                        c[0] += clicked[s * K + r] ? 1 : 0;
                        c[1] += q;
                        c[2] += q * (1 - q);
                    }
                }
            }
        }

        double z(int i) {
            double[] c = cells[i];
            return c[2] == 0 ? 0 : (c[0] - c[1]) / Math.sqrt(c[2]); // an empty band misses nothing
        }

        double maxAbsZ() {
            double max = 0;
            for (int i = 0; i < cells.length; i++) {
                max = Math.max(max, Math.abs(z(i)));
            }
            return max;
        }

        void assertWithin(double limit, String what) {
            for (int i = 0; i < cells.length; i++) {
                double[] c = cells[i];
                // the normal approximation behind "4 SD" needs enough expected clicks
                assertThat(c[1]).as("%s, %s: test design, expected clicks >= 10", what, names.get(i))
                        .isGreaterThanOrEqualTo(10);
                assertThat(Math.abs(z(i))).as("%s, %s: %d clicks, %.1f expected, z", what, names.get(i),
                        (long) c[0], c[1]).isLessThan(limit);
            }
        }
    }
}
