package org.recloop.scenarios.fit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parameter of the fitted world, with the box the search keeps it in and where it goes in the
 * scenario. The box keeps the search away from degenerate worlds (a click on every slate, or on
 * none) and makes the logistic map of the optimiser well defined.
 */
public enum FitParameter {
    /** MNL sensitivity to true utility ({@code users.beta}). */
    BETA("beta", 0.0, 60.0, 5.0, true),
    /** Utility of the outside option, no click ({@code users.noClickUtility}). */
    NO_CLICK_UTILITY("noClickUtility", -1.0, 1.5, 0.4, true),
    /** Exponent of the position bias 1/(r+1)^d ({@code users.positionDecay}). */
    POSITION_DECAY("positionDecay", 0.0, 2.0, 0.7, true),
    /** Weight of the item's quality (its scaled mean rating) in the utility ({@code users.qualityWeight}). */
    QUALITY_WEIGHT("qualityWeight", -1.0, 3.0, 0.0, true),
    /** Mean arrivals per tick ({@code world.population.meanActivity}); default: see {@link WorldFit}. */
    MEAN_ACTIVITY("meanActivity", 0.001, 5.0, Double.NaN, false),
    /** Spread of activity with the number of ratings ({@code world.population.activityExponent}). */
    ACTIVITY_EXPONENT("activityExponent", 0.0, 3.0, 1.0, false);

    /** What {@code --fit} fits when not told. */
    public static final Set<FitParameter> DEFAULT_FIT = EnumSet.of(BETA, NO_CLICK_UTILITY, QUALITY_WEIGHT, ACTIVITY_EXPONENT);

    private final String key;
    private final double lower;
    private final double upper;
    private final double start;
    private final boolean users;

    FitParameter(String key, double lower, double upper, double start, boolean users) {
        this.key = key;
        this.lower = lower;
        this.upper = upper;
        this.start = start;
        this.users = users;
    }

    /** Its name in the scenario and on the command line. */
    public String key() {
        return key;
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    /** The value used when it is neither fitted nor fixed (NaN: derived from the data). */
    public double start() {
        return start;
    }

    /** True for a parameter of {@code users:}, false for one of {@code world.population:}. */
    public boolean ofUsers() {
        return users;
    }

    /** The parameter named {@code key}, or an exception listing the known names. */
    public static FitParameter of(String key) {
        for (FitParameter p : values()) {
            if (p.key.equals(key.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter '" + key.trim() + "' (known: " + names() + ")");
    }

    /** The known names, comma-separated. */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (FitParameter p : values()) {
            n.add(p.key);
        }
        return String.join(", ", n);
    }

    /** Checks that {@code v} lies in the box. */
    public double check(double v) {
        if (!(v >= lower && v <= upper)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in [%s, %s], was %s", key,
                    lower, upper, v));
        }
        return v;
    }
}
