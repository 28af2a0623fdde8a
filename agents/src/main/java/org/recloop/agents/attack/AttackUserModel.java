package org.recloop.agents.attack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserGroupModel;
import org.recloop.core.react.UserStateRows;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * Fake accounts that poison a recommender learning from clicks (data poisoning / shilling). The
 * attack acts only through what the log records: each account opens the app every tick of the
 * window {@code [start, end]} and performs {@code actionsPerTick} actions. A share {@code
 * camouflage} of them are filler actions that make the account look like a real user; the rest
 * are target actions.
 *
 * <p><b>Finding an item.</b> An item on the account's slate is clicked at its slate index and
 * position; an item that is not is found by search: a SEARCH event (val = the item's topic), then
 * the CLICK with slate and position -1, as a real user's search result is logged.
 *
 * <p><b>Goal push.</b> A target action clicks, consumes (completion 1), likes and rates (5 stars)
 * a target; the {@code social} strategy shares it too.
 *
 * <p><b>Goal nuke, with implicit feedback.</b> A click-trained learner has no negative signal to
 * abuse: a nuke can only starve the targets and lift their competitors. The accounts never click
 * a target; a session whose slate shows a target is skipped (SKIP, all its clicks go through
 * search, so exposure-aware learners see the targets ignored), and target actions click items of
 * the targets' topics instead, so the targets' neighbours crowd them out of similar users' slates.
 *
 * <p><b>Strategies</b> (what filler actions do): {@code random}: any item, random stars;
 * {@code average}: any item, stars from the item's quality (the "average rating" an attacker can
 * read off the platform); {@code bandwagon}: the {@code fillerPool} items real users consumed most,
 * 5 stars; {@code segment}: items of the targets' topics, 5 stars; {@code imitation}: replays the
 * consumption of a real user who consumed something, sampled per account (from the world's
 * consumption history when the accounts join; agents never read the log), no stars; {@code social}: follows a random real user
 * (meaningful with a follow graph and a social feed).
 *
 * <p>The accounts are marked fake in {@link World#groundTruth()} when they join, which only
 * metrics read. Determinism: every draw of account u at tick t comes from ("attack.act", u, t),
 * choices at join time from ("attack.join", u); react touches only its chunk's users.
 */
public final class AttackUserModel implements UserGroupModel, UserStateRows {

    /** Strategies, by their scenario names. */
    public static final List<String> STRATEGIES = List.of("random", "average", "bandwagon", "segment", "imitation",
            "social");
    /** Most target items one attack may have. */
    public static final int MAX_TARGETS = 1000;
    /** Sessions per tick set as the accounts' activity: they open the app every tick (p = 1 - e^-50). */
    static final float ACTIVITY = 50f;

    private static final long ACT = RandomStreams.purpose("attack.act");
    private static final long JOIN = RandomStreams.purpose("attack.join");

    /**
     * @param strategy one of {@link #STRATEGIES} (default {@code average})
     * @param goal {@code push} or {@code nuke} (default push)
     * @param targets target item ids (required, distinct, at most {@link #MAX_TARGETS})
     * @param actionsPerTick actions per account per tick, 1..100 (default 3)
     * @param start first tick the accounts act (default 0: as soon as they exist)
     * @param end last tick they act (default: until the run ends); afterwards they stay away
     * @param camouflage share of actions that are filler, in [0, 1] (default 0.5)
     * @param fillerPool how many popular items the bandwagon strategy draws from (default 50)
     */
    public record Params(String strategy, String goal, List<Integer> targets, Integer actionsPerTick, Integer start,
            Integer end, Double camouflage, Integer fillerPool) {
        public Params {
            strategy = strategy == null ? "average" : strategy;
            if (!STRATEGIES.contains(strategy)) {
                throw new InvalidParameterException("strategy", "must be one of " + STRATEGIES + ", was '" + strategy + "'");
            }
            goal = goal == null ? "push" : goal;
            if (!goal.equals("push") && !goal.equals("nuke")) {
                throw new InvalidParameterException("goal", "must be 'push' or 'nuke', was '" + goal + "'");
            }
            if (targets == null || targets.isEmpty()) {
                throw new InvalidParameterException("targets", "is required: the item ids to push or nuke");
            }
            targets = List.copyOf(targets);
            if (targets.size() > MAX_TARGETS) {
                throw new InvalidParameterException("targets", "at most " + MAX_TARGETS + " items, was " + targets.size());
            }
            if (new HashSet<>(targets).size() != targets.size()) {
                throw new InvalidParameterException("targets", "lists an item twice: " + targets);
            }
            for (int i = 0; i < targets.size(); i++) {
                Check.nonNegative("targets[" + i + "]", targets.get(i));
            }
            actionsPerTick = Check.positive("actionsPerTick", actionsPerTick == null ? 3 : actionsPerTick);
            if (actionsPerTick > 100) {
                throw new InvalidParameterException("actionsPerTick", "at most 100, was " + actionsPerTick);
            }
            start = Check.nonNegative("start", start == null ? 0 : start);
            if (end != null && end < start) {
                throw new InvalidParameterException("end", "must be at least start (" + start + "), was " + end);
            }
            camouflage = Check.unit("camouflage", camouflage == null ? 0.5 : camouflage);
            fillerPool = Check.positive("fillerPool", fillerPool == null ? 50 : fillerPool);
        }

        boolean acts(int tick) {
            return tick >= start && (end == null || tick <= end);
        }
    }

    private final Params p;
    private final boolean nuke;
    private final int[] targets;
    private final Set<Integer> targetSet;
    private int groupFrom;
    private int groupTo;
    private int[] real = new int[0];
    private FillerPool filler;
    private FillerPool neighbours;
    /** imitation: per account (index u - groupFrom) the consumption it replays. */
    private int[][] imitated;

    public AttackUserModel(Params p) {
        this.p = p;
        this.nuke = p.goal().equals("nuke");
        this.targets = p.targets().stream().mapToInt(Integer::intValue).toArray();
        this.targetSet = Set.copyOf(p.targets());
    }

    public Params params() {
        return p;
    }

    @Override
    public void initGroup(World world, RandomStreams streams, int from, int to) {
        Population pop = world.population();
        Catalog catalog = world.catalog();
        if (from < 0 || to > pop.size() || from > to) {
            throw new IllegalArgumentException("group [" + from + ", " + to + ") outside the " + pop.size() + " users");
        }
        for (int t : targets) {
            if (t >= catalog.size()) {
                throw new IllegalArgumentException("attack target item " + t + " is not in the catalog of "
                        + catalog.size() + " items");
            }
        }
        groupFrom = from;
        groupTo = to;
        world.groundTruth().markFake(from, to);
        List<Integer> realUsers = new ArrayList<>();
        for (int u = 0; u < pop.size(); u++) {
            if (!world.groundTruth().fake(u) && pop.status(u) != Population.FORGOTTEN) {
                realUsers.add(u);
            }
        }
        real = realUsers.stream().mapToInt(Integer::intValue).toArray();
        for (int u = from; u < to; u++) {
            pop.setActivity(u, ACTIVITY);
        }
        neighbours = FillerPool.segment(catalog, targetSet);
        filler = switch (p.strategy()) {
            case "bandwagon" -> FillerPool.popular(world, real, targetSet, p.fillerPool());
            case "segment" -> neighbours;
            default -> FillerPool.any(catalog, targetSet);
        };
        if (p.strategy().equals("imitation")) {
            // imitate only users who consumed something: copying an empty history hides nothing
            int[] models = java.util.Arrays.stream(real).filter(v -> world.history().size(v) > 0).toArray();
            imitated = new int[to - from][];
            for (int u = from; u < to; u++) {
                int[] copy = new int[0];
                if (models.length > 0) {
                    int model = models[streams.stream(JOIN, u, -1).nextInt(models.length)];
                    copy = world.history().itemsOf(model).clone();
                }
                imitated[u - from] = copy;
            }
        }
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        int tick = ctx.tick();
        for (int s = from; s < to; s++) {
            int u = slates.user(s);
            if (!p.acts(tick)) {
                out.add(u, -1, EventType.SKIP, s, -1, 0f);
                continue;
            }
            UniformRandomProvider rng = ctx.streams().stream(ACT, u, tick);
            boolean skipSlate = nuke && showsTarget(slates, s);
            if (skipSlate) {
                out.add(u, -1, EventType.SKIP, s, -1, 0f);
            }
            for (int a = 0; a < p.actionsPerTick(); a++) {
                boolean camouflage = rng.nextDouble() < p.camouflage();
                if (camouflage) {
                    fillerAction(ctx, slates, s, u, rng, skipSlate, out);
                } else if (nuke) {
                    int item = neighbours.draw(rng);
                    if (item >= 0) {
                        int ss = open(ctx, slates, skipSlate ? -1 : s, u, item, out);
                        out.add(u, item, EventType.LIKE, ss, pos(slates, ss, item), 1f);
                    }
                } else {
                    int item = targets[rng.nextInt(targets.length)];
                    int ss = open(ctx, slates, s, u, item, out);
                    int r = pos(slates, ss, item);
                    out.add(u, item, EventType.LIKE, ss, r, 1f);
                    out.add(u, item, EventType.RATE, ss, r, 5f);
                    if (p.strategy().equals("social")) {
                        out.add(u, item, EventType.SHARE, ss, r, 1f);
                    }
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private void fillerAction(ReactContext ctx, SlateBatch slates, int s, int u, UniformRandomProvider rng,
            boolean skipSlate, EventBuffer out) {
        Catalog catalog = ctx.world().catalog();
        int slate = skipSlate ? -1 : s;
        switch (p.strategy()) {
            case "social" -> {
                if (real.length > 0) {
                    int v = real[rng.nextInt(real.length)];
                    if (v != u && !ctx.world().graph().follows(u, v)) {
                        out.add(u, -1, EventType.FOLLOW, -1, -1, 1f, v);
                        return;
                    }
                }
                int item = filler.draw(rng);
                if (item >= 0) {
                    open(ctx, slates, slate, u, item, out);
                }
            }
            case "imitation" -> {
                int[] copy = imitated[u - groupFrom];
                int item = copy.length > 0 ? copy[rng.nextInt(copy.length)] : filler.draw(rng);
                if (item >= 0 && !targetSet.contains(item)) {
                    open(ctx, slates, slate, u, item, out);
                }
            }
            default -> {
                int item = filler.draw(rng);
                if (item < 0) {
                    return;
                }
                int ss = open(ctx, slates, slate, u, item, out);
                float stars = switch (p.strategy()) {
                    case "random" -> 1 + rng.nextInt(5);
                    case "average" -> Math.round(1 + 4 * Math.max(0f, Math.min(1f, catalog.quality(item))));
                    default -> 5f;
                };
                out.add(u, item, EventType.RATE, ss, pos(slates, ss, item), stars);
            }
        }
    }

    /**
     * Clicks and consumes {@code item}: at its position when slate {@code s} shows it, else found by
     * search. Returns the slate index the events carry (-1 for search).
     */
    private static int open(ReactContext ctx, SlateBatch slates, int s, int u, int item, EventBuffer out) {
        World world = ctx.world();
        int ss = at(slates, s, item);
        int r = pos(slates, ss, item);
        if (ss < 0) {
            out.add(u, -1, EventType.SEARCH, -1, -1, world.catalog().topic(item));
        }
        int dim = world.catalog().dim();
        float value = world.catalog().dot(item, world.population().preferences(), u * dim);
        out.add(u, item, EventType.CLICK, ss, r, value);
        out.add(u, item, EventType.CONSUME, ss, r, 1f);
        return ss;
    }

    /** {@code s} when slate s shows {@code item}, else -1. */
    private static int at(SlateBatch slates, int s, int item) {
        return pos(slates, s, item) >= 0 ? s : -1;
    }

    private static int pos(SlateBatch slates, int s, int item) {
        if (s < 0) {
            return -1;
        }
        for (int r = 0; r < slates.length(s); r++) {
            if (slates.item(s, r) == item) {
                return r;
            }
        }
        return -1;
    }

    private boolean showsTarget(SlateBatch slates, int s) {
        for (int r = 0; r < slates.length(s); r++) {
            if (targetSet.contains(slates.item(s, r))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nothing: React changes no account's state (choices made when the accounts join are the same
     * on every copy, and the accounts' activity changes in afterTick, which every copy runs).
     */
    @Override
    public void writeUsers(int[] users, java.io.DataOutput out) {}

    @Override
    public void readUsers(int[] users, java.io.DataInput in) {}

    /** After the window the accounts stop opening the app. */
    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        if (p.end() != null && ctx.tick() == p.end()) {
            Population pop = ctx.world().population();
            for (int u = groupFrom; u < groupTo; u++) {
                pop.setActivity(u, 0f);
            }
        }
    }
}
