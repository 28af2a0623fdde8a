package org.recloop.analysis.unlearning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;

/**
 * The study's seeded split of the data. Users with at least two distinct items are shuffled with
 * the stream ("unlearning.split", -1, 0): the first {@code forget} form the forget set, the next
 * {@code forget} the never-seen users (left out of every training set: the membership attack's
 * non-members), the rest are retained. Each retained user with at least two distinct items has a
 * fifth of them (at least one) held out for NDCG. Users with fewer than two items stay retained
 * and in training. In users scope the forget set's rows are forgotten whole; in interactions scope
 * half of each forget user's distinct items (at least one) are forgotten, a quarter (rounded down)
 * are never trained on (left out of every training set: the pair-level membership attack's
 * non-members, items the user chose as they chose the forgotten ones), and the others stay.
 */
final class UnlearningSplit {

    private static final long PURPOSE = RandomStreams.purpose("unlearning.split");

    final int[] forgetUsers;
    final int[] neverSeen;
    /** Per user: items forgotten (forget set), target items of the attack (never-seen), held-out items (retained). */
    final int[][] forgotten;
    final int[][] heldOut;
    /** Per forget user in interactions scope, items never trained on; empty otherwise. */
    final int[][] unseen;
    /** The rows the original model is trained on (retained training rows plus all of the forget set). */
    final Interactions original;
    /** The rows that remain after forgetting: what the gold model and a refit see. */
    final Interactions retained;
    final ForgetRequest request;

    UnlearningSplit(Interactions data, int forget, ForgetRequest.Scope scope, long seed) {
        int users = data.numUsers();
        int[][] items = distinctItems(data);
        int[] eligible = java.util.stream.IntStream.range(0, users).filter(u -> items[u].length >= 2).toArray();
        if (eligible.length < 2 * forget + 1) {
            throw new IllegalArgumentException("--forget " + forget + " needs at least " + (2 * forget + 1)
                    + " users with two or more items (forget set, never-seen set, retained); the data has "
                    + eligible.length);
        }
        UniformRandomProvider rng = new RandomStreams(seed).stream(PURPOSE, -1, 0);
        for (int i = eligible.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = eligible[i];
            eligible[i] = eligible[j];
            eligible[j] = t;
        }
        forgetUsers = sorted(Arrays.copyOfRange(eligible, 0, forget));
        neverSeen = sorted(Arrays.copyOfRange(eligible, forget, 2 * forget));
        int[] role = new int[users]; // 0 retained, 1 forget, 2 never-seen
        for (int u : forgetUsers) {
            role[u] = 1;
        }
        for (int u : neverSeen) {
            role[u] = 2;
        }
        forgotten = new int[users][];
        heldOut = new int[users][];
        unseen = new int[users][];
        for (int u = 0; u < users; u++) {
            int[] mine = shuffled(items[u], rng);
            int n = mine.length;
            forgotten[u] = new int[0];
            heldOut[u] = new int[0];
            unseen[u] = new int[0];
            if (role[u] == 1) {
                forgotten[u] = sorted(scope == ForgetRequest.Scope.USERS ? mine : Arrays.copyOf(mine, Math.max(1, n / 2)));
                if (scope == ForgetRequest.Scope.INTERACTIONS) {
                    int f = Math.max(1, n / 2);
                    unseen[u] = sorted(Arrays.copyOfRange(mine, f, Math.min(n, f + n / 4)));
                }
            } else if (role[u] == 2) {
                forgotten[u] = sorted(scope == ForgetRequest.Scope.USERS ? mine : Arrays.copyOf(mine, Math.max(1, n / 2)));
            } else if (n >= 2) {
                heldOut[u] = sorted(Arrays.copyOf(mine, Math.max(1, n / 5)));
            }
        }
        List<Integer> keepOriginal = new ArrayList<>();
        List<Integer> keepRetained = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            int u = data.users()[r];
            int i = data.items()[r];
            if (role[u] == 2 || Arrays.binarySearch(heldOut[u], i) >= 0 || Arrays.binarySearch(unseen[u], i) >= 0) {
                continue;
            }
            keepOriginal.add(r);
            if (role[u] != 1 || Arrays.binarySearch(forgotten[u], i) < 0) {
                keepRetained.add(r);
            }
        }
        original = rows(data, keepOriginal);
        retained = rows(data, keepRetained);
        if (scope == ForgetRequest.Scope.USERS) {
            request = new ForgetRequest(scope, forgetUsers, null, "unlearning study");
        } else {
            int total = 0;
            for (int u : forgetUsers) {
                total += forgotten[u].length;
            }
            int[] us = new int[total];
            int[] is = new int[total];
            int k = 0;
            for (int u : forgetUsers) {
                for (int i : forgotten[u]) {
                    us[k] = u;
                    is[k++] = i;
                }
            }
            request = new ForgetRequest(scope, us, is, "unlearning study");
        }
    }

    /** The distinct items of every user in {@code data}, ascending. */
    static int[][] distinctItems(Interactions data) {
        int[][] out = new int[data.numUsers()][];
        int[] count = new int[data.numUsers()];
        for (int u : data.users()) {
            count[u]++;
        }
        for (int u = 0; u < out.length; u++) {
            out[u] = new int[count[u]];
        }
        Arrays.fill(count, 0);
        for (int r = 0; r < data.size(); r++) {
            out[data.users()[r]][count[data.users()[r]]++] = data.items()[r];
        }
        for (int u = 0; u < out.length; u++) {
            out[u] = Arrays.stream(out[u]).sorted().distinct().toArray();
        }
        return out;
    }

    private static int[] shuffled(int[] a, UniformRandomProvider rng) {
        int[] c = a.clone();
        for (int i = c.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return c;
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    private static Interactions rows(Interactions d, List<Integer> keep) {
        int n = keep.size();
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            int r = keep.get(k);
            u[k] = d.users()[r];
            i[k] = d.items()[r];
            t[k] = d.ticks()[r];
            v[k] = d.values()[r];
        }
        return new Interactions(u, i, t, v, d.numUsers(), d.numItems());
    }
}
