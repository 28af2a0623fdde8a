package org.recloop.scenarios.act;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Topics;

/**
 * {@code add-items}: at tick {@code at} (Act phase) add {@code count} items, each near the centre
 * of a topic (the given one, or one drawn uniformly among the catalog's topics) plus Gaussian
 * noise of standard deviation {@code spread / sqrt(dim)}, normalised; quality uniform in [0, 1),
 * popularity prior {@code popularity}, creator {@code creator}, created at {@code at}. Item i
 * draws from ("act.add-items", i, at). Logged in the items table with tick {@code at}; served
 * from tick {@code at + 1}.
 */
public final class AddItems implements Intervention {

    private static final long PURPOSE = RandomStreams.purpose("act.add-items");

    /**
     * @param at tick whose Act phase adds the items
     * @param count number of items
     * @param topic topic of every new item; default: drawn per item
     * @param spread noise around the topic centre (default 0.5)
     * @param popularity popularity prior of the new items (default 1)
     * @param creator creator (provider) id of the new items (default -1: none)
     */
    public record Params(Integer at, Integer count, Integer topic, Double spread, Double popularity, Integer creator) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            if (count == null) {
                throw new InvalidParameterException("count", "is required");
            }
            Check.positive("count", count);
            if (topic != null) {
                Check.nonNegative("topic", topic);
            }
            spread = Check.nonNegative("spread", spread == null ? 0.5 : spread);
            popularity = Check.positive("popularity", popularity == null ? 1.0 : popularity);
            creator = creator == null ? -1 : creator;
        }
    }

    private final Params p;

    public AddItems(Params p) {
        this.p = p;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "add-items";
    }

    @Override
    public String describe() {
        return "add " + p.count() + " items (topic=" + (p.topic() == null ? "random" : p.topic()) + ", spread="
                + p.spread() + ", popularity=" + p.popularity() + ", creator=" + p.creator() + ")";
    }

    @Override
    public void apply(ActContext ctx) {
        Catalog catalog = ctx.world().catalog();
        int topics = Topics.count(catalog);
        if (p.topic() != null && p.topic() >= topics) {
            throw new IllegalArgumentException("add-items at tick " + p.at() + ": topic " + p.topic()
                    + " is not in the catalog, which has topics 0.." + (topics - 1));
        }
        float[] centres = Topics.centres(catalog);
        int dim = catalog.dim();
        double sd = p.spread() / Math.sqrt(dim);
        ctx.addItems(c -> {
            float[] f = new float[dim];
            for (int k = 0; k < p.count(); k++) {
                int id = c.size();
                UniformRandomProvider rng = ctx.streams().stream(PURPOSE, id, ctx.tick());
                ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
                int t = p.topic() != null ? p.topic() : rng.nextInt(Math.max(1, topics));
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    f[d] = (float) (centres[t * dim + d] + sd * g.sample());
                    norm += (double) f[d] * f[d];
                }
                float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
                for (int d = 0; d < dim; d++) {
                    f[d] *= inv;
                }
                c.add(f, t, p.creator(), (float) rng.nextDouble(), p.popularity().floatValue(), ctx.tick());
            }
        });
    }
}
