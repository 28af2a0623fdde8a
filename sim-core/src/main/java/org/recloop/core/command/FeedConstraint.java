package org.recloop.core.command;

import java.util.Locale;
import java.util.Objects;

/**
 * One structured feed constraint of one user: exclude or boost the items that match a target, for
 * the ticks {@code [fromTick, untilTick)}.
 *
 * <p>Targets: {@code topic} (the catalog's topic id), {@code creator} (the item's creator or
 * provider id, the author of a post), {@code item} (one item id), {@code followed} (items whose
 * creator the user follows now; {@code value} is unused, -1).
 *
 * @param kind exclude or boost
 * @param target what the value names
 * @param value the topic, creator or item id; -1 for {@code followed}
 * @param fromTick first tick whose slates honour it (the tick after the command)
 * @param untilTick first tick whose slates no longer do ({@link Integer#MAX_VALUE}: for the run)
 */
public record FeedConstraint(Kind kind, Target target, int value, int fromTick, int untilTick) {

    /** What a constraint does to matching items. */
    public enum Kind {
        /** Never served while the constraint is active. */
        EXCLUDE,
        /** Moved ahead in the slate, and one put on it when none was ({@link org.recloop.core.serve.FeedBoost}). */
        BOOST;

        /** The lower-case name used in logs and parser answers. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a constraint's value names. */
    public enum Target {
        TOPIC, CREATOR, ITEM, FOLLOWED;

        /** The lower-case name used in logs and parser answers. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The target of a label ({@code topic}, {@code creator}, {@code item}, {@code followed}). */
        public static Target of(String label) {
            for (Target t : values()) {
                if (t.label().equals(label)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown target '" + label + "' (topic, creator, item or followed)");
        }
    }

    public FeedConstraint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        if (target == Target.FOLLOWED ? value != -1 : value < 0) {
            throw new IllegalArgumentException("value " + value + " for target " + target.label()
                    + (target == Target.FOLLOWED ? " (must be -1)" : " (must be an id >= 0)"));
        }
        if (untilTick <= fromTick) {
            throw new IllegalArgumentException("untilTick " + untilTick + " <= fromTick " + fromTick);
        }
    }

    /** Whether the constraint is in force for the slates of {@code tick}. */
    public boolean activeAt(int tick) {
        return fromTick <= tick && tick < untilTick;
    }
}
