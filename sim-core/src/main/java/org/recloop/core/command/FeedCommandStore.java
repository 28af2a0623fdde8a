package org.recloop.core.command;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.SocialGraph;

/**
 * The kernel's per-user store of feed constraints. Commands of a tick are {@linkplain #issue
 * issued} in the Log phase (their constraints start at the next tick); each Serve phase reads the
 * {@linkplain #view view} of its tick.
 *
 * <p>A user's newer constraint on the same target and value replaces the older one whatever its
 * kind ("more from X" after "nothing from X" lifts the exclusion): a user's last word counts.
 * Expired constraints are dropped as views pass them.
 *
 * <p>Determinism: users are kept in id order and their constraints in issue order, so a view
 * depends only on the commands and the tick. Threading: simulation thread only.
 */
public final class FeedCommandStore implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<Integer, List<FeedConstraint>> byUser = new TreeMap<>();

    /** Adds the constraints of {@code commands} (those without one are only logged); returns them. */
    public List<FeedCommand> issue(List<FeedCommand> commands) {
        for (FeedCommand c : commands) {
            c.constraint().ifPresent(k -> {
                List<FeedConstraint> list = byUser.computeIfAbsent(c.user(), u -> new ArrayList<>());
                list.removeIf(o -> o.target() == k.target() && o.value() == k.value());
                list.add(k);
            });
        }
        return commands;
    }

    /** The constraints in force at {@code tick}, matched against {@code catalog} and {@code graph}. */
    public FeedConstraints view(int tick, Catalog catalog, SocialGraph graph) {
        if (byUser.isEmpty()) {
            return FeedConstraints.NONE;
        }
        List<Integer> users = new ArrayList<>();
        List<FeedConstraint[]> rules = new ArrayList<>();
        var it = byUser.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, List<FeedConstraint>> e = it.next();
            e.getValue().removeIf(c -> c.untilTick() <= tick);
            if (e.getValue().isEmpty()) {
                it.remove();
                continue;
            }
            FeedConstraint[] active = e.getValue().stream().filter(c -> c.activeAt(tick))
                    .toArray(FeedConstraint[]::new);
            if (active.length > 0) {
                users.add(e.getKey());
                rules.add(active);
            }
        }
        if (users.isEmpty()) {
            return FeedConstraints.NONE;
        }
        return new FeedConstraints(users.stream().mapToInt(Integer::intValue).toArray(),
                rules.toArray(FeedConstraint[][]::new), catalog, graph);
    }
}
