package org.recloop.core.log;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * The log of a run that continues one already in its database ({@code recloop resume}, {@code
 * recloop fork}), and of every run that writes checkpoints: it tells a hook of each tick boundary.
 *
 * <p>A continued run is rebuilt by replaying its scenario from tick 0: the kernel, the user
 * models and the recommenders are deterministic given (seed, purpose, user, tick), so replaying
 * reproduces every part of the state (world, user models' memories, recommender models,
 * interventions' effects) without any of them being serializable. Ticks up to {@code
 * replayThrough} are already in the database, so their rows are not written again: each
 * replayed tick is instead checked against the committed one (its {@code ticks} row: sessions,
 * exposures, events and serving recommender; and every metric value), and the first difference
 * stops the run with a {@link LogReplayException} naming the tick and the column, before
 * anything after the checked ticks is written. Reads ({@link #clicks}) go to the database, which
 * holds exactly the rows the original run had read at that tick. From {@code replayThrough + 1}
 * on, every call goes to the database log, whose ids continue after the committed rows.
 *
 * <p>Simulation thread only, like every {@link EventLog}.
 */
public final class ReplayingLog implements EventLog {

    private final H2EventLog log;
    private final int replayThrough;
    private final IntConsumer tickClosed;
    private int lastReplayed = -1;
    private int stagedTick = -1;
    private long stagedExposures;
    private long stagedEvents;

    /**
     * @param log the run's database log: {@link #open} opens it as a new run when nothing is
     *     replayed, else {@link #continueRun} continues the run it holds
     * @param replayThrough the last tick committed in the database (-1: a new run)
     * @param tickClosed told each tick on the simulation thread as the kernel closes it (state at
     *     the tick boundary), before the tick is handed on for commit
     */
    public ReplayingLog(H2EventLog log, int replayThrough, IntConsumer tickClosed) {
        this.log = Objects.requireNonNull(log, "log");
        this.replayThrough = replayThrough;
        this.tickClosed = Objects.requireNonNull(tickClosed, "tickClosed");
    }

    /** The last tick committed by the run this log continues (-1: a new run). */
    public int replayThrough() {
        return replayThrough;
    }

    private boolean replayed(int tick) {
        return tick <= replayThrough;
    }

    /**
     * Continues the run in the database instead of opening a new one: the run {@code runId} it
     * holds (resume), or, with {@code forkRow}, the new run of a fork whose database holds its
     * parent's rows ({@link LogFork}).
     */
    public void continueRun(String runId, RunInfo forkRow) {
        log.continueRun(runId, replayThrough, forkRow);
    }

    @Override
    public void open(RunInfo run, World world) {
        log.open(run, world);
    }

    @Override
    public void items(int tick, Catalog catalog, int from, int to) {
        if (!replayed(tick)) {
            log.items(tick, catalog, from, to);
        }
    }

    @Override
    public void users(int tick, Population population, int from, int to) {
        if (!replayed(tick)) {
            log.users(tick, population, from, to);
        }
    }

    @Override
    public void forget(int tick, ForgetRequest request) {
        if (replayed(tick)) {
            log.rememberForgotten(request); // later reads leave the rows out, as they did then
        } else {
            log.forget(tick, request);
        }
    }

    @Override
    public void userStates(int tick, Population population) {
        if (!replayed(tick)) {
            log.userStates(tick, population);
        }
    }

    private void begin(int tick) {
        if (tick != stagedTick) {
            stagedTick = tick;
            stagedExposures = 0;
            stagedEvents = 0;
        }
    }

    @Override
    public void exposures(int tick, SlateBatch slates, BitSet logged) {
        if (!replayed(tick)) {
            log.exposures(tick, slates, logged);
            return;
        }
        begin(tick);
        for (int s = 0; s < slates.size(); s++) {
            if (logged == null || logged.get(s)) {
                stagedExposures += slates.length(s);
            }
        }
    }

    @Override
    public void events(int tick, SlateBatch slates, EventBuffer events) {
        if (!replayed(tick)) {
            log.events(tick, slates, events);
            return;
        }
        begin(tick);
        stagedEvents += events.size();
    }

    @Override
    public void clickProbabilities(int tick, SlateBatch slates, float[] probabilities) {
        if (!replayed(tick)) {
            log.clickProbabilities(tick, slates, probabilities);
        }
    }

    @Override
    public void modelCalls(int tick, List<ModelCall> calls) {
        if (!replayed(tick)) {
            log.modelCalls(tick, calls);
        }
    }

    @Override
    public void texts(int tick, List<AgentText> texts) {
        if (!replayed(tick)) {
            log.texts(tick, texts);
        }
    }

    @Override
    public void conversations(int tick, List<ConversationTurn> turns) {
        if (!replayed(tick)) {
            log.conversations(tick, turns);
        }
    }

    @Override
    public void feedCommands(int tick, List<org.recloop.core.command.FeedCommand> commands) {
        if (!replayed(tick)) {
            log.feedCommands(tick, commands);
        }
    }

    @Override
    public void metrics(int tick, Map<String, Double> values) {
        if (!replayed(tick)) {
            log.metrics(tick, values);
            return;
        }
        Map<String, Double> logged = log.read(c -> {
            Map<String, Double> m = new LinkedHashMap<>();
            try (var ps = c.prepareStatement("SELECT name, val FROM metrics WHERE tick = ?")) {
                ps.setInt(1, tick);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double v = rs.getDouble(2);
                        boolean none = rs.wasNull(); // NaN is stored as NULL; ask before reading another column
                        m.put(rs.getString(1), none ? Double.NaN : v);
                    }
                }
            }
            return m;
        });
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double now = e.getValue() == null ? Double.NaN : e.getValue();
            Double then = logged.get(e.getKey());
            if (then == null || Double.compare(now, then) != 0) {
                throw diverged(tick, "metric " + e.getKey(), then, now);
            }
        }
        if (logged.size() != values.size()) {
            throw diverged(tick, "the set of metrics", logged.keySet(), values.keySet());
        }
    }

    @Override
    public void fakeAccounts(int tick, int from, int to) {
        if (!replayed(tick)) {
            log.fakeAccounts(tick, from, to);
        }
    }

    @Override
    public void intervention(int tick, String type, String description) {
        if (!replayed(tick)) {
            log.intervention(tick, type, description);
        }
    }

    @Override
    public void commitTick(int tick, int sessions) {
        commitTick(tick, sessions, null);
    }

    @Override
    public void commitTick(int tick, int sessions, String recommender) {
        tickClosed.accept(tick);
        if (!replayed(tick)) {
            log.commitTick(tick, sessions, recommender);
            return;
        }
        begin(tick);
        Object[] row = log.read(c -> {
            try (var ps = c.prepareStatement("SELECT sessions, exposures, events, recommender FROM ticks WHERE tick = ?")) {
                ps.setInt(1, tick);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4)} : null;
                }
            }
        });
        if (row == null) {
            throw new LogReplayException("tick " + tick + " is not committed in the log being continued");
        }
        Object[] now = {sessions, stagedExposures, stagedEvents, recommender};
        String[] columns = {"sessions", "exposures", "events", "recommender"};
        for (int i = 0; i < columns.length; i++) {
            if (!Objects.equals(row[i], now[i])) {
                throw diverged(tick, "the ticks table's " + columns[i], row[i], now[i]);
            }
        }
        lastReplayed = tick;
    }

    private static LogReplayException diverged(int tick, String what, Object logged, Object replayed) {
        return new LogReplayException("the replay differs from the log at tick " + tick + ": " + what + " was "
                + logged + ", the replay gives " + replayed);
    }

    @Override
    public int lastCommittedTick() {
        return Math.max(lastReplayed, log.lastCommittedTick());
    }

    @Override
    public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) {
        return log.clicks(fromTick, toTick, numUsers, numItems);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void finish(RunStatus status, String error) {
        log.finish(status, error);
    }

    @Override
    public Map<String, Long> rowCounts() {
        return log.rowCounts();
    }

    @Override
    public void close() {
        log.close();
    }
}
