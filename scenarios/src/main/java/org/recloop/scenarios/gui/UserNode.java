package org.recloop.scenarios.gui;

import java.util.Locale;
import org.recloop.core.capability.AgentMemories;
import org.recloop.core.react.EventType;
import org.recloop.core.world.Population;
import org.recloop.core.world.RecentActivity;
import org.recloop.core.world.World;

/**
 * One drawn user, as MASON's inspector shows it: every getter is a read-only property read live
 * when the inspector refreshes (MASON refreshes inspectors on Swing's thread holding the schedule's
 * lock, between ticks).
 */
public final class UserNode {

    private static final int SHOWN_ITEMS = 20;

    /**
     * Where an inspector finds what the world does not hold.
     *
     * @param trail recent slates and events (a replay reads them from the log, a live run records
     *     them for the drawn users), or null
     * @param memories the user model's agent memories (a live run whose model has any), or null
     * @param lock the lock the model is stepped under (its schedule): memories are read holding it
     */
    record Sources(UserTrail trail, AgentMemories memories, Object lock) {
        static final Sources NONE = new Sources(null, null, new Object());

        Sources {
            lock = lock == null ? new Object() : lock;
        }
    }

    private final World world;
    private final int id;
    private final UserTrail trail;
    private final AgentMemories memories;
    private final Object lock;

    UserNode(World world, int id, Sources sources) {
        this.world = world;
        this.id = id;
        this.trail = sources.trail();
        this.memories = sources.memories();
        this.lock = sources.lock();
    }

    /** @param trail the user's recent slates and events, or null */
    UserNode(World world, int id, UserTrail trail) {
        this(world, id, new Sources(trail, null, null));
    }

    UserNode(World world, int id) {
        this(world, id, Sources.NONE);
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

    /**
     * The last slates the user was shown, as "tick N: [items in position order]", oldest first. A
     * live run records them only for the users drawn on the map; for another user (a followee on
     * the graph display) one line says so.
     */
    public String[] getRecentSlates() {
        if (trail == null) {
            return new String[0];
        }
        return trail.tracks(id) ? trail.slates(id) : new String[] {NOT_RECORDED};
    }

    static final String NOT_RECORDED = "not recorded: only users drawn on the preference map are";

    /** The property list leaves the lists to {@link UserInspector}, which writes them out a line each. */
    public boolean hideRecentSlates() {
        return true;
    }

    /** The user's last logged events (clicks, skips, follows ...), oldest first. */
    public String[] getRecentEvents() {
        if (trail == null) {
            return new String[0];
        }
        return trail.tracks(id) ? trail.events(id) : new String[] {NOT_RECORDED};
    }

    public boolean hideRecentEvents() {
        return true;
    }

    /**
     * What the user's LLM agent remembers (observations and reflections), oldest first, as
     * "tick N, importance I: text"; empty for a rule-driven user. Read holding the model's lock,
     * so never while the agents' steps change it.
     */
    public String[] getMemory() {
        if (memories == null) {
            return new String[0];
        }
        synchronized (lock) {
            return memories.memory(id).toArray(new String[0]);
        }
    }

    public boolean hideMemory() {
        return true;
    }

    /** True when the run's user model has agent memories (an LLM model): the inspector shows them. */
    boolean hasMemory() {
        return memories != null;
    }

    /** Arrays read badly in a property list ({@code double[]@49dd9faa}): {@link UserInspector} writes them out. */
    public boolean hidePreference() {
        return true;
    }

    public boolean hideRecentlyConsumed() {
        return true;
    }

    public boolean hideRecentEngagements() {
        return true;
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
