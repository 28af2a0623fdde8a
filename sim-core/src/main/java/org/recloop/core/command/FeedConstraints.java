package org.recloop.core.command;

import java.util.Arrays;
import java.util.List;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.SocialGraph;

/**
 * The feed constraints in force for one tick's slates, per user: what serving reads. Immutable
 * (a snapshot of the {@link FeedCommandStore}); matching reads the catalog's topic and creator of
 * an item and, for {@code followed}, the live follow graph, which nothing changes during Serve.
 *
 * <p>Cost: a user without constraints costs one binary search over the (few) commanding users,
 * and {@link #NONE} (no user has any) costs one length check, so serving pays nothing in runs
 * without commands. Threading: read concurrently by the serving chunks.
 */
public final class FeedConstraints {

    /** No constraints for anybody. */
    public static final FeedConstraints NONE = new FeedConstraints(new int[0], new FeedConstraint[0][], null, null);

    private final int[] users; // ascending
    private final FeedConstraint[][] rules; // rules[i] of users[i]
    private final Catalog catalog;
    private final SocialGraph graph;

    FeedConstraints(int[] users, FeedConstraint[][] rules, Catalog catalog, SocialGraph graph) {
        this.users = users;
        this.rules = rules;
        this.catalog = catalog;
        this.graph = graph;
    }

    /** True when no user has a constraint in force. */
    public boolean isEmpty() {
        return users.length == 0;
    }

    /** The users with a constraint in force, ascending. */
    public int[] users() {
        return users.clone();
    }

    /** The constraints in force for {@code user}, in the order they were issued. */
    public List<FeedConstraint> of(int user) {
        int i = users.length == 0 ? -1 : Arrays.binarySearch(users, user);
        return i < 0 ? List.of() : List.of(rules[i]);
    }

    /** Whether an exclude constraint of {@code user} matches {@code item} (an id of the catalog). */
    public boolean excludes(int user, int item) {
        return users.length != 0 && any(user, item, FeedConstraint.Kind.EXCLUDE);
    }

    /** Whether a boost constraint of {@code user} matches {@code item} (an id of the catalog). */
    public boolean boosts(int user, int item) {
        return users.length != 0 && any(user, item, FeedConstraint.Kind.BOOST);
    }

    /** Whether {@code user} has a boost constraint in force. */
    public boolean hasBoost(int user) {
        return has(user, FeedConstraint.Kind.BOOST);
    }

    /** Whether {@code user} has an exclude constraint in force. */
    public boolean hasExclude(int user) {
        return has(user, FeedConstraint.Kind.EXCLUDE);
    }

    private boolean has(int user, FeedConstraint.Kind kind) {
        int i = users.length == 0 ? -1 : Arrays.binarySearch(users, user);
        if (i < 0) {
            return false;
        }
        for (FeedConstraint c : rules[i]) {
            if (c.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private boolean any(int user, int item, FeedConstraint.Kind kind) {
        int i = Arrays.binarySearch(users, user);
        if (i < 0) {
            return false;
        }
        for (FeedConstraint c : rules[i]) {
            if (c.kind() == kind && matches(c, user, item)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code item} is one that constraint {@code c} of {@code user} names. */
    public boolean matches(FeedConstraint c, int user, int item) {
        return switch (c.target()) {
            case ITEM -> item == c.value();
            case TOPIC -> catalog.topic(item) == c.value();
            case CREATOR -> catalog.creator(item) == c.value();
            case FOLLOWED -> {
                int creator = catalog.creator(item);
                yield creator >= 0 && creator < graph.users() && graph.follows(user, creator);
            }
        };
    }
}
