package org.recloop.core.world.synthetic;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.Topics;

/**
 * A stochastic block model by interest community: a user's community is the topic nearest to
 * its true preference. Each user follows {@code withinFollows} users drawn uniformly from its own
 * community and {@code acrossFollows} from the rest (the sparse-SBM limit, where block edge
 * probabilities are expected degree / block size; counts are fixed per user instead of
 * binomial). Homophily: the share of within-community edges is withinFollows / (within +
 * across). Draws from ("world.graph.sbm", user).
 */
public final class StochasticBlockGraph implements GraphSource {

    /**
     * @param withinFollows followees drawn from the user's own community
     * @param acrossFollows followees drawn from other communities
     */
    public record Params(Integer withinFollows, Integer acrossFollows) {
        public Params {
            withinFollows = Check.nonNegative("withinFollows", withinFollows == null ? 8 : withinFollows);
            acrossFollows = Check.nonNegative("acrossFollows", acrossFollows == null ? 2 : acrossFollows);
        }
    }

    private static final long PURPOSE = RandomStreams.purpose("world.graph.sbm");
    private final Params p;

    public StochasticBlockGraph(Params p) {
        this.p = p;
    }

    /** Community (nearest topic) of every user. */
    public static int[] communities(Population pop, Catalog catalog) {
        float[] centres = Topics.centres(catalog);
        int[] c = new int[pop.size()];
        for (int u = 0; u < pop.size(); u++) {
            c[u] = Topics.nearest(centres, pop.dim(), pop.preferences(), u * pop.dim());
        }
        return c;
    }

    @Override
    public SocialGraph build(Population pop, Catalog catalog, RandomStreams streams) {
        int n = pop.size();
        int[] comm = communities(pop, catalog);
        int topics = Topics.count(catalog);
        int[] size = new int[topics + 1];
        for (int c : comm) {
            size[c + 1]++;
        }
        for (int t = 0; t < topics; t++) {
            size[t + 1] += size[t];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(size, topics);
        for (int u = 0; u < n; u++) {
            members[fill[comm[u]]++] = u;
        }
        int per = p.withinFollows() + p.acrossFollows();
        int[] from = new int[n * per];
        int[] to = new int[n * per];
        int e = 0;
        for (int u = 0; u < n; u++) {
            UniformRandomProvider rng = streams.stream(PURPOSE, u, -1);
            int c = comm[u];
            int lo = size[c];
            int own = size[c + 1] - lo;
            for (int j = 0; j < p.withinFollows() && own > 1; j++) {
                int v = members[lo + rng.nextInt(own)];
                if (v != u) {
                    from[e] = u;
                    to[e++] = v;
                }
            }
            int others = n - own;
            for (int j = 0; j < p.acrossFollows() && others > 0; j++) {
                int idx = rng.nextInt(others);
                int v = members[idx < lo ? idx : idx + own];
                from[e] = u;
                to[e++] = v;
            }
        }
        // duplicates and self-loops are dropped by fromEdges
        return SocialGraph.fromEdges(n, Arrays.copyOf(from, e), Arrays.copyOf(to, e));
    }
}
