package org.recloop.core.world.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

class SyntheticWorldTest {

    private static final int DIM = 16;

    private static Catalog catalog(long seed, int items, int topics) {
        return new SyntheticCatalog(new SyntheticCatalog.Params(items, DIM, topics, 0.8, 50, 1.2))
                .build(new RandomStreams(seed));
    }

    private static double norm(float[] v, int off, int dim) {
        double s = 0;
        for (int f = 0; f < dim; f++) {
            s += (double) v[off + f] * v[off + f];
        }
        return Math.sqrt(s);
    }

    private static double dot(float[] a, int ia, float[] b, int ib, int dim) {
        double s = 0;
        for (int f = 0; f < dim; f++) {
            s += (double) a[ia + f] * b[ib + f];
        }
        return s;
    }

    @Test
    void catalogItemsAreUnitVectorsWithValidAttributes() {
        Catalog c = catalog(1, 1000, 8);
        assertThat(c.size()).isEqualTo(1000);
        assertThat(c.dim()).isEqualTo(DIM);
        for (int i = 0; i < c.size(); i++) {
            // float normalisation: error ~ dim * 2^-24, far below 1e-5
            assertThat(norm(c.features(), i * DIM, DIM)).isCloseTo(1.0, within(1e-5));
            assertThat(c.topic(i)).isBetween(0, 7);
            assertThat(c.creator(i)).isBetween(0, 49);
            assertThat(c.quality(i)).isBetween(0f, 1f);
            assertThat(c.popularityPrior(i)).isGreaterThanOrEqualTo(1f);
            assertThat(c.createdTick(i)).isZero();
        }
    }

    @Test
    void catalogIsDeterministicForASeedAndDiffersAcrossSeeds() {
        Catalog a = catalog(7, 300, 5);
        Catalog b = catalog(7, 300, 5);
        Catalog other = catalog(8, 300, 5);
        assertThat(java.util.Arrays.copyOf(a.features(), 300 * DIM))
                .isEqualTo(java.util.Arrays.copyOf(b.features(), 300 * DIM));
        for (int i = 0; i < 300; i++) {
            assertThat(a.topic(i)).isEqualTo(b.topic(i));
            assertThat(a.creator(i)).isEqualTo(b.creator(i));
            assertThat(a.quality(i)).isEqualTo(b.quality(i));
            assertThat(a.popularityPrior(i)).isEqualTo(b.popularityPrior(i));
        }
        assertThat(java.util.Arrays.copyOf(other.features(), 300 * DIM))
                .isNotEqualTo(java.util.Arrays.copyOf(a.features(), 300 * DIM));
        // per-item streams: a larger catalog starts with the same items
        Catalog bigger = catalog(7, 500, 5);
        assertThat(java.util.Arrays.copyOf(bigger.features(), 300 * DIM))
                .isEqualTo(java.util.Arrays.copyOf(a.features(), 300 * DIM));
    }

    @Test
    void itemsOfTheSameTopicAreCloser() {
        Catalog c = catalog(3, 800, 6);
        double same = 0;
        long nSame = 0;
        double diff = 0;
        long nDiff = 0;
        float[] f = c.features();
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                double cos = dot(f, i * DIM, f, j * DIM, DIM); // unit vectors
                if (c.topic(i) == c.topic(j)) {
                    same += cos;
                    nSame++;
                } else {
                    diff += cos;
                    nDiff++;
                }
            }
        }
        same /= nSame;
        diff /= nDiff;
        // Expected: item = unit centre + noise with total variance spread^2 = 0.64, so two items
        // of a topic have cosine ~ 1 / (1 + 0.64) ~ 0.61; random unit centres in 16 dims have
        // cosine ~ 0 with sd 1/4, averaged over 15 centre pairs. The margin 0.3 leaves room for
        // centre-pair luck while failing if topics were ignored (both means ~ equal).
        assertThat(same).isGreaterThan(0.45);
        assertThat(same - diff).isGreaterThan(0.3);
        // every topic has items
        boolean[] seen = new boolean[6];
        for (int i = 0; i < c.size(); i++) {
            seen[c.topic(i)] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    @Test
    void zeroSpreadPutsAllItemsOfATopicOnItsCentre() {
        Catalog c = new SyntheticCatalog(new SyntheticCatalog.Params(200, 8, 4, 0.0, 5, 2.0))
                .build(new RandomStreams(11));
        float[] centres = SyntheticCatalog.topicCentres(new RandomStreams(11), 4, 8);
        for (int i = 0; i < c.size(); i++) {
            double cos = dot(c.features(), i * 8, centres, c.topic(i) * 8, 8);
            assertThat(cos).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void populationPreferencesAreUnitDeterministicAndNearTheirTopics() {
        Catalog c = catalog(5, 600, 4);
        SyntheticPopulation.Params p = new SyntheticPopulation.Params(500, 0.5, 0.3, 1.0, 5.0);
        Population a = new SyntheticPopulation(p).build(c, new RandomStreams(5));
        Population b = new SyntheticPopulation(p).build(c, new RandomStreams(5));
        Population other = new SyntheticPopulation(p).build(c, new RandomStreams(6));
        assertThat(a.size()).isEqualTo(500);
        assertThat(a.dim()).isEqualTo(DIM);
        assertThat(a.preferences()).isEqualTo(b.preferences());
        assertThat(other.preferences()).isNotEqualTo(a.preferences());
        for (int u = 0; u < 500; u++) {
            assertThat(norm(a.preferences(), u * DIM, DIM)).isCloseTo(1.0, within(1e-5));
            assertThat(a.activity(u)).isEqualTo(b.activity(u));
            assertThat(a.activity(u)).isGreaterThan(0f).isLessThanOrEqualTo(5f);
        }
        // A user sits near one topic centre: the best cosine to any topic centre is high
        // (~1/sqrt(1+0.25) ~ 0.89 with tasteSpread 0.5) while a random direction would
        // score ~0.35 at best of 4 in 16 dims. Average over users must be clearly above that.
        float[] centres = new float[4 * DIM];
        for (int i = 0; i < c.size(); i++) {
            for (int f = 0; f < DIM; f++) {
                centres[c.topic(i) * DIM + f] += c.feature(i, f);
            }
        }
        for (int t = 0; t < 4; t++) {
            double n = norm(centres, t * DIM, DIM);
            for (int f = 0; f < DIM; f++) {
                centres[t * DIM + f] /= (float) n;
            }
        }
        double best = 0;
        for (int u = 0; u < 500; u++) {
            double m = -1;
            for (int t = 0; t < 4; t++) {
                m = Math.max(m, dot(a.preferences(), u * DIM, centres, t * DIM, DIM));
            }
            best += m;
        }
        assertThat(best / 500).isGreaterThan(0.75);
    }

    @Test
    void activityMeanMatchesMeanActivity() {
        Catalog c = catalog(2, 100, 3);
        int n = 40_000;
        double meanActivity = 0.3;
        // cap far above the tail so it does not bias the mean
        SyntheticPopulation.Params p = new SyntheticPopulation.Params(n, 1.0, meanActivity, 1.0, 1e6);
        Population pop = new SyntheticPopulation(p).build(c, new RandomStreams(77));
        double sum = 0;
        for (int u = 0; u < n; u++) {
            sum += pop.activity(u);
        }
        double mean = sum / n;
        // Log-normal with sigma = 1 and mean m has variance m^2 (e^{sigma^2} - 1) = 0.09 * 1.718,
        // sd ~ 0.393; the sample mean of 40k users has sd 0.393 / 200 ~ 0.00197. The tail is heavy,
        // so allow 5 sd (~0.0098): a median/mean mix-up (median = 0.3 e^{-1/2} -> mean 0.182 or
        // mean 0.3 e^{1/2} = 0.495) is off by > 0.1 and fails.
        assertThat(mean).isCloseTo(meanActivity, within(5 * 0.393 / Math.sqrt(n)));
    }

    @Test
    void activityIsCappedAndConstantWithoutSpread() {
        Catalog c = catalog(2, 50, 2);
        Population capped = new SyntheticPopulation(new SyntheticPopulation.Params(2000, 1.0, 1.0, 1.5, 0.5))
                .build(c, new RandomStreams(1));
        int atCap = 0;
        for (int u = 0; u < 2000; u++) {
            assertThat(capped.activity(u)).isLessThanOrEqualTo(0.5f);
            if (capped.activity(u) == 0.5f) {
                atCap++;
            }
        }
        // mu = ln 1 - 1.5^2/2 = -1.125, so P(X > 0.5) = P(Z > (ln 0.5 + 1.125) / 1.5 = 0.29) ~ 0.387:
        // ~774 of 2000 users at the cap, binomial sd ~22; [650, 900] is more than 5 sd either side
        assertThat(atCap).isBetween(650, 900);

        Population flat = new SyntheticPopulation(new SyntheticPopulation.Params(100, 1.0, 0.7, 0.0, 5.0))
                .build(c, new RandomStreams(1));
        for (int u = 0; u < 100; u++) {
            assertThat(flat.activity(u)).isCloseTo(0.7f, within(1e-6f));
        }
    }

    @Test
    void paramsDefaultsAreFilledIn() {
        SyntheticCatalog.Params c = SyntheticCatalog.Params.defaults();
        assertThat(c.items()).isEqualTo(2000);
        assertThat(c.dimensions()).isEqualTo(16);
        assertThat(c.topics()).isEqualTo(20);
        assertThat(c.topicSpread()).isEqualTo(0.8);
        assertThat(c.creators()).isEqualTo(200);
        assertThat(c.popularityExponent()).isEqualTo(1.2);
        SyntheticPopulation.Params p = SyntheticPopulation.Params.defaults();
        assertThat(p.users()).isEqualTo(10_000);
        assertThat(p.tasteSpread()).isEqualTo(1.0);
        assertThat(p.meanActivity()).isEqualTo(0.3);
        assertThat(p.activitySpread()).isEqualTo(1.0);
        assertThat(p.maxActivity()).isEqualTo(5.0);
    }

    private static void assertInvalid(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ":");
        });
    }

    @Test
    void catalogParamsValidationNamesTheField() {
        assertInvalid(() -> new SyntheticCatalog.Params(0, null, null, null, null, null), "items");
        assertInvalid(() -> new SyntheticCatalog.Params(null, -1, null, null, null, null), "dimensions");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, 0, null, null, null), "topics");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, null, -0.1, null, null), "topicSpread");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, null, Double.NaN, null, null), "topicSpread");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, null, null, 0, null), "creators");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, null, null, null, 0.0), "popularityExponent");
        assertInvalid(() -> new SyntheticCatalog.Params(null, null, null, null, null,
                Double.POSITIVE_INFINITY), "popularityExponent");
    }

    @Test
    void populationParamsValidationNamesTheField() {
        assertInvalid(() -> new SyntheticPopulation.Params(0, null, null, null, null), "users");
        assertInvalid(() -> new SyntheticPopulation.Params(null, -1.0, null, null, null), "tasteSpread");
        assertInvalid(() -> new SyntheticPopulation.Params(null, null, 0.0, null, null), "meanActivity");
        assertInvalid(() -> new SyntheticPopulation.Params(null, null, null, -0.5, null), "activitySpread");
        assertInvalid(() -> new SyntheticPopulation.Params(null, null, null, null, Double.NaN), "maxActivity");
    }
}
