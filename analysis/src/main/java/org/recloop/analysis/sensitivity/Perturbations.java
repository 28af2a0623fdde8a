package org.recloop.analysis.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;

/**
 * Draws and applies the study's perturbations. Perturbation i uses its own stream (purpose
 * {@code sensitivity.perturbation}, tick i), so it does not depend on how many came before: it
 * picks a user uniformly among those with at least 2 interaction rows (so a removal never
 * leaves a user without data), then, with probability 1/2 each, removes one of the user's items
 * (uniform over its distinct items) or adds an item it has not consumed (uniform over the rest of
 * the catalog; a removal when the user has consumed everything).
 */
final class Perturbations {

    private static final long PURPOSE = RandomStreams.purpose("sensitivity.perturbation");

    private final Interactions data;
    private final RandomStreams streams;
    private final int[] eligible;
    private final int[][] itemsOf; // each user's distinct items, ascending
    private final int lastTick;

    Perturbations(Interactions data, RandomStreams streams) {
        this.data = data;
        this.streams = streams;
        int[] rows = new int[data.numUsers()];
        List<List<Integer>> items = new ArrayList<>();
        for (int u = 0; u < data.numUsers(); u++) {
            items.add(new ArrayList<>());
        }
        int last = 0;
        for (int r = 0; r < data.size(); r++) {
            rows[data.users()[r]]++;
            items.get(data.users()[r]).add(data.items()[r]);
            last = Math.max(last, data.ticks()[r]);
        }
        this.lastTick = last;
        this.itemsOf = new int[data.numUsers()][];
        for (int u = 0; u < data.numUsers(); u++) {
            itemsOf[u] = items.get(u).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        this.eligible = java.util.stream.IntStream.range(0, data.numUsers()).filter(u -> rows[u] >= 2).toArray();
    }

    /** Number of users a perturbation can pick. */
    int eligibleUsers() {
        return eligible.length;
    }

    /** Perturbation {@code index}; there must be an eligible user. */
    Perturbation draw(int index) {
        if (eligible.length == 0) {
            throw new IllegalStateException("no user has at least 2 interactions to perturb");
        }
        UniformRandomProvider r = streams.stream(PURPOSE, -1, index);
        int user = eligible[r.nextInt(eligible.length)];
        int[] own = itemsOf[user];
        boolean add = r.nextBoolean() && own.length < data.numItems();
        if (!add) {
            return new Perturbation(index, Perturbation.Kind.REMOVE, user, own[r.nextInt(own.length)]);
        }
        // the j-th unconsumed item: skip the consumed ids (ascending) at or below the candidate
        int item = r.nextInt(data.numItems() - own.length);
        for (int c : own) {
            if (c <= item) {
                item++;
            }
        }
        return new Perturbation(index, Perturbation.Kind.ADD, user, item);
    }

    /** The data with {@code p} applied (rows otherwise in the original order). */
    Interactions apply(Perturbation p) {
        int n = data.size();
        if (p.kind() == Perturbation.Kind.ADD) {
            int[] users = Arrays.copyOf(data.users(), n + 1);
            int[] items = Arrays.copyOf(data.items(), n + 1);
            int[] ticks = Arrays.copyOf(data.ticks(), n + 1);
            float[] values = Arrays.copyOf(data.values(), n + 1);
            users[n] = p.user();
            items[n] = p.item();
            ticks[n] = lastTick;
            values[n] = 1f;
            return new Interactions(users, items, ticks, values, data.numUsers(), data.numItems());
        }
        int keep = 0;
        for (int r = 0; r < n; r++) {
            if (!removed(r, p)) {
                keep++;
            }
        }
        int[] users = new int[keep];
        int[] items = new int[keep];
        int[] ticks = new int[keep];
        float[] values = new float[keep];
        int w = 0;
        for (int r = 0; r < n; r++) {
            if (!removed(r, p)) {
                users[w] = data.users()[r];
                items[w] = data.items()[r];
                ticks[w] = data.ticks()[r];
                values[w] = data.values()[r];
                w++;
            }
        }
        return new Interactions(users, items, ticks, values, data.numUsers(), data.numItems());
    }

    private boolean removed(int r, Perturbation p) {
        return data.users()[r] == p.user() && data.items()[r] == p.item();
    }
}
