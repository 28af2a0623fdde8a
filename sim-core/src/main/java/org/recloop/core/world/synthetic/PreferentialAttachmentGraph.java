package org.recloop.core.world.synthetic;

import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.GraphSource;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;

/**
 * Directed preferential attachment (Barabási and Albert 1999; Price's model for follows): users
 * join in id order and each follows {@code follows} distinct earlier users, chosen with
 * probability proportional to (followers + 1). Yields a heavy-tailed follower count: a few
 * accounts followed by many, as on real platforms. Draws from ("world.graph.pa", user).
 */
public final class PreferentialAttachmentGraph implements GraphSource {

    /** @param follows followees per user (users with fewer predecessors follow all of them) */
    public record Params(Integer follows) {
        public Params {
            follows = Check.positive("follows", follows == null ? 10 : follows);
        }
    }

    private static final long PURPOSE = RandomStreams.purpose("world.graph.pa");
    private final Params p;

    public PreferentialAttachmentGraph(Params p) {
        this.p = p;
    }

    @Override
    public SocialGraph build(Population population, Catalog catalog, RandomStreams streams) {
        int n = population.size();
        int m = p.follows();
        long edges = (long) n * m;
        if (edges > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many edges: " + edges);
        }
        int[] from = new int[(int) edges];
        int[] to = new int[(int) edges];
        // every user appears once per follower plus once for itself: sampling uniformly from this
        // list picks a user with probability proportional to (followers + 1)
        int[] urn = new int[(int) edges + n];
        int urnSize = 0;
        int e = 0;
        int[] chosen = new int[m];
        for (int u = 0; u < n; u++) {
            UniformRandomProvider rng = streams.stream(PURPOSE, u, -1);
            int want = Math.min(m, u);
            int got = 0;
            while (got < want) {
                int v = urn[rng.nextInt(urnSize)];
                boolean dup = false;
                for (int j = 0; j < got; j++) {
                    dup |= chosen[j] == v;
                }
                if (!dup) {
                    chosen[got++] = v;
                }
            }
            for (int j = 0; j < got; j++) {
                from[e] = u;
                to[e] = chosen[j];
                e++;
                urn[urnSize++] = chosen[j];
            }
            urn[urnSize++] = u;
        }
        return SocialGraph.fromEdges(n, java.util.Arrays.copyOf(from, e), java.util.Arrays.copyOf(to, e));
    }
}
