package org.recloop.core.sim;

import java.util.Objects;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.NewItems;
import org.recloop.core.act.NewUsers;
import org.recloop.core.act.UserGroup;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.World;

/**
 * An {@link ActContext} that carries out only the users' side of interventions: accounts, items,
 * retirements, user groups and what forgetting removes from the world. Nothing is logged and the
 * recommender is left alone. A copy of the users (another engine's executor) repeats the kernel's
 * interventions through it; the kernel's {@link KernelActContext} adds the log and the recommender
 * to the same changes, so both make them alike.
 */
class UsersActContext implements ActContext {

    private final int tick;
    private final World world;
    private final RandomStreams streams;
    private final UserGroups groups;

    UsersActContext(int tick, World world, RandomStreams streams, UserGroups groups) {
        this.tick = tick;
        this.world = world;
        this.streams = streams;
        this.groups = groups;
    }

    @Override
    public int tick() {
        return tick;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public RandomStreams streams() {
        return streams;
    }

    /** The serving model reaches a copy from the kernel: nothing to do here. */
    @Override
    public void replaceRecommender(Recommender recommender, String name) {}

    @Override
    public UserGroup addUsers(int count, NewUsers rows, UserModel model) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, was " + count);
        }
        Objects.requireNonNull(model, "model");
        int from = world.addUsers(count);
        rows.fill(world, from, from + count);
        return groups.add(world, streams, from, from + count, model);
    }

    @Override
    public int addItems(NewItems items) {
        int from = world.catalog().size();
        items.addTo(world.catalog());
        return from;
    }

    @Override
    public void retireItems(int[] items) {
        for (int i : items) {
            world.catalog().retire(i);
        }
    }

    @Override
    public int groupCount() {
        return groups.count();
    }

    @Override
    public UserGroup group(int index) {
        return groups.group(index);
    }

    @Override
    public void setGroupModel(int group, UserModel model) {
        groups.replace(world, streams, group, Objects.requireNonNull(model, "model"));
    }

    /** The world's part of forgetting (the kernel checked the request and the recommender). */
    @Override
    public void forget(ForgetRequest request, UnlearningMethod method) {
        WorldForgetting.check(world, request);
        WorldForgetting.apply(world, request);
    }
}
