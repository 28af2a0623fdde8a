package org.recloop.core.serve;

import java.util.Arrays;
import java.util.Locale;
import org.recloop.core.config.InvalidParameterException;

/**
 * What a popularity {@link Fallback} serves users the model has no scores for (no training clicks:
 * "cold" users). The items that complete a known user's slate are not affected.
 *
 * <p>Why it is a choice: the most clicked items are a safe guess on a platform whose audience
 * shares one taste, but in a world of distinct topics one slate of popular items serves one or two
 * topics and leaves the other users nothing they want; with a strong outside option such users
 * never click, so they never become known (docs/WORLDS.md, findings 7 and 8). {@link #RANDOM} and
 * {@link #DIVERSE} explore instead.
 */
public enum ColdUsers {
    /** The popularity order, then newer items by id (the behaviour before this option existed). */
    POPULAR,
    /**
     * Uniformly random unconsumed items from the serve stream of (user, tick), with propensities,
     * exactly as the random slates served before the first fit.
     */
    RANDOM,
    /**
     * The popularity order taking at most one item per topic (the catalog's {@link
     * org.recloop.core.world.Catalog#topic}), then, if the slate is not full, the popularity order
     * again without that cap, then newer items by id. Without a catalog or topics it is {@link
     * #POPULAR}.
     */
    DIVERSE;

    /** The scenario name of this option ({@code popular}, {@code random}, {@code diverse}). */
    public String scenarioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The option named {@code value} (case-insensitive); {@link #POPULAR} for null.
     *
     * @throws InvalidParameterException naming {@code field} for an unknown name
     */
    public static ColdUsers parse(String field, String value) {
        if (value == null) {
            return POPULAR;
        }
        for (ColdUsers c : values()) {
            if (c.scenarioName().equals(value.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new InvalidParameterException(field, "must be one of "
                + String.join(", ", Arrays.stream(values()).map(ColdUsers::scenarioName).toList())
                + ", was '" + value + "'");
    }
}
