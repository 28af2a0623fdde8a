package org.recloop.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.recloop.core.act.UserGroup;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.ClickProbabilities;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserModel;
import org.recloop.core.react.UserStateRows;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * The kernel's user model: routes each user to the model of their group. Group 0 is the users
 * that existed at the start, answered by the scenario's model; each block of accounts an
 * intervention adds is a new group with a model of its own, and an intervention may give a group
 * another model. Groups are consecutive id ranges in the order they were made, so a chunk of
 * slates (in user id order) splits into at most a few runs, one per group.
 *
 * <p>With one group (every run that adds no accounts) each call goes straight to the scenario's
 * model, so such runs behave exactly as before groups existed.
 *
 * <p>Determinism: a chunk's runs answer into buffers of their own that are joined in slate
 * order; {@link #afterTick} and the drains go group by group in group order.
 */
final class UserGroups implements UserModel {

    private record Group(int from, int to, UserModel model) {}

    private final List<Group> groups = new ArrayList<>();

    UserGroups(UserModel base) {
        groups.add(new Group(0, 0, base));
    }

    @Override
    public void init(World world, RandomStreams streams) {
        Group g = groups.get(0);
        groups.set(0, new Group(0, world.population().size(), g.model()));
        g.model().init(world, streams);
    }

    int count() {
        return groups.size();
    }

    UserGroup group(int index) {
        if (index < 0 || index >= groups.size()) {
            throw new IllegalArgumentException("no user group " + index + "; the run has groups 0.."
                    + (groups.size() - 1) + " (0 = the users at the start, then one per add-users, in order)");
        }
        Group g = groups.get(index);
        return new UserGroup(index, g.from(), g.to());
    }

    /**
     * Makes users {@code [from, to)} (just added, after every existing group) a new group answered
     * by {@code model}, which is initialised for them.
     */
    UserGroup add(World world, RandomStreams streams, int from, int to, UserModel model) {
        Group last = groups.get(groups.size() - 1);
        if (from != last.to()) {
            throw new IllegalStateException("new group [" + from + ", " + to + ") does not follow the last one");
        }
        for (Group g : groups) {
            confinable(g.model(), "answer for the users at the start next to added accounts");
        }
        confinable(model, "answer for added accounts");
        ((UserGroupModel) model).initGroup(world, streams, from, to);
        groups.add(new Group(from, to, model));
        return new UserGroup(groups.size() - 1, from, to);
    }

    /**
     * Gives a group another model, initialised for the group's users; the old model is dropped
     * with its per-user state.
     */
    void replace(World world, RandomStreams streams, int index, UserModel model) {
        UserGroup g = group(index);
        confinable(model, "answer for one group of users");
        if (groups.size() > 1) {
            for (Group other : groups) {
                confinable(other.model(), "answer for its group next to other groups");
            }
        }
        ((UserGroupModel) model).initGroup(world, streams, g.from(), g.to());
        groups.set(index, new Group(g.from(), g.to(), model));
    }

    private static void confinable(UserModel m, String what) {
        if (!(m instanceof UserGroupModel)) {
            throw new IllegalStateException("user model " + m.getClass().getSimpleName() + " cannot " + what
                    + ": it does not implement UserGroupModel (it may keep state for, or act on, every user)");
        }
    }

    private int groupOf(int user) {
        int lo = 0;
        int hi = groups.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (groups.get(mid).from() <= user) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The true click probabilities of slates {@code [from, to)} ({@link ClickProbabilities}), each
     * run of slates asked of its group's model; NaN for the users of a model that cannot tell.
     */
    void clickProbabilities(ReactContext ctx, SlateBatch slates, int from, int to, float[] out) {
        int k = slates.k();
        int s = from;
        while (s < to) {
            int g = groupOf(slates.user(s));
            int e = s + 1;
            while (e < to && groupOf(slates.user(e)) == g) {
                e++;
            }
            if (groups.get(g).model() instanceof ClickProbabilities m) {
                m.clickProbabilities(ctx, slates, s, e, out);
            } else {
                java.util.Arrays.fill(out, s * k, e * k, Float.NaN);
            }
            s = e;
        }
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        if (groups.size() == 1) {
            return groups.get(0).model().react(ctx, slates, from, to, out);
        }
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        List<EventBuffer> parts = new ArrayList<>();
        int s = from;
        while (s < to) {
            int g = groupOf(slates.user(s));
            int e = s + 1;
            while (e < to && groupOf(slates.user(e)) == g) {
                e++;
            }
            if (s == from && e == to) {
                return groups.get(g).model().react(ctx, slates, from, to, out);
            }
            EventBuffer part = new EventBuffer(Math.max(16, (e - s) * 2));
            parts.add(part);
            stages.add(groups.get(g).model().react(ctx, slates, s, e, part).toCompletableFuture());
            s = e;
        }
        return CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).thenRun(() -> {
            for (EventBuffer p : parts) {
                out.addAll(p);
            }
        });
    }

    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        for (Group g : groups) {
            g.model().afterTick(ctx, slates, events);
        }
    }

    @Override
    public List<ModelCall> drainModelCalls() {
        if (groups.size() == 1) {
            return groups.get(0).model().drainModelCalls();
        }
        List<ModelCall> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.model().drainModelCalls());
        }
        return all;
    }

    @Override
    public List<org.recloop.core.log.ConversationTurn> drainConversations() {
        List<org.recloop.core.log.ConversationTurn> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.model().drainConversations());
        }
        return all;
    }

    @Override
    public List<org.recloop.core.command.FeedCommand> drainFeedCommands() {
        List<org.recloop.core.command.FeedCommand> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.model().drainFeedCommands());
        }
        return all;
    }

    @Override
    public List<AgentText> drainTexts() {
        if (groups.size() == 1) {
            return groups.get(0).model().drainTexts();
        }
        List<AgentText> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.model().drainTexts());
        }
        return all;
    }

    /**
     * Writes the per-user state of {@code users} (ascending) group by group ({@link UserStateRows});
     * a group's model that cannot write its users' state stops it with the model's name.
     */
    void writeUsers(int[] users, java.io.DataOutput out) throws java.io.IOException {
        forEachGroupRun(users, (model, run) -> rows(model).writeUsers(run, out));
    }

    /** Reads what {@link #writeUsers} wrote for the same users. */
    void readUsers(int[] users, java.io.DataInput in) throws java.io.IOException {
        forEachGroupRun(users, (model, run) -> rows(model).readUsers(run, in));
    }

    /**
     * Refuses, after {@code context} (e.g. the intervention that added the group), when a group's
     * model cannot move its users' state between copies of the run, naming every such model.
     */
    void requireStateRows(String context) {
        requireStateRows(context, groups.stream().map(Group::model).toList());
    }

    /** As {@link #requireStateRows(String)}, for {@code models} (e.g. those an intervention will bring in). */
    static void requireStateRows(String context, List<UserModel> models) {
        List<String> missing = new ArrayList<>();
        for (UserModel m : models) {
            if (!(m instanceof UserStateRows r && r.movesUserState())) {
                missing.add(name(m));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(context + "user model " + String.join(", ", missing) + " cannot run on"
                    + " another engine: its users' state cannot be moved between copies of the run (UserStateRows)");
        }
    }

    /** A model's class name, with the models it wraps: {@code FeedCommandUserModel around MnlUserModel}. */
    private static String name(UserModel m) {
        String n = m.getClass().getSimpleName();
        return m instanceof org.recloop.core.react.WrappingUserModel w ? n + " around " + name(w.users()) : n;
    }

    private static UserStateRows rows(UserModel m) {
        if (m instanceof UserStateRows r && r.movesUserState()) {
            return r;
        }
        throw new IllegalStateException("user model " + m.getClass().getSimpleName() + " cannot move its users'"
                + " state between copies of the run (it does not implement UserStateRows)");
    }

    private interface RunAction {
        void apply(UserModel model, int[] run) throws java.io.IOException;
    }

    private void forEachGroupRun(int[] users, RunAction action) throws java.io.IOException {
        int s = 0;
        while (s < users.length) {
            int g = groupOf(users[s]);
            int e = s + 1;
            while (e < users.length && groupOf(users[e]) == g) {
                e++;
            }
            action.apply(groups.get(g).model(), s == 0 && e == users.length ? users : java.util.Arrays.copyOfRange(users, s, e));
            s = e;
        }
    }
}
