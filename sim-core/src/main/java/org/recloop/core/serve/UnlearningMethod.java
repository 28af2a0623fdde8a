package org.recloop.core.serve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a recommender forgets the data of a {@link org.recloop.core.log.ForgetRequest}.
 *
 * <ul>
 *   <li>{@link #EXACT}: a full refit on what remains; every recommender can do it, and it is the
 *       reference the other methods are measured against;</li>
 *   <li>{@link #SHARDED}: retrain only the sub-models whose shard held the data (SISA); exact
 *       with respect to the sharded model, cheaper by about the number of shards;</li>
 *   <li>{@link #FINETUNE}: a bounded number of steps with a reverse objective on the forgotten
 *       pairs, starting from the current model; approximate, much cheaper than a refit.</li>
 * </ul>
 */
public enum UnlearningMethod {
    EXACT, SHARDED, FINETUNE;

    /** The name used in scenario files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code id} (as in {@link #id()}). */
    public static UnlearningMethod of(String id) {
        for (UnlearningMethod m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of " + names() + ", was '" + id + "'");
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(UnlearningMethod::id).collect(Collectors.joining(", "));
    }
}
