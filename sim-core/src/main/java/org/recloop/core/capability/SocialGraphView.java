package org.recloop.core.capability;

import java.util.Objects;
import org.recloop.core.world.SocialGraph;

/**
 * Read-only access to the platform's follow graph, as a real platform's trust-and-safety team sees
 * its own: who follows whom, now. Granted to defences so they can judge accounts by graph features
 * as well as by clicks. It wraps the graph alone, never the world: the simulator's mark of which
 * accounts are fake ({@link org.recloop.core.world.World#groundTruth()}) is not reachable through
 * it, and nothing here can change the graph.
 *
 * <p>Reads the live graph, so a defence sees the follows made up to the moment it asks (accounts
 * joined mid-run included). Threading: read on the simulation thread (a recommender's fit), where
 * the graph is not being changed; the graph itself is only mutated on that thread.
 */
public final class SocialGraphView {

    private final SocialGraph graph;

    private SocialGraphView(SocialGraph graph) {
        this.graph = graph;
    }

    /** A read-only view of {@code graph}. */
    public static SocialGraphView of(SocialGraph graph) {
        return new SocialGraphView(Objects.requireNonNull(graph, "graph"));
    }

    /** Number of users (accounts), including those added during the run. */
    public int users() {
        return graph.users();
    }

    /** Number of follow edges now. */
    public long edgeCount() {
        return graph.edgeCount();
    }

    /** How many accounts {@code user} follows. */
    public int outDegree(int user) {
        return graph.outDegree(user);
    }

    /** The i-th account {@code user} follows, in ascending id order. */
    public int followee(int user, int i) {
        return graph.followee(user, i);
    }

    /** Whether {@code user} follows {@code other}. */
    public boolean follows(int user, int other) {
        return graph.follows(user, other);
    }

    /** Followers of every user, indexed by user id: one pass over the edges, a fresh array. */
    public int[] inDegrees() {
        int n = graph.users();
        int[] in = new int[n];
        for (int u = 0; u < n; u++) {
            for (int i = 0, d = graph.outDegree(u); i < d; i++) {
                in[graph.followee(u, i)]++;
            }
        }
        return in;
    }

    @Override
    public String toString() {
        return "follow graph of " + graph.users() + " users, " + graph.edgeCount() + " edges";
    }
}
