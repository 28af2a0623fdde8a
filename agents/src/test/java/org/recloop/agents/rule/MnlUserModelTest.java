package org.recloop.agents.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

class MnlUserModelTest {

    // ------------------------------------------------------------------ helpers

    private static MnlUserModel model(double beta, double noClick, double decay, double drift, double quality) {
        return new MnlUserModel(new MnlUserModel.Params(beta, noClick, decay, drift, quality));
    }

    /** A population of {@code n} users, all with the same preference vector. */
    private static Population population(int n, float... pref) {
        Population pop = new Population(n, pref.length);
        float[] p = pop.preferences();
        for (int u = 0; u < n; u++) {
            System.arraycopy(pref, 0, p, u * pref.length, pref.length);
        }
        return pop;
    }

    /** A batch with one slate per given user, all filled with {@code items} in order. */
    private static SlateBatch slates(int[] users, int k, int... items) {
        SlateBatch b = new SlateBatch(users, k);
        for (int s = 0; s < users.length; s++) {
            for (int r = 0; r < items.length; r++) {
                b.set(s, r, items[r], 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static double dot(float[] a, int ao, float[] b, int bo, int dim) {
        double s = 0;
        for (int f = 0; f < dim; f++) {
            s += (double) a[ao + f] * b[bo + f];
        }
        return s;
    }

    // ------------------------------------------------------------------ position bias

    /**
     * Five items with identical features (so identical utility u = p·x = 0.6) on every slate: the
     * only thing that differs between positions is the bias. 1000 users x 20 ticks = 20,000
     * independent sessions (one stream per (user, tick)); drift is off so the utility stays fixed.
     */
    @Test
    void clickShareByPositionFollowsPositionBiasAndNoClickShareFollowsTheLogit() {
        double beta = 2.0;
        double noClick = 0.5;
        double decay = 1.0; // not the default 0.7, so a hard-wired exponent would fail
        int k = 5;
        int users = 1000;
        int ticks = 20;
        Catalog catalog = new Catalog(2, k);
        for (int i = 0; i < k; i++) {
            catalog.add(new float[] {0.6f, 0.8f}, 0, -1, 0.3f, 1f, 0);
        }
        World world = World.of(catalog, population(users, 1f, 0f));
        MnlUserModel m = model(beta, noClick, decay, 0.0, 0.0);
        RandomStreams streams = new RandomStreams(20240601L);
        int[] byPosition = new int[k];
        int clicks = 0;
        for (int t = 0; t < ticks; t++) {
            SlateBatch b = slates(range(users), k, 0, 1, 2, 3, 4);
            EventBuffer out = new EventBuffer();
            m.react(new ReactContext(t, world, streams), b, 0, users, out).toCompletableFuture().join();
            for (int e = 0; e < out.size(); e++) {
                assertThat(out.is(e, EventType.CLICK)).isTrue();
                assertThat(out.item(e)).isEqualTo(b.item(out.slate(e), out.position(e)));
                byPosition[out.position(e)]++;
                clicks++;
            }
        }
        int sessions = users * ticks;

        double u = 0.6; // p·x with p = (1, 0), x = (0.6, 0.8)
        double[] bias = new double[k];
        double biasSum = 0;
        for (int r = 0; r < k; r++) {
            bias[r] = 1.0 / Math.pow(r + 1, decay);
            biasSum += bias[r];
        }
        double none = Math.exp(beta * noClick);
        double total = none + Math.exp(beta * u) * biasSum;

        // Each share is a binomial proportion; 4 standard errors sqrt(p(1-p)/n) bound the
        // sampling noise (two-sided miss probability ~6e-5 per check), with a fixed seed.
        double pNone = none / total;
        double noneShare = (double) (sessions - clicks) / sessions;
        assertThat(noneShare).as("no-click share").isCloseTo(pNone, within(4 * Math.sqrt(pNone * (1 - pNone) / sessions)));
        for (int r = 0; r < k; r++) {
            double pr = Math.exp(beta * u) * bias[r] / total;
            double share = (double) byPosition[r] / sessions;
            assertThat(share).as("unconditional click share of position %d", r)
                    .isCloseTo(pr, within(4 * Math.sqrt(pr * (1 - pr) / sessions)));
            double cond = bias[r] / biasSum; // among clicks, equal utility leaves only the bias
            double condShare = (double) byPosition[r] / clicks;
            assertThat(condShare).as("share of clicks at position %d", r)
                    .isCloseTo(cond, within(4 * Math.sqrt(cond * (1 - cond) / clicks)));
        }
        // the bias must actually bite: position 0 gets more clicks than position 4
        assertThat(byPosition[0]).isGreaterThan(byPosition[4]);
    }

    @Test
    void positionBiasIsOneOverRankPlusOneToTheDecay() {
        MnlUserModel m = model(5, 0.4, 0.7, 0.05, 0);
        assertThat(m.positionBias(0)).isEqualTo(1.0);
        assertThat(m.positionBias(1)).isCloseTo(Math.pow(2, -0.7), within(1e-12));
        assertThat(m.positionBias(4)).isCloseTo(1 / Math.pow(5, 0.7), within(1e-12));
        MnlUserModel flat = model(5, 0.4, 0.0, 0.05, 0);
        assertThat(flat.positionBias(3)).isEqualTo(1.0);
    }

    // ------------------------------------------------------------------ utility

    /**
     * One item aligned with the user's taste (dot 1) among four orthogonal ones (dot 0), placed at
     * position 2 so that the position bias alone would not make it the favourite.
     */
    @Test
    void itemClosestToThePreferenceIsClickedMost() {
        int users = 2000;
        Catalog catalog = new Catalog(2, 5);
        catalog.add(new float[] {0f, 1f}, 0, -1, 0f, 1f, 0); // 0
        catalog.add(new float[] {0f, 1f}, 0, -1, 0f, 1f, 0); // 1
        catalog.add(new float[] {1f, 0f}, 0, -1, 0f, 1f, 0); // 2: the match
        catalog.add(new float[] {0f, 1f}, 0, -1, 0f, 1f, 0); // 3
        catalog.add(new float[] {0f, 1f}, 0, -1, 0f, 1f, 0); // 4
        World world = World.of(catalog, population(users, 1f, 0f));
        MnlUserModel m = model(5.0, 0.4, 0.7, 0.05, 0.0);
        SlateBatch b = slates(range(users), 5, 0, 1, 2, 3, 4);
        EventBuffer out = new EventBuffer();
        m.react(new ReactContext(3, world, new RandomStreams(11)), b, 0, users, out).toCompletableFuture().join();
        int[] byItem = new int[5];
        for (int e = 0; e < out.size(); e++) {
            byItem[out.item(e)]++;
        }
        // Expected share of item 2 among clicks: e^5*3^-0.7 / (e^5*3^-0.7 + 1 + 2^-0.7 + 4^-0.7 + 5^-0.7)
        // = 68.8 / 71.4 ~ 0.96, so it dominates by far more than any sampling noise.
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(byItem[2]).as("matching item beats item %d", i).isGreaterThan(10 * byItem[i]);
        }
    }

    /**
     * The click value is the true utility p_u·x_j + qualityWeight·quality_j at the moment of
     * choice, i.e. computed from the preference before the click's drift.
     */
    @Test
    void clickValueIsTheTrueUtilityBeforeDrift() {
        int dim = 3;
        int users = 300;
        double qw = 0.5;
        Random gen = new Random(5);
        Catalog catalog = new Catalog(dim, 8);
        for (int i = 0; i < 8; i++) {
            float[] x = {(float) gen.nextGaussian(), (float) gen.nextGaussian(), (float) gen.nextGaussian()};
            catalog.add(x, 0, -1, (float) gen.nextDouble(), 1f, 0);
        }
        Population pop = new Population(users, dim);
        for (int j = 0; j < users * dim; j++) {
            pop.preferences()[j] = (float) gen.nextGaussian();
        }
        float[] before = pop.preferences().clone();
        World world = World.of(catalog, pop);
        MnlUserModel m = model(1.0, 0.0, 0.7, 0.3, qw);
        SlateBatch b = new SlateBatch(range(users), 4);
        for (int s = 0; s < users; s++) {
            for (int r = 0; r < 4; r++) {
                b.set(s, r, (s + 3 * r) % 8, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        EventBuffer out = new EventBuffer();
        m.react(new ReactContext(0, world, new RandomStreams(99)), b, 0, users, out).toCompletableFuture().join();
        assertThat(out.size()).isGreaterThan(users / 4);
        for (int e = 0; e < out.size(); e++) {
            int u = out.user(e);
            int item = out.item(e);
            assertThat(out.is(e, EventType.CLICK)).isTrue();
            assertThat(out.slate(e)).isEqualTo(u); // slate s belongs to user s
            assertThat(b.item(out.slate(e), out.position(e))).isEqualTo(item);
            double expected = dot(before, u * dim, catalog.features(), item * dim, dim) + qw * catalog.quality(item);
            assertThat((double) out.value(e)).as("value of event %d", e).isCloseTo(expected, within(1e-5));
        }
    }

    // ------------------------------------------------------------------ drift

    /** noClickUtility -100 with beta 1 makes the no-click weight e^-100: a one-item slate is always clicked. */
    private static EventBuffer certainClick(World world, MnlUserModel m, int[] users, int clickingSlate, int item) {
        SlateBatch b = new SlateBatch(users, 1);
        b.set(clickingSlate, 0, item, 0f, 1f, SlateSource.RECOMMENDER);
        EventBuffer out = new EventBuffer();
        m.react(new ReactContext(4, world, new RandomStreams(1)), b, 0, users.length, out).toCompletableFuture().join();
        return out;
    }

    @Test
    void clickDriftsTheClickersPreferenceTowardTheItemAndTouchesNoOtherRow() {
        double rate = 0.3;
        Catalog catalog = new Catalog(3, 1);
        catalog.add(new float[] {0f, 0.6f, 0.8f}, 0, -1, 0f, 1f, 0);
        Population pop = new Population(3, 3);
        float[] p = pop.preferences();
        float[][] init = {{0.6f, 0.8f, 0f}, {1f, 0f, 0f}, {0f, 0f, 1f}};
        for (int u = 0; u < 3; u++) {
            System.arraycopy(init[u], 0, p, u * 3, 3);
        }
        World world = World.of(catalog, pop);
        MnlUserModel m = model(1.0, -100.0, 0.7, rate, 0.0);
        // slates for users 0, 1, 2; only user 1's slate has an item, user 0's and 2's are empty
        EventBuffer out = certainClick(world, m, new int[] {0, 1, 2}, 1, 0);

        assertThat(out.size()).isEqualTo(1);
        assertThat(out.user(0)).isEqualTo(1);
        // hand-computed: (1-0.3)*(1,0,0) + 0.3*(0,0.6,0.8) = (0.7, 0.18, 0.24), norm sqrt(0.58)
        double n = Math.sqrt(0.58);
        assertThat(p[3]).isCloseTo((float) (0.7 / n), within(1e-6f));
        assertThat(p[4]).isCloseTo((float) (0.18 / n), within(1e-6f));
        assertThat(p[5]).isCloseTo((float) (0.24 / n), within(1e-6f));
        assertThat(Arrays.copyOfRange(p, 0, 3)).containsExactly(init[0]);
        assertThat(Arrays.copyOfRange(p, 6, 9)).containsExactly(init[2]);
    }

    @Test
    void driftMatchesTheFormulaForAGeneralVectorAndKeepsUnitNorm() {
        double rate = 0.05; // the default
        float[] x = {0.2f, -0.5f, 0.4f, 0.7f};
        float[] old = {0.9f, 0.1f, -0.3f, 0.2f}; // not unit: the result must be normalised anyway
        Catalog catalog = new Catalog(4, 1);
        catalog.add(x, 0, -1, 0f, 1f, 0);
        World world = World.of(catalog, population(2, old));
        MnlUserModel m = model(1.0, -100.0, 0.7, rate, 0.0);
        EventBuffer out = certainClick(world, m, new int[] {0, 1}, 0, 0);
        assertThat(out.size()).isEqualTo(1);

        double[] v = new double[4];
        double norm = 0;
        for (int f = 0; f < 4; f++) {
            v[f] = (1 - rate) * old[f] + rate * x[f];
            norm += v[f] * v[f];
        }
        norm = Math.sqrt(norm);
        float[] p = world.population().preferences();
        double len = 0;
        for (int f = 0; f < 4; f++) {
            assertThat(p[f]).as("component %d", f).isCloseTo((float) (v[f] / norm), within(1e-6f));
            len += (double) p[f] * p[f];
        }
        assertThat(Math.sqrt(len)).isCloseTo(1.0, within(1e-6));
        // closer to the item than before (cosine increases)
        double cosBefore = dot(old, 0, x, 0, 4) / Math.sqrt(dot(old, 0, old, 0, 4));
        double cosAfter = dot(p, 0, x, 0, 4);
        assertThat(cosAfter).isGreaterThan(cosBefore);
        assertThat(Arrays.copyOfRange(p, 4, 8)).containsExactly(old);
    }

    @Test
    void driftRateZeroLeavesThePreferenceUnchanged() {
        float[] old = {0.3f, 0.4f, 0.5f}; // not unit: rate 0 must not even renormalise
        Catalog catalog = new Catalog(3, 1);
        catalog.add(new float[] {1f, 0f, 0f}, 0, -1, 0f, 1f, 0);
        World world = World.of(catalog, population(1, old));
        EventBuffer out = certainClick(world, model(1.0, -100.0, 0.7, 0.0, 0.0), new int[] {0}, 0, 0);
        assertThat(out.size()).as("the click happened").isEqualTo(1);
        assertThat(world.population().preferences()).containsExactly(old);
    }

    @Test
    void driftRateOneReplacesThePreferenceByTheNormalisedItem() {
        Catalog catalog = new Catalog(2, 1);
        catalog.add(new float[] {3f, 4f}, 0, -1, 0f, 1f, 0);
        World world = World.of(catalog, population(1, 1f, 0f));
        EventBuffer out = certainClick(world, model(1.0, -100.0, 0.7, 1.0, 0.0), new int[] {0}, 0, 0);
        assertThat(out.size()).isEqualTo(1);
        assertThat(world.population().preferences()[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(world.population().preferences()[1]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void noClickLeavesThePreferenceUnchanged() {
        // noClickUtility 100 with beta 1: the click weights are ~e^-100 of the outside option
        float[] old = {0.6f, 0.8f};
        Catalog catalog = new Catalog(2, 1);
        catalog.add(new float[] {1f, 0f}, 0, -1, 0f, 1f, 0);
        World world = World.of(catalog, population(1, old));
        SlateBatch b = slates(new int[] {0}, 1, 0);
        EventBuffer out = new EventBuffer();
        model(1.0, 100.0, 0.7, 0.5, 0.0).react(new ReactContext(0, world, new RandomStreams(2)), b, 0, 1, out)
                .toCompletableFuture().join();
        assertThat(out.size()).isZero();
        assertThat(world.population().preferences()).containsExactly(old);
    }

    // ------------------------------------------------------------------ determinism

    private static final int DET_USERS = 200;
    private static final int DET_ITEMS = 40;
    private static final int DET_DIM = 4;

    /** A fresh world built from a fixed generator, so two calls give equal, independent worlds. */
    private static World detWorld() {
        Random gen = new Random(17);
        Catalog catalog = new Catalog(DET_DIM, DET_ITEMS);
        float[] x = new float[DET_DIM];
        for (int i = 0; i < DET_ITEMS; i++) {
            for (int f = 0; f < DET_DIM; f++) {
                x[f] = (float) gen.nextGaussian() * 0.5f;
            }
            catalog.add(x, 0, -1, (float) gen.nextDouble(), 1f, 0);
        }
        Population pop = new Population(DET_USERS, DET_DIM);
        for (int j = 0; j < DET_USERS * DET_DIM; j++) {
            pop.preferences()[j] = (float) gen.nextGaussian() * 0.5f;
        }
        return World.of(catalog, pop);
    }

    private static SlateBatch detSlates(int tick) {
        Random gen = new Random(1000 + tick);
        SlateBatch b = new SlateBatch(range(DET_USERS), 5);
        for (int s = 0; s < DET_USERS; s++) {
            int start = gen.nextInt(DET_ITEMS);
            for (int r = 0; r < 5; r++) {
                b.set(s, r, (start + 7 * r) % DET_ITEMS, 0f, 1f, SlateSource.RECOMMENDER);
            }
        }
        return b;
    }

    /** Runs 5 ticks; {@code split} reacts over two halves into two buffers and concatenates them. */
    private static EventBuffer run(World world, long seed, boolean split) {
        MnlUserModel m = model(3.0, 0.2, 0.7, 0.2, 0.3);
        RandomStreams streams = new RandomStreams(seed);
        EventBuffer all = new EventBuffer();
        for (int t = 0; t < 5; t++) {
            SlateBatch b = detSlates(t);
            ReactContext ctx = new ReactContext(t, world, streams);
            if (split) {
                int mid = 77;
                EventBuffer first = new EventBuffer();
                EventBuffer second = new EventBuffer();
                // the second chunk first: order of calls must not matter either
                m.react(ctx, b, mid, DET_USERS, second).toCompletableFuture().join();
                m.react(ctx, b, 0, mid, first).toCompletableFuture().join();
                all.addAll(first);
                all.addAll(second);
            } else {
                m.react(ctx, b, 0, DET_USERS, all).toCompletableFuture().join();
            }
        }
        return all;
    }

    private static void assertSameEvents(EventBuffer a, EventBuffer b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(new Object[] {a.user(i), a.item(i), a.typeCode(i), a.slate(i), a.position(i), a.value(i),
                    a.target(i)})
                    .as("event %d", i)
                    .containsExactly(b.user(i), b.item(i), b.typeCode(i), b.slate(i), b.position(i), b.value(i),
                            b.target(i));
        }
    }

    @Test
    void sameInputsAndSeedGiveIdenticalEventsAndPreferences() {
        World w1 = detWorld();
        World w2 = detWorld();
        EventBuffer a = run(w1, 42, false);
        EventBuffer b = run(w2, 42, false);
        assertThat(a.size()).isGreaterThan(100);
        assertSameEvents(a, b);
        assertThat(w1.population().preferences()).containsExactly(w2.population().preferences());
    }

    @Test
    void chunkingDoesNotChangeEvents() {
        World w1 = detWorld();
        World w2 = detWorld();
        EventBuffer whole = run(w1, 42, false);
        EventBuffer halves = run(w2, 42, true);
        assertSameEvents(whole, halves);
        assertThat(w1.population().preferences()).containsExactly(w2.population().preferences());
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        EventBuffer a = run(detWorld(), 42, false);
        EventBuffer b = run(detWorld(), 43, false);
        boolean differ = a.size() != b.size();
        for (int i = 0; !differ && i < a.size(); i++) {
            differ = a.user(i) != b.user(i) || a.item(i) != b.item(i) || a.position(i) != b.position(i);
        }
        assertThat(differ).as("seed 42 and 43 give different events").isTrue();
    }

    // ------------------------------------------------------------------ parameters

    @Test
    void defaultsAreTheDocumentedOnes() {
        MnlUserModel.Params d = MnlUserModel.Params.defaults();
        assertThat(d.beta()).isEqualTo(5.0);
        assertThat(d.noClickUtility()).isEqualTo(0.4);
        assertThat(d.positionDecay()).isEqualTo(0.7);
        assertThat(d.driftRate()).isEqualTo(0.05);
        assertThat(d.qualityWeight()).isEqualTo(0.0);
    }

    @Test
    void boundaryValuesAreAccepted() {
        MnlUserModel.Params p = new MnlUserModel.Params(0.0, -3.0, 0.0, 1.0, -2.0);
        assertThat(p.beta()).isZero();
        assertThat(p.driftRate()).isEqualTo(1.0);
        assertThat(new MnlUserModel.Params(null, null, null, 0.0, null).driftRate()).isZero();
    }

    private static void assertInvalid(String field, Runnable r) {
        assertThatThrownBy(r::run)
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void invalidParametersNameTheirField() {
        assertInvalid("driftRate", () -> new MnlUserModel.Params(null, null, null, 1.5, null));
        assertInvalid("driftRate", () -> new MnlUserModel.Params(null, null, null, -0.1, null));
        assertInvalid("driftRate", () -> new MnlUserModel.Params(null, null, null, Double.NaN, null));
        assertInvalid("beta", () -> new MnlUserModel.Params(-1.0, null, null, null, null));
        assertInvalid("beta", () -> new MnlUserModel.Params(Double.POSITIVE_INFINITY, null, null, null, null));
        assertInvalid("positionDecay", () -> new MnlUserModel.Params(null, null, -0.5, null, null));
        assertInvalid("noClickUtility", () -> new MnlUserModel.Params(null, Double.NaN, null, null, null));
        assertInvalid("qualityWeight", () -> new MnlUserModel.Params(null, null, null, null, Double.NEGATIVE_INFINITY));
    }
}
