package org.recloop.core.world;

/**
 * How the loaders of data files treat a row they cannot take as it is: a duplicate, a negative
 * rating, a self-follow (each loader's Javadoc lists its cases and the rule it applies).
 *
 * <ul>
 *   <li>lenient (the default): apply the loader's documented rule (drop the row, or merge it into
 *       the row with the same key) and count it in the file's {@link LoadReport};
 *   <li>strict: refuse the file at the first such row, with a {@code DataFileException} naming the
 *       file, the line, the column and the reason, so that a study never runs on data that was
 *       silently changed.
 * </ul>
 *
 * <p>Rows that are malformed (too few fields, a word where a number belongs) are refused in both
 * modes. The policy is passed to each source's {@code build} by the run that builds the world, never
 * held in a global, so runs in one JVM (a sweep) cannot disturb each other.
 *
 * @param strict refuse instead of dropping or merging
 */
public record LoadPolicy(boolean strict) {

    /** Drop or merge by the loader's rule, and report it. */
    public static final LoadPolicy LENIENT = new LoadPolicy(false);

    /** Refuse any row that would be dropped or merged. */
    public static final LoadPolicy STRICT = new LoadPolicy(true);
}
