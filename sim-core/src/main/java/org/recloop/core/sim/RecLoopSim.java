package org.recloop.core.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.log.EventLog;
import org.recloop.core.log.RunStatus;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.UserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.ServeContext;
import org.recloop.core.serve.ServedScores;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.TrainContext;
import org.recloop.core.world.World;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The RecLoop model on MASON. One tick is one unit of schedule time; within it the phases run in
 * the order of their schedule ordering: {@link #ARRIVE}, {@link #SERVE}, {@link #REACT}, {@link
 * #LOG}, {@link #LEARN}, {@link #OBSERVE}, {@link #ACT}, then {@link #CLOSE} commits the tick to
 * the log as a whole and tells the listeners once the commit has completed.
 *
 * <p>Determinism: no phase uses MASON's shared generator. Every draw comes from {@link
 * RandomStreams} keyed by (purpose, user, tick); work is split into chunks of fixed size whose
 * results are joined in chunk order, so the log does not depend on the thread count.
 *
 * <p>The model never knows whether a GUI is attached: a console steps the same schedule that
 * {@link #runToEnd()} steps headless.
 */
public final class RecLoopSim extends SimState {

    private static final long serialVersionUID = 1L;

    public static final int ARRIVE = 0;
    public static final int SERVE = 1;
    public static final int REACT = 2;
    public static final int LOG = 3;
    public static final int LEARN = 4;
    public static final int OBSERVE = 5;
    public static final int ACT = 6;
    public static final int CLOSE = 7;

    private final SimConfig config;
    private final World world;
    private final RandomStreams streams;
    // the users' side: world, user model in groups, feed commands in force, worker threads
    private final Replica state;
    // the scenario's user model for the users at the start, plus the groups interventions add
    private final UserGroups userModel;
    private transient TickEngine engine; // null: the per-user phases run here
    private transient UsersTick remote; // this tick's result from the engine
    private final List<Metric> metrics;
    private final List<Intervention> interventions;
    private final transient EventLog log;
    private final List<TickListener> listeners = new ArrayList<>();
    // llm_calls rows of components other than the user model (an LLM recommender)
    private transient ModelCallJournal modelCallJournal = new ModelCallJournal();
    private final FeedCommandDesk commands; // users' feed constraints, from the next tick
    // closed ticks whose commit the log has not confirmed yet, oldest first; listeners hear of
    // a tick only once it is committed, so metrics.csv never runs ahead of the database
    private transient ArrayDeque<TickSummary> uncommitted = new ArrayDeque<>();
    private Recommender recommender;
    private String recommenderName;
    private String servedBy; // recommenderName at this tick's Serve; a switch in Act serves from the next

    private int ticksDone;
    private volatile boolean stopRequested;
    private final long[] phaseNanos = new long[8];

    // state of the current tick, handed from phase to phase
    private int tick;
    private int[] active = new int[0];
    private SlateBatch slates;
    private EventBuffer events;
    /** The tick's true click probabilities per slate position, when the serving policy records them. */
    private float[] clickProbabilities;
    private long tickClicks;
    private int itemsLogged; // items below this id are in the log (open wrote the first ones)
    private Map<String, Double> tickMetrics = new LinkedHashMap<>();
    private long[] itemExposures = new long[0];
    private long[] itemClicks = new long[0];

    // totals
    private long totalSessions;
    private long totalExposures;
    private long totalEvents;
    private long totalClicks;

    /**
     * @param config kernel settings
     * @param world the platform and its users
     * @param streams the run's random streams (their seed is the run seed)
     * @param recommender the initial recommender
     * @param recommenderName its registry name, recorded with every tick it serves (the ticks table)
     * @param userModel how users react
     * @param metrics online metrics, in output order
     * @param interventions scheduled actions
     * @param log where everything is recorded; {@link EventLog#open open} it after this
     *     constructor, which lets the user model initialise the users (archetypes, activity)
     */
    public RecLoopSim(SimConfig config, World world, RandomStreams streams, Recommender recommender,
            String recommenderName, UserModel userModel, List<Metric> metrics, List<Intervention> interventions,
            EventLog log) {
        super(streams.seed());
        this.config = Objects.requireNonNull(config);
        this.world = Objects.requireNonNull(world);
        this.streams = streams;
        this.recommender = Objects.requireNonNull(recommender);
        this.recommenderName = recommenderName;
        // initialises the users; keeps the interventions sorted by tick
        this.state = new Replica(config, world, streams, Objects.requireNonNull(userModel), interventions);
        this.userModel = state.users();
        this.commands = state.commands();
        this.metrics = List.copyOf(metrics);
        this.interventions = state.interventions();
        this.log = Objects.requireNonNull(log);
    }

    /**
     * Runs Arrive, Serve and React of every tick on {@code engine} instead of the kernel's worker
     * threads (set before the run starts; the caller closes it). The log is the same either way.
     *
     * @throws IllegalStateException if a user model, the run's or one an intervention brings in,
     *     cannot move its users' state between copies
     */
    public void useEngine(TickEngine engine) {
        userModel.requireStateRows("");
        for (Intervention iv : interventions) {
            UserGroups.requireStateRows("intervention " + iv.type() + " at tick " + iv.tick() + ": ", iv.userModels());
        }
        this.engine = Objects.requireNonNull(engine);
    }

    /**
     * Logs the rows other components record in {@code journal} with each tick's llm_calls rows,
     * after the user model's (the run grants the same journal to its components as a capability).
     */
    public void logModelCallsOf(ModelCallJournal journal) {
        this.modelCallJournal = Objects.requireNonNull(journal);
    }

    public void addListener(TickListener l) {
        listeners.add(l);
    }

    @Override
    public void start() {
        super.start();
        ticksDone = 0;
        uncommitted = new ArrayDeque<>();
        itemsLogged = world.catalog().size();
        state.workers(); // starts the pool
        TimedPhase[] phases = {new ArriveStep(), new ServeStep(), new ReactStep(), new LogStep(), new LearnStep(),
            new ObserveStep(), new ActStep(), new CloseStep()};
        for (int order = 0; order < phases.length; order++) {
            phases[order].order = order;
            schedule.scheduleRepeating(Schedule.EPOCH, order, phases[order], 1.0);
        }
    }

    /** Starts and runs all ticks headless, then records the final status ('finished' or 'failed'). */
    public void runToEnd() {
        try {
            start();
            while (wantsMoreTicks() && schedule.step(this)) { // the CloseStep counts the ticks
            }
            recordEnd();
        } catch (RuntimeException | Error e) {
            recordFailure(e);
            throw e;
        } finally {
            finish();
        }
    }

    /** True while ticks remain and no stop was requested: a console asks this before each step. */
    public boolean wantsMoreTicks() {
        return ticksDone < config.run().ticks() && !stopRequested;
    }

    /** Records 'finished' or 'interrupted', then tells the listeners the last ticks (a console calls it too). */
    public void recordEnd() {
        int total = config.run().ticks();
        log.finish(ticksDone < total ? RunStatus.INTERRUPTED : RunStatus.FINISHED,
                ticksDone < total ? "stopped after " + ticksDone + " of " + total + " ticks" : null);
        tellListeners(log.lastCommittedTick()); // finish waited for the last commits
    }

    /** Records 'failed' with {@code e} and its causes, and tells the listeners the ticks that did make it. */
    public void recordFailure(Throwable e) {
        String why = RunStatus.describe(e);
        for (Runnable r : new Runnable[] {() -> log.finish(RunStatus.FAILED, why),
            () -> tellListeners(log.lastCommittedTick())}) { // the second even if the first fails
            try {
                r.run();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
    }

    /**
     * Asks a headless run to stop after the tick in progress; the run is then recorded as
     * 'interrupted' with its committed ticks intact. Safe from any thread (e.g. a shutdown hook).
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** True once all configured ticks ran. */
    public boolean isDone() {
        return ticksDone >= config.run().ticks();
    }

    @Override
    public void finish() {
        super.finish();
        state.stopWorkers();
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The state rows of every user ({@link Replica#writeRows}: Population rows and the user
     * model's {@link org.recloop.core.react.UserStateRows}). Runs whose users are in the same state
     * give the same bytes: an engine that runs the users elsewhere can so be checked against the
     * local engine beyond the log, on state the log does not show yet (an agent's memory).
     *
     * @throws IllegalStateException if the user model cannot write its users' state
     */
    public byte[] userStateRows() {
        return state.writeRows(java.util.stream.IntStream.range(0, world.population().size()).toArray());
    }

    public SimConfig config() {
        return config;
    }

    public World world() {
        return world;
    }

    public RandomStreams streams() {
        return streams;
    }

    public String recommenderName() {
        return recommenderName;
    }

    /** The recommender serving now (after any switch intervention). */
    public Recommender recommender() {
        return recommender;
    }

    public int ticksDone() {
        return ticksDone;
    }

    public long totalSessions() {
        return totalSessions;
    }

    public long totalExposures() {
        return totalExposures;
    }

    public long totalEvents() {
        return totalEvents;
    }

    public long totalClicks() {
        return totalClicks;
    }

    /**
     * Wall time spent in each phase since the start, in schedule order (arrive, serve, react,
     * log, learn, observe, act, close), for the benchmark. Timing is never part of the log.
     */
    public long[] phaseNanos() {
        return phaseNanos.clone();
    }

    /** Cumulative exposures per item (a copy), e.g. for GUI charts. */
    public long[] itemExposures() {
        return Arrays.copyOf(itemExposures, world.catalog().size());
    }

    /** Metric values of the last closed tick. */
    public Map<String, Double> lastMetrics() {
        return Map.copyOf(tickMetrics);
    }

    // ---------------------------------------------------------------- phases

    /**
     * A phase of the tick; its wall time adds to {@code phaseNanos[order]}, its order in the tick
     * (the closing table's phase line).
     */
    abstract class TimedPhase implements Steppable {
        private static final long serialVersionUID = 1L;
        private int order;

        @Override
        public final void step(SimState state) {
            long t0 = System.nanoTime();
            try {
                run();
            } finally {
                phaseNanos[order] += System.nanoTime() - t0;
            }
        }

        abstract void run();
    }

    /** Phase 1: which users open the app now (with another engine: the whole of Arrive, Serve and React). */
    final class ArriveStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            tick = (int) schedule.getTime();
            remote = engine == null ? null : engine.runUsers(tick, recommender, RecLoopSim.this.state);
            active = remote != null ? remote.active()
                    : new UserPhases(RecLoopSim.this.state).arrive(tick, 0, world.population().size());
        }
    }

    /** Phase 2: the recommender fills a slate for each active user, in chunks. */
    final class ServeStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            servedBy = recommenderName;
            slates = remote != null ? remote.slates() : new UserPhases(RecLoopSim.this.state).serve(tick, active, recommender);
        }
    }

    /** Phase 3: each active user's model answers its slate; then the platform's bookkeeping. */
    final class ReactStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            EventBuffer all;
            if (remote != null) {
                all = remote.events();
                clickProbabilities = remote.clickProbabilities();
            } else {
                UserPhases.Reaction r = new UserPhases(RecLoopSim.this.state).react(tick, slates);
                all = r.events();
                clickProbabilities = r.clickProbabilities();
            }
            events = all;
            // afterTick and the platform's effects as every copy of the users settles them; the
            // platform's own bookkeeping in between: exposures and consumption per item
            tickClicks = RecLoopSim.this.state.settle(tick, slates, all, this::countExposures);
        }

        /** Counts the tick's exposures per item (after afterTick, which may add items); returns the click counts. */
        private long[] countExposures() {
            int items = world.catalog().size();
            if (itemExposures.length < items) {
                itemExposures = Arrays.copyOf(itemExposures, items);
                itemClicks = Arrays.copyOf(itemClicks, items);
            }
            for (int s = 0; s < slates.size(); s++) {
                int len = slates.length(s);
                for (int p = 0; p < len; p++) {
                    itemExposures[slates.item(s, p)]++;
                }
            }
            return itemClicks;
        }
    }

    /** Phase 4: exposures and events go to the log's background writer. */
    final class LogStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            log.items(tick, world.catalog(), itemsLogged, world.catalog().size());
            itemsLogged = world.catalog().size();
            log.exposures(tick, slates, ExposureSample.of(slates, streams, tick, config.log().exposureSampling()));
            log.events(tick, slates, events);
            if (clickProbabilities != null) {
                log.clickProbabilities(tick, slates, clickProbabilities);
            }
            log.modelCalls(tick, AgentRows.join(remote == null ? null : remote.modelCalls(), userModel.drainModelCalls()));
            log.modelCalls(tick, modelCallJournal.drain());
            AgentRows.log(log, tick, userModel, remote); // texts, conversations
            log.feedCommands(tick, commands.issue(AgentRows.join(remote == null ? null : remote.feedCommands(),
                    userModel.drainFeedCommands())));
        }
    }

    /**
     * Phase 5: incremental update and observe every tick; full refit from the log every N ticks,
     * on the whole log or on a sliding window of the last {@code trainWindow} ticks.
     */
    final class LearnStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            TrainContext ctx = trainContext();
            Interactions clicks = events.clicks((int) tickClicks, tick, world.population().size(), world.catalog().size());
            recommender.update(clicks, ctx);
            recommender.observe(slates, clicks, ctx);
            int every = config.learn().retrainEvery();
            // no refit after the last tick: no slate would be served from it
            if (every > 0 && (tick + 1) % every == 0 && tick + 1 < config.run().ticks()) {
                recommender.fit(log.clicks(trainFrom(), tick, world.population().size(), world.catalog().size()), ctx);
            }
        }
    }

    /** First tick of a scheduled fit's data: the whole log, or the last {@code trainWindow} ticks. */
    private int trainFrom() {
        return config.learn().window() > 0 ? Math.max(0, tick - config.learn().window() + 1) : 0;
    }

    private TrainContext trainContext() {
        Workers workers = state.workers();
        return new TrainContext(tick, streams, workers.executor(), workers.parallelism(), world.catalog());
    }

    /** Phase 6: online metrics of this tick. */
    final class ObserveStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            Map<String, Double> values = new LinkedHashMap<>();
            ServeContext now = commands.serveContext(tick, world, streams); // constraints this tick's slates had
            ServedScores scores = ServedScores.of(recommender, now); // the model after Learn: the next slates'
            TickView view = new TickView(tick, world, slates, events, itemExposures, itemClicks, streams, scores,
                    now.constraints(), RecLoopSim.this.state.workers().executor());
            for (Metric m : metrics) {
                m.observe(view, values);
            }
            tickMetrics = values;
            log.metrics(tick, values);
        }
    }

    /** Phase 7: interventions scheduled for this tick, through a {@link KernelActContext}. */
    final class ActStep extends TimedPhase implements KernelActContext.Platform {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            ActContext ctx = null;
            List<Integer> usersSide = new ArrayList<>();
            for (int i = 0; i < interventions.size(); i++) {
                Intervention iv = interventions.get(i);
                if (iv.tick() == tick) {
                    if (ctx == null) {
                        ctx = new KernelActContext(this, world, streams, userModel, log);
                    }
                    iv.apply(ctx);
                    log.intervention(tick, iv.type(), iv.describe());
                    if (engine != null) { // useEngine checked the models interventions declare; this catches the rest
                        userModel.requireStateRows("intervention " + iv.type() + " at tick " + tick + ": ");
                    }
                    if (iv.changesUsers()) {
                        usersSide.add(i);
                    }
                }
            }
            if (engine != null && !usersSide.isEmpty()) {
                engine.acted(tick, usersSide.stream().mapToInt(Integer::intValue).toArray());
            }
        }

        @Override
        public int tick() {
            return tick;
        }

        @Override
        public Interactions clicksFrom(int from) {
            return log.clicks(from, tick, world.population().size(), world.catalog().size());
        }

        @Override
        public int trainFrom() {
            return RecLoopSim.this.trainFrom();
        }

        @Override
        public TrainContext trainContext() {
            return RecLoopSim.this.trainContext();
        }

        @Override
        public Recommender serving() {
            return recommender;
        }

        @Override
        public void install(Recommender next, String name) {
            recommender = next;
            recommenderName = name;
        }

        @Override
        public void itemsLogged(int upTo) {
            itemsLogged = upTo;
        }
    }

    /**
     * Tells the listeners about every closed tick up to {@code committedTick}, in tick order. The
     * log commits in the background, so a tick is usually told one or two ticks after it closed.
     */
    private void tellListeners(int committedTick) {
        while (!uncommitted.isEmpty() && uncommitted.peek().tick() <= committedTick) {
            TickSummary summary = uncommitted.poll();
            for (TickListener l : listeners) {
                l.onTick(summary);
            }
        }
    }

    /**
     * Closes the tick: hands its commit to the log, then tells listeners about the ticks whose
     * commit has completed.
     */
    final class CloseStep extends TimedPhase {
        private static final long serialVersionUID = 1L;


        @Override
        void run() {
            int every = config.log().groundTruthEvery();
            if (every > 0 && (tick + 1) % every == 0) {
                log.userStates(tick, world.population());
            }
            log.commitTick(tick, active.length, servedBy);
            long exp = slates.filled();
            totalSessions += active.length;
            totalExposures += exp;
            totalEvents += events.size();
            totalClicks += tickClicks;
            ticksDone++;
            uncommitted.add(new TickSummary(tick, active.length, exp, events.size(), tickClicks, tickMetrics));
            tellListeners(log.lastCommittedTick());
        }
    }
}
