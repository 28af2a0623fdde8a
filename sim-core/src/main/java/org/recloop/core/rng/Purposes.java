package org.recloop.core.rng;

/**
 * Purpose identifiers used by the kernel. Components define their own with
 * {@link RandomStreams#purpose(String)}; a purpose name should be unique to its component
 * ("recommender.als.init"), so adding a component never shifts another's draws.
 */
public final class Purposes {
    public static final long ARRIVE = RandomStreams.purpose("kernel.arrive");
    public static final long SERVE = RandomStreams.purpose("kernel.serve");
    public static final long REACT = RandomStreams.purpose("kernel.react");
    public static final long WORLD_ITEMS = RandomStreams.purpose("world.items");
    public static final long WORLD_USERS = RandomStreams.purpose("world.users");
    public static final long WORLD_GRAPH = RandomStreams.purpose("world.graph");
    public static final long METRICS = RandomStreams.purpose("metrics");

    private Purposes() {}
}
