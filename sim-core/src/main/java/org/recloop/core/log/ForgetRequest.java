package org.recloop.core.log;

import java.util.Arrays;
import java.util.Objects;

/**
 * A request to forget data (machine unlearning, the right to be forgotten), as the kernel hands
 * it to the {@link EventLog}.
 *
 * <p>Meaning, by scope:
 * <ul>
 *   <li>{@link Scope#USERS}: everything the listed users did (their events, the exposures shown
 *       to them, their texts and model calls) and what others did to them as a target (follows,
 *       messages);</li>
 *   <li>{@link Scope#ITEMS}: every event and exposure of the listed items;</li>
 *   <li>{@link Scope#INTERACTIONS}: the events of the listed (user, item) pairs.</li>
 * </ul>
 * From the request's tick on, forgotten rows never reach a reader again (fit, evaluate, metrics
 * replay, export); the log keeps one audit row per request with its scope, size, reason and
 * tick.
 *
 * @param scope what the ids name
 * @param ids user ids (USERS) or item ids (ITEMS); for INTERACTIONS the user of each pair
 * @param items for INTERACTIONS the item of each pair (same length as {@code ids}); empty otherwise
 * @param reason free text for the audit row (e.g. "GDPR art. 17 request")
 */
public record ForgetRequest(Scope scope, int[] ids, int[] items, String reason) {

    /** What a request forgets. */
    public enum Scope {
        USERS, ITEMS, INTERACTIONS
    }

    public ForgetRequest {
        Objects.requireNonNull(scope, "scope");
        ids = ids.clone();
        items = items == null ? new int[0] : items.clone();
        reason = reason == null ? "" : reason;
        if (scope == Scope.INTERACTIONS ? items.length != ids.length : items.length != 0) {
            throw new IllegalArgumentException(scope == Scope.INTERACTIONS
                    ? "an INTERACTIONS request needs one item per user, had " + ids.length + " users and "
                            + items.length + " items"
                    : "only an INTERACTIONS request names items");
        }
        for (int id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException("ids must be >= 0, had " + id);
            }
        }
    }

    /** Forget everything of these users. */
    public static ForgetRequest users(String reason, int... users) {
        return new ForgetRequest(Scope.USERS, users, null, reason);
    }

    /** Forget every interaction with these items. */
    public static ForgetRequest items(String reason, int... items) {
        return new ForgetRequest(Scope.ITEMS, items, null, reason);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForgetRequest f && f.scope == scope && Arrays.equals(f.ids, ids)
                && Arrays.equals(f.items, items) && f.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, Arrays.hashCode(ids), Arrays.hashCode(items), reason);
    }

    @Override
    public String toString() {
        return "forget " + scope.name().toLowerCase(java.util.Locale.ROOT) + " (" + ids.length + ")"
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
