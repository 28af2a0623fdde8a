package org.recloop.analysis.sensitivity;

import java.util.Objects;

/**
 * One change to the interaction data: user {@code user} forgets item {@code item} (every row of
 * the pair is removed) or gains one interaction with it (one row, weight 1, at the data's last
 * tick, so "now" stays the same).
 *
 * @param index 0-based number of the perturbation in the study
 * @param kind what was done
 * @param user the (dense) user id
 * @param item the (dense) item id
 */
public record Perturbation(int index, Kind kind, int user, int item) {

    /** What a perturbation does. */
    public enum Kind {
        /** the user's interactions with the item are removed. */
        REMOVE,
        /** one interaction of the user with an item it had not consumed is added. */
        ADD;

        /** Lower-case name, as written in the CSV. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Perturbation {
        Objects.requireNonNull(kind, "kind");
        if (index < 0 || user < 0 || item < 0) {
            throw new IllegalArgumentException("index, user and item must be >= 0, were " + index + ", " + user
                    + ", " + item);
        }
    }
}
