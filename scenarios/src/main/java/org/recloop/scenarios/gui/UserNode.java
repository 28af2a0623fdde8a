package org.recloop.scenarios.gui;

import java.util.Locale;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.World;

/**
 * One drawn user, as MASON's inspector shows it: every getter is a read-only property read live
 * from the world when the inspector refreshes (between ticks, on the model thread).
 */
public final class UserNode {

    private static final int SHOWN_ITEMS = 20;

    private final World world;
    private final int id;
    private final UserTrail trail;

    /** @param trail the user's recent slates and events (a replay reads them from the log), or null */
    UserNode(World world, int id, UserTrail trail) {
        this.world = world;
        this.id = id;
        this.trail = trail;
    }

    UserNode(World world, int id) {
        this(world, id, null);
    }

    int id() {
        return id;
    }

    public int getId() {
        return id;
    }

    /** The archetype index (scenario's {@code users.archetypes} order); colours the user on the map. */
    public int getArchetype() {
        return world.population().archetype(id);
    }

    public String getStatus() {
        return switch (world.population().status(id)) {
            case Population.ACTIVE -> "active";
            case Population.CHURNED -> "churned";
            case Population.FORGOTTEN -> "forgotten";
            default -> "unknown";
        };
    }

    /** True for an account an attack created (ground truth; recommenders never see it). */
    public boolean isFake() {
        return world.groundTruth().fake(id);
    }

    /** Expected sessions per tick. */
    public double getActivity() {
        return world.population().activity(id);
    }

    /** The true preference vector (latent space), as it has drifted so far. */
    public double[] getPreference() {
        int dim = world.population().dim();
        float[] p = new float[dim];
        world.population().preference(id, p);
        double[] out = new double[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = p[d];
        }
        return out;
    }

    public int getConsumedCount() {
        return world.history().size(id);
    }

    /** The last items consumed, newest last. */
    public int[] getRecentlyConsumed() {
        int n = world.history().size(id);
        int from = Math.max(0, n - SHOWN_ITEMS);
        int[] out = new int[n - from];
        for (int i = from; i < n; i++) {
            out[i - from] = world.history().item(id, i);
        }
        return out;
    }

    /** Recent visible engagements (posts, shares, likes) as "tick N: type item I", oldest first. */
    public String[] getRecentEngagements() {
        RecentActivity a = world.activity();
        if (id >= a.users()) {
            return new String[0];
        }
        int n = a.count(id);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            EventType t = EventType.ofCode(a.typeCode(id, i));
            out[i] = String.format(Locale.ROOT, "tick %d: %s item %d", a.tick(id, i),
                    t == null ? "?" : t.name().toLowerCase(Locale.ROOT), a.item(id, i));
        }
        return out;
    }

    /** The last slates the user was shown, as "tick N: [items in position order]", oldest first. */
    public String[] getRecentSlates() {
        return trail == null ? new String[0] : trail.slates(id);
    }

    public boolean hideRecentSlates() {
        return trail == null;
    }

    /** The user's last logged events (clicks, skips, follows ...), oldest first. */
    public String[] getRecentEvents() {
        return trail == null ? new String[0] : trail.events(id);
    }

    public boolean hideRecentEvents() {
        return trail == null;
    }

    /** How many accounts this user follows. */
    public int getFollowing() {
        return id < world.graph().users() ? world.graph().outDegree(id) : 0;
    }

    @Override
    public String toString() {
        return "user " + id;
    }
}
