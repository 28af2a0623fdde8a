package org.recloop.core.world.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * Generative statistics of the Chaney world against their expectations, with fixed seeds. Each
 * tolerance is about 4.5 standard errors of the statistic at the sizes used, so a correct
 * generator fails with probability below 1e-5 while a wrong hierarchy (e.g. the symmetric world,
 * or μ not scaled) misses by far more.
 */
class ChaneyWorldTest {

    private static final int K = 20;

    @Test
    void itemsAreNearlyOneHotAndCentredOnTheRunsMuAlpha() {
        RandomStreams streams = new RandomStreams(2018);
        ChaneyWorld.CatalogParams p = new ChaneyWorld.CatalogParams(2000, K, null, null);
        Catalog cat = ChaneyWorld.catalog(p).build(streams);
        double[] mu = ChaneyWorld.muAlpha(p, streams);
        double a0 = 0;
        double sumSq = 0;
        for (double a : mu) {
            a0 += a;
            sumSq += a * a;
        }
        assertThat(a0).isCloseTo(0.1, within(1e-12)); // muAlphaScale x a point of the simplex
        // E[Σ x_d²] of Dirichlet(α) = (α0 + Σ α_d²) / (α0 (α0 + 1)): about 0.914, nearly one-hot
        double expectedSq = (a0 + sumSq) / (a0 * (a0 + 1));
        double meanSq = 0;
        double[] mean = new double[K];
        for (int i = 0; i < cat.size(); i++) {
            for (int d = 0; d < K; d++) {
                double x = cat.feature(i, d);
                meanSq += x * x / cat.size();
                mean[d] += x / cat.size();
            }
            assertThat(cat.feature(i, cat.topic(i))).as("the topic is the largest component").isPositive();
        }
        // sd of Σx² per item <= 0.3 -> SE over 2000 items <= 0.0067
        assertThat(meanSq).isCloseTo(expectedSq, within(0.03));
        assertThat(expectedSq).isGreaterThan(0.9);
        // E[x_d] = α_d / α0; sd of x_d = sqrt(m(1-m)/(α0+1)) <= 0.48 -> SE <= 0.011
        for (int d = 0; d < K; d++) {
            assertThat(mean[d]).as("mean of attribute %d", d).isCloseTo(mu[d] / a0, within(0.05));
        }
    }

    @Test
    void usersShareTheRunsTasteProfileMuRho() {
        RandomStreams streams = new RandomStreams(7);
        Catalog cat = ChaneyWorld.catalog(new ChaneyWorld.CatalogParams(10, K, null, null)).build(streams);
        ChaneyWorld.PopulationParams p = new ChaneyWorld.PopulationParams(2000, null, null, null, null);
        Population pop = ChaneyWorld.population(p).build(cat, streams);
        double[] mu = ChaneyWorld.muRho(p, K, streams);
        double a0 = 0;
        for (double a : mu) {
            a0 += a;
        }
        assertThat(a0).isCloseTo(10.0, within(1e-9));
        float[] prefs = pop.preferences();
        for (int d = 0; d < K; d++) {
            double m = mu[d] / a0;
            double mean = 0;
            double var = 0;
            for (int u = 0; u < pop.size(); u++) {
                mean += prefs[u * K + d] / (double) pop.size();
            }
            for (int u = 0; u < pop.size(); u++) {
                double x = prefs[u * K + d] - mean;
                var += x * x / (pop.size() - 1);
            }
            // E[θ_d] = μ_d/10, Var[θ_d] = m(1-m)/11: SE of the mean <= 0.0034, of the variance ~ 5%
            assertThat(mean).as("mean taste %d", d).isCloseTo(m, within(0.016));
            assertThat(var).as("taste variance %d", d).isCloseTo(m * (1 - m) / (a0 + 1), within(0.25 * m * (1 - m) / 11 + 2e-4));
            assertThat(pop.activity(0)).isEqualTo(50f);
        }
    }

    @Test
    void trueUtilityIsBetaNoisedAroundTheDotProductAndFixedPerPair() {
        RandomStreams streams = new RandomStreams(11);
        Catalog cat = ChaneyWorld.catalog(new ChaneyWorld.CatalogParams(400, K, null, null)).build(streams);
        double sigma = 0.01;
        Population pop = ChaneyWorld.population(new ChaneyWorld.PopulationParams(200, null, null, sigma, null))
                .build(cat, streams);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int u = 0; u < pop.size(); u++) {
            for (int i = 0; i < cat.size(); i++) {
                double mean = cat.dot(i, pop.preferences(), u * K);
                if (mean < 0.05 || mean > 0.95) {
                    continue; // where σ² is far below μ(1-μ), so the Beta exists and is not clipped
                }
                double v = pop.trueScore(cat, u, i);
                assertThat(pop.trueScore(cat, u, i)).as("the same value every time").isEqualTo((float) v);
                sum += v - mean;
                sumSq += (v - mean) * (v - mean);
                n++;
            }
        }
        assertThat(n).isGreaterThan(2000);
        double meanDiff = sum / n;
        double sd = Math.sqrt(sumSq / n - meanDiff * meanDiff);
        // mean of V - μ is 0 (SE σ/sqrt n); its sd is σ (relative SE 1/sqrt(2n) < 1.6%), float rounding aside
        assertThat(meanDiff).isCloseTo(0, within(5 * sigma / Math.sqrt(n)));
        assertThat(sd).isCloseTo(sigma, within(0.08 * sigma));
        // σ = 0: the true score is the dot product
        Population plain = ChaneyWorld.population(new ChaneyWorld.PopulationParams(5, null, null, 0.0, null))
                .build(cat, streams);
        assertThat(plain.trueScore(cat, 3, 7)).isEqualTo(cat.dot(7, plain.preferences(), 3 * K));
    }
}
