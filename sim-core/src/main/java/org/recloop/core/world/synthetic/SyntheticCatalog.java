package org.recloop.core.world.synthetic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.CatalogSource;

/**
 * A catalog of items clustered by topic. Each topic has a random unit centre in the latent space;
 * an item's feature is its topic centre plus Gaussian noise of standard deviation
 * {@code topicSpread / sqrt(dimensions)} per coordinate, normalised to unit length, so that
 * {@code topicSpread} ≈ 1 makes an item about as close to a random direction as to its centre.
 * Quality is uniform in [0, 1]; creators are assigned uniformly; the popularity prior follows a
 * power law (Pareto with exponent {@code popularityExponent}), the kind of long tail real
 * catalogs show.
 *
 * <p>Every item draws from its own stream (purpose "world.items", user = item id), so adding items
 * does not change the first ones.
 */
public final class SyntheticCatalog implements CatalogSource {

    /**
     * @param items number of items
     * @param dimensions latent dimensions
     * @param topics number of topic clusters
     * @param topicSpread noise around a topic centre (0 = all items of a topic identical)
     * @param creators number of distinct creators (providers)
     * @param popularityExponent Pareto exponent of the popularity prior (larger = thinner tail)
     */
    public record Params(Integer items, Integer dimensions, Integer topics, Double topicSpread, Integer creators,
            Double popularityExponent) {
        public Params {
            items = Check.positive("items", items == null ? 2000 : items);
            dimensions = Check.positive("dimensions", dimensions == null ? 16 : dimensions);
            topics = Check.positive("topics", topics == null ? 20 : topics);
            topicSpread = Check.nonNegative("topicSpread", topicSpread == null ? 0.8 : topicSpread);
            creators = Check.positive("creators", creators == null ? 200 : creators);
            popularityExponent = Check.positive("popularityExponent",
                    popularityExponent == null ? 1.2 : popularityExponent);
        }

        public static Params defaults() {
            return new Params(null, null, null, null, null, null);
        }
    }

    private static final long ITEM = RandomStreams.purpose("world.items");
    private static final long TOPIC = RandomStreams.purpose("world.topics");

    private final Params p;

    public SyntheticCatalog(Params p) {
        this.p = p;
    }

    /** The unit topic centres, topic-major, as every synthetic generator of this seed sees them. */
    public static float[] topicCentres(RandomStreams streams, int topics, int dim) {
        float[] c = new float[topics * dim];
        for (int t = 0; t < topics; t++) {
            UniformRandomProvider rng = streams.stream(TOPIC, t, -1);
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int f = 0; f < dim; f++) {
                c[t * dim + f] = (float) g.sample();
            }
            Vectors.normalize(c, t * dim, dim);
        }
        return c;
    }

    @Override
    public Catalog build(RandomStreams streams) {
        int dim = p.dimensions();
        int n = p.items();
        float[] centres = topicCentres(streams, p.topics(), dim);
        Catalog cat = new Catalog(dim, n);
        float[] f = new float[dim];
        double sd = p.topicSpread() / Math.sqrt(dim);
        for (int i = 0; i < n; i++) {
            UniformRandomProvider rng = streams.stream(ITEM, i, -1);
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            int topic = rng.nextInt(p.topics());
            for (int d = 0; d < dim; d++) {
                f[d] = (float) (centres[topic * dim + d] + sd * g.sample());
            }
            Vectors.normalize(f, 0, dim);
            int creator = rng.nextInt(p.creators());
            float quality = (float) rng.nextDouble();
            // Pareto(x_m = 1, alpha): x = (1 - U)^(-1/alpha)
            float pop = (float) Math.pow(1.0 - rng.nextDouble(), -1.0 / p.popularityExponent());
            cat.add(f, topic, creator, quality, pop, 0);
        }
        return cat;
    }
}
