package org.recloop.core.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.recloop.core.act.Intervention;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * The users' side of a simulation: the world, the user model (in groups), the feed commands in
 * force and the worker threads, with the per-user phases of a tick ({@link UserPhases}). The kernel
 * holds one; an engine that runs the users elsewhere holds another copy per executor, built from
 * the same scenario and seed, and keeps it equal to the kernel's by {@link #readRows reading} the
 * state rows of every tick's reacting users and {@link #closeTick closing} every tick as the kernel
 * does. Only the serving model comes from outside ({@link #runUsers}'s argument).
 */
public final class Replica {

    private final SimConfig config;
    private final World world;
    private final RandomStreams streams;
    private final UserGroups users;
    private final FeedCommandDesk commands = new FeedCommandDesk();
    private final List<Intervention> interventions;
    private Workers workers;
    private long[] scratchClicks = new long[0];

    /** A replica without interventions. */
    public Replica(SimConfig config, World world, RandomStreams streams, UserModel userModel) {
        this(config, world, streams, userModel, List.of());
    }

    /**
     * A replica whose user model is initialised here (archetypes, activity), as the kernel's is.
     *
     * @param interventions the run's scheduled interventions, in any order: kept sorted by tick
     *     (stable), the order the kernel applies them in and {@link #act} counts positions in
     */
    public Replica(SimConfig config, World world, RandomStreams streams, UserModel userModel,
            List<Intervention> interventions) {
        this.config = config;
        this.world = world;
        this.streams = streams;
        this.users = new UserGroups(userModel);
        this.users.init(world, streams);
        List<Intervention> sorted = new java.util.ArrayList<>(interventions);
        sorted.sort(java.util.Comparator.comparingInt(Intervention::tick));
        this.interventions = List.copyOf(sorted);
    }

    /** The run's interventions, sorted by tick. */
    public List<Intervention> interventions() {
        return interventions;
    }

    SimConfig config() {
        return config;
    }

    public World world() {
        return world;
    }

    public RandomStreams streams() {
        return streams;
    }

    UserGroups users() {
        return users;
    }

    FeedCommandDesk commands() {
        return commands;
    }

    /** The worker pool, started on first use. */
    Workers workers() {
        if (workers == null) {
            workers = new Workers(config.run().threads());
        }
        workers.start();
        return workers;
    }

    /** Stops the worker threads (a later tick starts them again). */
    public void stopWorkers() {
        if (workers != null) {
            workers.shutdown();
        }
    }

    /**
     * Arrive, Serve and React of {@code tick} for users {@code [from, to)} with {@code serving} as
     * the recommender; drains what the user model recorded for them.
     */
    public UsersTick runUsers(int tick, Recommender serving, int from, int to) {
        UserPhases phases = new UserPhases(this);
        int[] active = phases.arrive(tick, from, to);
        SlateBatch slates = phases.serve(tick, active, serving);
        UserPhases.Reaction r = phases.react(tick, slates);
        return new UsersTick(active, slates, r.events(), r.clickProbabilities(), users.drainModelCalls(),
                users.drainConversations(), users.drainFeedCommands(), users.drainTexts());
    }

    /**
     * The state rows of {@code active} (ascending): their Population rows (preference, activity,
     * archetype, status) and the user model's rows ({@link org.recloop.core.react.UserStateRows}).
     *
     * @throws IllegalStateException if a group's model cannot write its users' state
     */
    public byte[] writeRows(int[] active) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, active.length * (world.population().dim() * 4 + 8)));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Population pop = world.population();
            float[] pref = new float[pop.dim()];
            for (int u : active) {
                pop.preference(u, pref);
                for (float x : pref) {
                    out.writeFloat(x);
                }
                out.writeFloat(pop.activity(u));
                out.writeByte(pop.archetype(u));
                out.writeByte(pop.status(u));
            }
            users.writeUsers(active, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Sets the state of {@code active} to what {@link #writeRows} wrote for them on another copy. */
    public void readRows(int[] active, byte[] rows) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(rows))) {
            Population pop = world.population();
            float[] prefs = pop.preferences();
            int dim = pop.dim();
            for (int u : active) {
                for (int d = 0; d < dim; d++) {
                    prefs[u * dim + d] = in.readFloat();
                }
                pop.setActivity(u, in.readFloat());
                pop.setArchetype(u, in.readByte());
                pop.setStatus(u, in.readByte());
            }
            users.readUsers(active, in);
            if (in.read() != -1) {
                throw new IllegalStateException("state rows of " + active.length + " users longer than this replica reads:"
                        + " the copies' user models differ");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What follows React, on the kernel and on every copy alike: the user model's {@code
     * afterTick} over all of the tick's slates and React's events (which it may extend), then the
     * platform's effects. {@code itemClicks} is asked for after afterTick (which may add items) and
     * gets the clicks per item added.
     *
     * @return the tick's clicks
     */
    long settle(int tick, SlateBatch slates, EventBuffer events, java.util.function.Supplier<long[]> itemClicks) {
        users.afterTick(new ReactContext(tick, world, streams), slates, events);
        return PlatformEffects.apply(world, events, tick, itemClicks.get());
    }

    /**
     * Repeats on a copy, after {@link #closeTick closing} {@code tick}, the users' side of the
     * interventions the kernel applied in that tick's Act phase ({@link UsersActContext}): new
     * accounts and their group's model, new and retired items, group models, forgetting.
     *
     * @param positions their positions in {@link #interventions()}, in the kernel's order
     * @throws IllegalStateException if a position names no intervention of {@code tick} that
     *     changes users: the copy was built from another scenario than the kernel's
     */
    public void act(int tick, int[] positions) {
        UsersActContext ctx = new UsersActContext(tick, world, streams, users);
        for (int p : positions) {
            Intervention iv = p >= 0 && p < interventions.size() ? interventions.get(p) : null;
            if (iv == null || iv.tick() != tick || !iv.changesUsers()) {
                throw new IllegalStateException("intervention " + p + " of tick " + tick + " is not one this copy"
                        + " has (" + interventions.size() + " interventions): the copy's scenario differs from the run's");
            }
            iv.apply(ctx);
        }
    }

    /**
     * Closes {@code tick} on a copy as the kernel closes it: the user model's {@code afterTick} over
     * all of the tick's slates and React's events (which it may extend), the platform's effects, and
     * the feed commands the users said (in force from the next tick).
     */
    public void closeTick(int tick, SlateBatch slates, EventBuffer events, List<FeedCommand> feedCommands) {
        settle(tick, slates, events, () -> {
            int items = world.catalog().size();
            if (scratchClicks.length < items) {
                scratchClicks = new long[items];
            }
            return scratchClicks;
        });
        // the kernel issues React's commands and then afterTick's, and logs its own copies of the
        // other rows afterTick recorded: here they are dropped
        List<FeedCommand> all = new java.util.ArrayList<>(feedCommands);
        all.addAll(users.drainFeedCommands());
        commands.issue(all);
        users.drainModelCalls();
        users.drainConversations();
        users.drainTexts();
    }
}
