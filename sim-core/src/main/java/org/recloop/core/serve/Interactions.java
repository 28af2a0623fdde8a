package org.recloop.core.serve;

import java.util.Objects;

/**
 * Interactions read from the log, as parallel columns: row {@code r} says user {@code users[r]}
 * acted on item {@code items[r]} at tick {@code ticks[r]} with weight {@code values[r]}
 * (1 for a click). Rows are in log order (tick, then user, then position).
 *
 * @param users user id column
 * @param items item id column
 * @param ticks tick column
 * @param values weight column
 * @param numUsers users in the world (ids are below this)
 * @param numItems items in the catalog when read (ids are below this)
 */
public record Interactions(int[] users, int[] items, int[] ticks, float[] values, int numUsers, int numItems) {
    public Interactions {
        Objects.requireNonNull(users);
        Objects.requireNonNull(items);
        Objects.requireNonNull(ticks);
        Objects.requireNonNull(values);
        if (items.length != users.length || ticks.length != users.length || values.length != users.length) {
            throw new IllegalArgumentException("interaction columns differ in length");
        }
    }

    public int size() {
        return users.length;
    }

    public static Interactions empty(int numUsers, int numItems) {
        return new Interactions(new int[0], new int[0], new int[0], new float[0], numUsers, numItems);
    }
}
