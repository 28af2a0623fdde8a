package org.recloop.core.serve;

import java.util.Objects;

/**
 * What the {@link SlateRanker} serves where a scorer has no scores: for users the scorer does not
 * know, and for the positions of a slate its scores could not fill. Kept apart from the scorers
 * (as LensKit's {@code FallbackScorer} is) so that "what to show before the model knows this
 * user" is one decision per recommender, not a block copied into each.
 *
 * <p>Two kinds: {@link #random()} slates (uniform, from the serve stream of user and tick, with
 * propensities), or a popularity {@code order} followed by the items with ids from
 * {@code newerFrom} up, by id (items newer than the model), all with score 0 and propensity 1.
 * A popularity fallback may serve users without any score differently ({@link ColdUsers},
 * {@link #withColdUsers}); completing a slate the scores started always follows the order.
 *
 * @param isRandom true for random slates; {@code order} and {@code newerFrom} are then unused
 * @param order item ids, best first (ids at or beyond the catalog size are skipped)
 * @param newerFrom first id of the items served by id after {@code order}; {@link
 *     Integer#MAX_VALUE} for none
 * @param coldUsers what users without scores get from a popularity fallback (unused for random)
 */
public record Fallback(boolean isRandom, int[] order, int newerFrom, ColdUsers coldUsers) {

    private static final Fallback RANDOM = new Fallback(true, new int[0], Integer.MAX_VALUE);

    public Fallback {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(coldUsers, "coldUsers");
        if (newerFrom < 0) {
            throw new IllegalArgumentException("newerFrom must be >= 0, was " + newerFrom);
        }
    }

    /** A fallback whose users without scores get the popularity order ({@link ColdUsers#POPULAR}). */
    public Fallback(boolean isRandom, int[] order, int newerFrom) {
        this(isRandom, order, newerFrom, ColdUsers.POPULAR);
    }

    /** This fallback with users without scores served as {@code cold} says. */
    public Fallback withColdUsers(ColdUsers cold) {
        return new Fallback(isRandom, order, newerFrom, cold);
    }

    /** Uniformly random unconsumed items. */
    public static Fallback random() {
        return RANDOM;
    }

    /** The items of {@code order} (not copied: the model owns it and never changes it), then none. */
    public static Fallback popular(int[] order) {
        return new Fallback(false, order, Integer.MAX_VALUE);
    }

    /** The items of {@code order} (not copied), then the ids from {@code newerFrom} up. */
    public static Fallback popular(int[] order, int newerFrom) {
        return new Fallback(false, order, newerFrom);
    }
}
