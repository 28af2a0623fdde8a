package org.recloop.recommenders.defence;

import java.util.Arrays;
import java.util.BitSet;
import org.recloop.core.capability.SocialGraphView;

/**
 * The follow-graph features {@link SuspicionScores} adds when the run grants the platform's follow
 * graph. Both are raw values, larger = more suspicious; the caller turns them into percentiles as
 * it does the click features, among the accounts that follow someone. An account that follows
 * nobody gives the graph nothing to judge and is left to the click features: counting "follows
 * nobody" as innocent would hide every fake account of a click-only attack in a social scenario
 * behind two low graph percentiles.
 * <ul>
 *   <li><b>follow imbalance</b>: {@code log(1 + following) - log(1 + followers)}. A fake account
 *       that rides the social feed follows many accounts and nobody follows it back; a real
 *       account's follows are returned now and then, and an account that follows nobody sits at 0
 *       or below.</li>
 *   <li><b>cold follows</b>: how far the median follower count of the accounts a user follows
 *       falls below the mean over all follow edges, in {@code log(1 + followers)}. Real users follow
 *       whom they meet (creators, friends of friends, accounts the feed shows), which are mostly
 *       well-followed; a fake account following accounts picked at random lands on obscure ones.
 *       The graph analogue of the click features' popularity deviation.</li>
 * </ul>
 * Left out on purpose: reciprocity as a share (a preferential-attachment graph, where users follow
 * only earlier users, has no mutual edges at all, so every account would tie) and the overlap of
 * followee sets with the most suspicious accounts (real users share the hubs they all follow,
 * while fake accounts picking followees at random share almost none, so it would point the wrong
 * way). Follow times are not part of the graph, so bursts of follows are left to the click
 * features' burstiness.
 *
 * <p>Deterministic: pure functions of the graph at the time of the call.
 */
final class GraphFeatures {

    /** How many features {@link #of} returns. */
    static final int COUNT = 2;

    private GraphFeatures() {}

    /**
     * The graph features of users {@code [0, users)}.
     *
     * @param values {@code [feature][user]}, meaningful for the users in {@code following}
     * @param following the users who follow at least one account (users the graph does not know,
     *     none in a run, where graph and population grow together, count as following nobody)
     */
    record Values(double[][] values, BitSet following) {}

    /** The features of users {@code [0, users)} in the graph as it is now. */
    static Values of(SocialGraphView graph, int users) {
        int n = Math.min(users, graph.users());
        int[] in = graph.inDegrees();
        double[] imbalance = new double[users];
        double[] cold = new double[users];
        BitSet following = new BitSet(users);
        double sum = 0;
        long edges = 0;
        for (int u = 0; u < graph.users(); u++) {
            for (int i = 0, d = graph.outDegree(u); i < d; i++) {
                sum += Math.log1p(in[graph.followee(u, i)]);
                edges++;
            }
        }
        double mean = edges == 0 ? 0 : sum / edges;
        for (int u = 0; u < n; u++) {
            int out = graph.outDegree(u);
            imbalance[u] = Math.log1p(out) - Math.log1p(in[u]);
            if (out > 0) {
                following.set(u);
                int[] followed = new int[out];
                for (int i = 0; i < out; i++) {
                    followed[i] = in[graph.followee(u, i)];
                }
                Arrays.sort(followed);
                cold[u] = mean - Math.log1p(followed[(out - 1) / 2]);
            }
        }
        return new Values(new double[][] {imbalance, cold}, following);
    }
}
