package org.recloop.scenarios.gui;

import java.util.HashMap;
import java.util.Map;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.SocialGraph;
import org.recloop.core.world.World;
import sim.field.continuous.Continuous2D;
import sim.field.network.Network;
import sim.util.Double2D;

/**
 * What the displays draw, as MASON fields: a seeded sample of users and items placed in
 * preference space by {@link PreferenceProjection}, and the follow graph around a smaller sample
 * of users. Refreshed on the model thread between ticks; a display draws the fields under the
 * schedule's lock, so it never sees a half-made refresh.
 *
 * <p>At most {@code maxUsers} users and {@code maxUsers} items are drawn, so a large population
 * costs the display no more than a small one; {@link #refresh} itself reads every drawn row once.
 */
final class PreferenceMap {

    /** Width and height of the fields; points are scaled into a margin inside them. */
    static final double SIZE = 100;
    private static final double MARGIN = 4;

    final Continuous2D users = new Continuous2D(SIZE / 10, SIZE, SIZE);
    final Continuous2D items = new Continuous2D(SIZE / 10, SIZE, SIZE);
    final Continuous2D graphSpace = new Continuous2D(SIZE / 10, SIZE, SIZE);
    final Network follows = new Network(true);

    private final int maxUsers;
    private final int graphUsers;
    private final UserNode.Sources sources;
    private UserNode[] userNodes = new UserNode[0];
    private ItemNode[] itemNodes = new ItemNode[0];
    private int sampledUsersOf = -1;
    private int sampledItemsOf = -1;
    private PreferenceProjection projection;
    private long maxExposure = 1;

    /**
     * @param maxUsers users (and items) drawn at most
     * @param graphUsers users whose follows the graph display shows (with the accounts they follow)
     */
    PreferenceMap(int maxUsers, int graphUsers) {
        this(maxUsers, graphUsers, UserNode.Sources.NONE);
    }

    /** @param trail recent slates and events of each user for the inspector, or null if there are none */
    PreferenceMap(int maxUsers, int graphUsers, UserTrail trail) {
        this(maxUsers, graphUsers, new UserNode.Sources(trail, null, null));
    }

    /** @param sources what the user inspector shows besides the world (recent slates and events, memories) */
    PreferenceMap(int maxUsers, int graphUsers, UserNode.Sources sources) {
        this.maxUsers = maxUsers;
        this.graphUsers = graphUsers;
        this.sources = sources;
    }

    /** The largest cumulative exposure of a drawn item, at least 1: the map sizes items by it. */
    long maxExposure() {
        return maxExposure;
    }

    int drawnUsers() {
        return userNodes.length;
    }

    /** The ids of the drawn users, ascending. */
    int[] drawnUserIds() {
        return ids(userNodes);
    }

    int drawnItems() {
        return itemNodes.length;
    }

    /** Re-projects the drawn users and items of a live run and rebuilds the sampled follow graph. */
    void refresh(RecLoopSim sim) {
        refresh(sim.world(), sim.streams(), sim.itemExposures());
    }

    /**
     * Re-projects the drawn users and items and rebuilds the sampled follow graph. When the
     * population or the catalog has grown since the last refresh (accounts opened by an
     * add-users or attack intervention, new items), the sample is drawn again from all of them;
     * {@link UserSample} keeps it seeded, so the same run always draws the same users.
     *
     * @param streams the run's streams (only their seed is used: the sample's keys)
     * @param exposures cumulative exposures per item id
     */
    void refresh(World world, RandomStreams streams, long[] exposures) {
        Population pop = world.population();
        Catalog cat = world.catalog();
        if (sampledUsersOf != pop.size()) {
            int[] ids = UserSample.of(streams, "gui.user-sample", pop.size(), maxUsers);
            userNodes = new UserNode[ids.length];
            for (int i = 0; i < ids.length; i++) {
                userNodes[i] = new UserNode(world, ids[i], sources);
            }
            sampledUsersOf = pop.size();
            users.clear();
        }
        if (sampledItemsOf != cat.size()) {
            int[] ids = UserSample.of(streams, "gui.item-sample", cat.size(), maxUsers);
            itemNodes = new ItemNode[ids.length];
            for (int i = 0; i < ids.length; i++) {
                itemNodes[i] = new ItemNode(cat, ids[i]);
            }
            sampledItemsOf = cat.size();
            items.clear();
        }
        if (projection == null) {
            projection = new PreferenceProjection(pop.dim());
        }
        fitProjection(pop, cat);
        double[][] u = project(pop.preferences(), pop.dim(), ids(userNodes));
        double[][] it = project(cat.features(), cat.dim(), itemIds());
        Scale scale = Scale.of(u, it);
        for (int i = 0; i < userNodes.length; i++) {
            users.setObjectLocation(userNodes[i], scale.at(u[0][i], u[1][i]));
        }
        long max = 1;
        for (int i = 0; i < itemNodes.length; i++) {
            int id = itemNodes[i].id();
            itemNodes[i].exposures = id < exposures.length ? exposures[id] : 0;
            max = Math.max(max, itemNodes[i].exposures);
            items.setObjectLocation(itemNodes[i], scale.at(it[0][i], it[1][i]));
        }
        maxExposure = max;
        rebuildGraph(world, scale);
    }

    private void fitProjection(Population pop, Catalog cat) {
        int rows = userNodes.length + itemNodes.length;
        float[][] data = new float[rows][];
        int[] offsets = new int[rows];
        float[] prefs = pop.preferences();
        float[] feats = cat.features();
        for (int i = 0; i < userNodes.length; i++) {
            data[i] = prefs;
            offsets[i] = userNodes[i].id() * pop.dim();
        }
        for (int i = 0; i < itemNodes.length; i++) {
            data[userNodes.length + i] = feats;
            offsets[userNodes.length + i] = itemNodes[i].id() * cat.dim();
        }
        projection.fit(data, offsets, rows);
    }

    private double[][] project(float[] vectors, int dim, int[] ids) {
        double[][] out = new double[2][ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[0][i] = projection.coordinate(0, vectors, ids[i] * dim);
            out[1][i] = projection.coordinate(1, vectors, ids[i] * dim);
        }
        return out;
    }

    private static int[] ids(UserNode[] nodes) {
        int[] ids = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            ids[i] = nodes[i].id();
        }
        return ids;
    }

    private int[] itemIds() {
        int[] ids = new int[itemNodes.length];
        for (int i = 0; i < itemNodes.length; i++) {
            ids[i] = itemNodes[i].id();
        }
        return ids;
    }

    /**
     * The follow graph around the first {@code graphUsers} drawn users: them, the accounts they
     * follow, and those follow edges, placed in preference space like the map (homophily shows as
     * short edges).
     */
    private void rebuildGraph(World world, Scale scale) {
        follows.clear();
        graphSpace.clear();
        SocialGraph g = world.graph();
        if (g.edgeCount() == 0) {
            return;
        }
        Population pop = world.population();
        Map<Integer, UserNode> nodes = new HashMap<>();
        int seeds = Math.min(graphUsers, userNodes.length);
        for (int s = 0; s < seeds; s++) {
            UserNode from = node(nodes, world, userNodes[s].id(), pop, scale);
            int u = from.id();
            if (u >= g.users()) {
                continue;
            }
            for (int i = 0; i < g.outDegree(u); i++) {
                follows.addEdge(from, node(nodes, world, g.followee(u, i), pop, scale), null);
            }
        }
    }

    private UserNode node(Map<Integer, UserNode> nodes, World world, int id, Population pop, Scale scale) {
        return nodes.computeIfAbsent(id, k -> {
            UserNode n = new UserNode(world, k, sources);
            float[] prefs = pop.preferences();
            graphSpace.setObjectLocation(n, scale.at(projection.coordinate(0, prefs, k * pop.dim()),
                    projection.coordinate(1, prefs, k * pop.dim())));
            follows.addNode(n);
            return n;
        });
    }

    /** Maps projected coordinates into the fields, keeping the aspect ratio. */
    private record Scale(double minX, double minY, double factor) {
        static Scale of(double[][]... sets) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (double[][] s : sets) {
                for (int i = 0; i < s[0].length; i++) {
                    minX = Math.min(minX, s[0][i]);
                    maxX = Math.max(maxX, s[0][i]);
                    minY = Math.min(minY, s[1][i]);
                    maxY = Math.max(maxY, s[1][i]);
                }
            }
            double span = Math.max(maxX - minX, maxY - minY);
            if (!(span > 0)) {
                return new Scale(minX, minY, 0);
            }
            return new Scale(minX, minY, (SIZE - 2 * MARGIN) / span);
        }

        Double2D at(double x, double y) {
            return new Double2D(MARGIN + (x - minX) * factor, SIZE - MARGIN - (y - minY) * factor);
        }
    }
}
