package org.recloop.agents.command;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recloop.core.command.FeedConstraint;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;
import org.recloop.core.world.Catalog;

/**
 * Reads the command templates rule users say (case-insensitive, an optional "for N ticks" at the
 * end sets the duration):
 * <pre>
 *   less of topic T | more of topic T
 *   nothing from creator C | more from creator C
 *   not item I | more like item I
 *   less from people I follow | more from people I follow
 * </pre>
 * "less", "nothing" and "not" exclude; "more" boosts. Ids must exist in the catalog (a topic below
 * the catalog's topic count, a creator some item has, an item id below its size). Anything else
 * is not a command of these templates: empty. Stateless; thread-safe.
 */
public final class RulesCommandParser {

    private static final Pattern TOPIC = Pattern.compile("(less|more) of topic (\\d+)");
    private static final Pattern CREATOR = Pattern.compile("(nothing|more) from creator (\\d+)");
    private static final Pattern ITEM = Pattern.compile("(not|more like) item (\\d+)");
    private static final Pattern FOLLOWED = Pattern.compile("(less|more) from people i follow");
    private static final Pattern DURATION = Pattern.compile("^(.*?)\\s+for (\\d+) ticks?$");

    private final CatalogTerms terms;
    private final int duration;

    /**
     * @param terms what the catalog holds (topics, creators, items)
     * @param duration ticks a command lasts unless it says; 0 = for the rest of the run
     */
    public RulesCommandParser(CatalogTerms terms, int duration) {
        this.terms = terms;
        this.duration = duration;
    }

    /** The constraint {@code text}, said at {@code tick}, names; empty when it is no template or names no catalog id. */
    public Optional<FeedConstraint> parse(String text, int tick) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "").replaceAll("\\s+", " ");
        int ticks = duration;
        Matcher d = DURATION.matcher(t);
        if (d.matches()) {
            t = d.group(1);
            ticks = Integer.parseInt(d.group(2));
            if (ticks <= 0) {
                return Optional.empty();
            }
        }
        Matcher m;
        Kind kind;
        Target target;
        int value;
        if ((m = TOPIC.matcher(t)).matches()) {
            kind = m.group(1).equals("less") ? Kind.EXCLUDE : Kind.BOOST;
            target = Target.TOPIC;
        } else if ((m = CREATOR.matcher(t)).matches()) {
            kind = m.group(1).equals("nothing") ? Kind.EXCLUDE : Kind.BOOST;
            target = Target.CREATOR;
        } else if ((m = ITEM.matcher(t)).matches()) {
            kind = m.group(1).equals("not") ? Kind.EXCLUDE : Kind.BOOST;
            target = Target.ITEM;
        } else if ((m = FOLLOWED.matcher(t)).matches()) {
            return Optional.of(constraint(m.group(1).equals("less") ? Kind.EXCLUDE : Kind.BOOST, Target.FOLLOWED, -1,
                    tick, ticks));
        } else {
            return Optional.empty();
        }
        try {
            value = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return terms.problem(target, value).isPresent() ? Optional.empty()
                : Optional.of(constraint(kind, target, value, tick, ticks));
    }

    /** A constraint said at {@code tick}: in force from the next tick for {@code ticks} ticks (0: for ever). */
    static FeedConstraint constraint(Kind kind, Target target, int value, int tick, int ticks) {
        int from = tick + 1;
        int until = ticks == 0 || (long) from + ticks > Integer.MAX_VALUE ? Integer.MAX_VALUE : from + ticks;
        return new FeedConstraint(kind, target, value, from, until);
    }

    /** The template text of a constraint (what a rule user says). */
    public static String text(Kind kind, Target target, int value) {
        boolean ex = kind == Kind.EXCLUDE;
        return switch (target) {
            case TOPIC -> (ex ? "less" : "more") + " of topic " + value;
            case CREATOR -> (ex ? "nothing" : "more") + " from creator " + value;
            case ITEM -> (ex ? "not" : "more like") + " item " + value;
            case FOLLOWED -> (ex ? "less" : "more") + " from people I follow";
        };
    }

    /** What ids the catalog holds, for validating parsed values. */
    public record CatalogTerms(int topics, java.util.BitSet creators, int items) {

        /** The terms of {@code catalog} now. */
        public static CatalogTerms of(Catalog catalog) {
            java.util.BitSet creators = new java.util.BitSet();
            int topics = 0;
            for (int i = 0; i < catalog.size(); i++) {
                if (catalog.creator(i) >= 0) {
                    creators.set(catalog.creator(i));
                }
                topics = Math.max(topics, catalog.topic(i) + 1);
            }
            return new CatalogTerms(topics, creators, catalog.size());
        }

        /** Why {@code value} names nothing of the catalog for {@code target}; empty when it does. */
        public Optional<String> problem(Target target, int value) {
            return switch (target) {
                case TOPIC -> value >= 0 && value < topics ? Optional.empty()
                        : Optional.of("topic " + value + " does not exist (topics are 0.." + (topics - 1) + ")");
                case CREATOR -> value >= 0 && creators.get(value) ? Optional.empty()
                        : Optional.of("creator " + value + " has no item in the catalog");
                case ITEM -> value >= 0 && value < items ? Optional.empty()
                        : Optional.of("item " + value + " does not exist (items are 0.." + (items - 1) + ")");
                case FOLLOWED -> value == -1 ? Optional.empty() : Optional.of("followed takes no value");
            };
        }
    }
}
