package org.recloop.core.config;

/** Range checks for compact constructors of parameter records; they throw {@link InvalidParameterException}. */
public final class Check {
    private Check() {}

    public static int positive(String field, int v) {
        if (v <= 0) {
            throw new InvalidParameterException(field, "must be > 0, was " + v);
        }
        return v;
    }

    public static int nonNegative(String field, int v) {
        if (v < 0) {
            throw new InvalidParameterException(field, "must be >= 0, was " + v);
        }
        return v;
    }

    /**
     * {@code v} if it is at most {@code max}, RecLoop's stated limit for the field (a size near
     * 2^31 would overflow an index or run out of memory long after the run started).
     */
    public static int atMost(String field, int v, int max) {
        if (v > max) {
            throw new InvalidParameterException(field, "must be at most " + String.format(java.util.Locale.ROOT, "%,d", max)
                    + " (RecLoop's limit), was " + String.format(java.util.Locale.ROOT, "%,d", v));
        }
        return v;
    }

    public static double positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidParameterException(field, "must be a finite number > 0, was " + v);
        }
        return v;
    }

    public static double nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new InvalidParameterException(field, "must be a finite number >= 0, was " + v);
        }
        return v;
    }

    public static double finite(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidParameterException(field, "must be a finite number, was " + v);
        }
        return v;
    }

    public static double unit(String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidParameterException(field, "must be in [0, 1], was " + v);
        }
        return v;
    }
}
