package org.recloop.analysis.unlearning;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.recloop.analysis.offline.RankingMetrics;

/**
 * The study's membership-inference attacks, both rank-based (the recommenders expose ranked
 * lists, not raw scores) and both scored by the advantage {@code 2·|AUC − 0.5|}, the AUC of
 * telling members from non-members by Mann-Whitney U. The advantage is two-sided on purpose: a
 * model that ranks forgotten data far below data it never saw gives the request away as surely as
 * one that still ranks it high (over-forgetting, the "Streisand effect").
 *
 * <ul>
 *   <li>{@link #users}, for the users scope: members are the forget-set users, non-members the
 *       never-seen users; a user's score is the share of their items in their top list.</li>
 *   <li>{@link #pairs}, for the interactions scope, where every forget user stays a member
 *       through their retained rows: members are the forgotten (user, item) pairs, non-members
 *       the same users' never-trained items; a pair's score is {@code depth − position} of the
 *       item in the user's top-{@code depth} list, 0 when it is not in the list.</li>
 * </ul>
 * Stateless.
 */
final class MembershipAttack {

    private MembershipAttack() {}

    /**
     * User-level advantage.
     *
     * @param memberLists top lists of the members; {@code memberItems} their target items
     * @param otherLists top lists of the non-members; {@code otherItems} their target items
     */
    static double users(int[][] memberLists, int[][] memberItems, int[][] otherLists, int[][] otherItems) {
        double[] members = new double[memberLists.length];
        double[] others = new double[otherLists.length];
        for (int s = 0; s < members.length; s++) {
            members[s] = share(memberLists[s], memberItems[s]);
        }
        for (int s = 0; s < others.length; s++) {
            others[s] = share(otherLists[s], otherItems[s]);
        }
        return advantage(members, others);
    }

    /**
     * Pair-level advantage over the users of {@code lists}; NaN when no user has both a forgotten
     * and a never-trained item.
     *
     * @param lists each user's top-{@code depth} list
     * @param forgotten each user's forgotten items (members)
     * @param unseen each user's never-trained items (non-members)
     */
    static double pairs(int[][] lists, int[][] forgotten, int[][] unseen, int depth) {
        int nm = 0;
        int no = 0;
        for (int s = 0; s < lists.length; s++) {
            nm += forgotten[s].length;
            no += unseen[s].length;
        }
        if (nm == 0 || no == 0) {
            return Double.NaN;
        }
        double[] members = new double[nm];
        double[] others = new double[no];
        int a = 0;
        int b = 0;
        for (int s = 0; s < lists.length; s++) {
            for (int i : forgotten[s]) {
                members[a++] = rankScore(lists[s], i, depth);
            }
            for (int i : unseen[s]) {
                others[b++] = rankScore(lists[s], i, depth);
            }
        }
        return advantage(members, others);
    }

    /** {@code 2·|AUC − 0.5|}; mannWhitneyU returns max(U1, U2), whose distance from half is the same. */
    static double advantage(double[] members, double[] others) {
        double auc = new MannWhitneyUTest().mannWhitneyU(members, others) / ((double) members.length * others.length);
        return 2 * Math.abs(auc - 0.5);
    }

    private static double rankScore(int[] list, int item, int depth) {
        for (int q = 0; q < list.length && q < depth; q++) {
            if (list[q] == item) {
                return depth - q;
            }
        }
        return 0;
    }

    private static double share(int[] list, int[] targets) {
        return targets.length == 0 ? 0 : (double) RankingMetrics.hits(list, targets, list.length) / targets.length;
    }
}
