package org.recloop.core.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventLog} on an H2 file database ({@code <dir>/recloop.mv.db}) through HikariCP.
 *
 * <p>One background {@link WriterThread} owns one connection with auto-commit off; the simulation
 * thread hands it tasks through a bounded queue (back-pressure: at most {@code queueCapacity}
 * staged tasks, each at most one tick's rows of one table). A tick's rows go into one transaction
 * that {@link #commitTick} commits together with the tick's row in the {@code ticks} table, so
 * after a crash the database holds whole ticks only. Reads for learning ({@link #clicks}) see the
 * tick being staged: from the clicks this instance staged ({@link ClickCache}) when it staged the
 * whole log, otherwise on the writer's connection through {@link LogReader}.
 *
 * <p>This class decides what is staged and copies what the simulation thread keeps changing;
 * {@link RowInserts} binds the rows (multi-row {@code INSERT ... VALUES (..),(..)} statements in
 * JDBC batches for the per-tick tables, the fastest H2 path measured here). Exposure and event
 * ids are assigned on the simulation thread in log order, so they are deterministic.
 */
public final class H2EventLog implements EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(H2EventLog.class);

    /** The database file name inside a run folder, without H2's ".mv.db" suffix. */
    public static final String DB_NAME = "recloop";

    private final Path dir;
    private final HikariDataSource pool;
    private final WriterThread writer;
    private final AtomicLong exposureRows = new AtomicLong();
    private final AtomicLong eventRows = new AtomicLong();
    private final AtomicLong metricRows = new AtomicLong();
    private final AtomicLong interventionRows = new AtomicLong();
    // rows written in the open transaction (writer thread only); added to the totals at commit
    private long pendingExposures;
    private long pendingEvents;
    private long pendingMetrics;
    private long pendingInterventions;
    private final long startedNanos = System.nanoTime();
    // what this run was asked to forget (simulation thread); readers leave those rows out
    private final Forgotten forgotten = new Forgotten();
    // every click staged by this instance, for refits (simulation thread)
    private final ClickCache stagedClicks = new ClickCache();
    // set by the writer once a tick's transaction is committed; read by the simulation thread
    private volatile int lastCommittedTick = -1;

    // simulation-thread state: id counters and the current tick's exposure offsets
    private long nextExposureId;
    private long nextEventId;
    private int stagedTick = -1;
    private long stagedExposureBase;
    private int[] stagedSlateOffsets = new int[0];
    private int stagedExposures;
    private int stagedEvents;
    private String runId;
    // > 0: slates stored one per row, at most this long (storeSlatesAsRows)
    private int slateMaxLength;
    private boolean parquet; // storeTicksAsParquet
    // where events and slates go (writer thread): H2, or Parquet once the run opens or continues
    private TickTableWriter tables = TickTableWriter.H2;

    /**
     * Rows staged for the writer before the simulation waits, unless the run says otherwise
     * ({@code log.maxBufferedRows}; {@code SimConfig.DEFAULTS} refers to this value).
     */
    public static final int DEFAULT_MAX_BUFFERED_ROWS = 2_000_000;

    /** Opens (creating if needed) the database of a run folder, buffering at most {@link #DEFAULT_MAX_BUFFERED_ROWS} rows. */
    public H2EventLog(Path runDir, int queueCapacity) {
        this(runDir, queueCapacity, DEFAULT_MAX_BUFFERED_ROWS);
    }

    /**
     * Opens (creating if needed) the database of a run folder.
     *
     * @param queueCapacity staged write tasks buffered before staging blocks
     * @param maxBufferedRows rows (exposures, events, ...) staged but not yet written before
     *     staging blocks; a single task larger than this is admitted alone
     */
    public H2EventLog(Path runDir, int queueCapacity, int maxBufferedRows) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1");
        }
        if (maxBufferedRows < 1) {
            throw new IllegalArgumentException("maxBufferedRows must be >= 1");
        }
        this.dir = runDir.toAbsolutePath();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(H2Url.ofRun(dir, H2Url.Setting.KEEP_OPEN_AT_EXIT, H2Url.Setting.APPEND_ONLY,
                H2Url.Setting.WRITE_ON_COMMIT)); // see StoreFlush
        cfg.setUsername("sa");
        cfg.setPassword("");
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(1);
        cfg.setAutoCommit(false);
        cfg.setPoolName("recloop-log");
        this.pool = new HikariDataSource(cfg);
        this.writer = new WriterThread(pool, dir.resolve(DB_NAME + ".mv.db"), queueCapacity, maxBufferedRows);
    }

    /**
     * JDBC URL of the database in a run folder (for tools and tests that read a run), built by
     * {@link H2Url}.
     *
     * @throws H2Url.UnsafePathException if the folder's path holds a character H2 reads as settings
     */
    public static String jdbcUrl(Path runDir) {
        return H2Url.ofRun(runDir, H2Url.Setting.KEEP_OPEN_AT_EXIT);
    }

    public Path directory() {
        return dir;
    }

    /** Most rows ever staged but not yet written at once (for tests and the benchmark). */
    public long peakBufferedRows() {
        return writer.peakBufferedRows();
    }

    /**
     * Stores each logged slate as one row of the {@code slates} table (item, score, propensity
     * and source arrays) instead of one {@code exposures} row per item, and creates
     * {@code exposures} as a view over it with the same columns and ids. H2 writes a slate row
     * several times faster than its items as rows (a 20-item slate: about 4x, measured with
     * {@code recloop bench --workload chaney}). Call before {@link #open}.
     *
     * @param maxLength the longest slate that will be logged (the scenario's slate size)
     */
    public H2EventLog storeSlatesAsRows(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        if (runId != null) {
            throw new IllegalStateException("storeSlatesAsRows must be called before open");
        }
        this.slateMaxLength = maxLength;
        return this;
    }

    /**
     * Writes events and slates (or exposures) to Parquet files partitioned by tick under {@code
     * <run>/log/} ({@link ParquetLayout}) instead of H2, whose tables then stay empty; everything
     * else stays in H2, and {@link LogReader} reads either. Call before {@link #open} or {@code
     * continueRun}, after {@link #storeSlatesAsRows}.
     */
    public H2EventLog storeTicksAsParquet() {
        this.parquet = true;
        return this;
    }

    /** Whether slates are stored one per row (see {@link #storeSlatesAsRows}). */
    public boolean storesSlatesAsRows() {
        return slateMaxLength > 0;
    }

    /** The longest slate a database's exposures view covers, 0 for row storage (for tests). */
    static int slateMaxLength(Connection c) throws SQLException {
        return LogSchema.slateMaxLength(c);
    }

    @Override
    public void open(RunInfo run, World world) {
        this.runId = run.runId();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        writer.call(c -> {
            openTables();
            LogSchema.create(c, slateMaxLength);
            RowInserts.run(c, run);
            RowInserts.items(c, catalog, 0, catalog.size(), 0);
            RowInserts.users(c, pop, 0, pop.size());
            c.commit();
            StoreFlush.afterCommit(c); // a run killed before tick 0 still holds its opening rows
            return null;
        });
    }

    // ---------------------------------------------------------------- staging

    @Override
    public void items(int tick, Catalog catalog, int from, int to) {
        if (to <= from) {
            return;
        }
        // copy now: the catalog keeps growing on the simulation thread
        Catalog copy = new Catalog(catalog.dim(), to - from);
        float[] f = new float[catalog.dim()];
        for (int i = from; i < to; i++) {
            for (int d = 0; d < f.length; d++) {
                f[d] = catalog.feature(i, d);
            }
            copy.add(f, catalog.topic(i), catalog.creator(i), catalog.quality(i), catalog.popularityPrior(i),
                    catalog.createdTick(i));
            catalog.title(i).ifPresent(t -> copy.setTitle(copy.size() - 1, t));
        }
        writer.submit(c -> RowInserts.items(c, copy, 0, copy.size(), from));
    }

    @Override
    public void userStates(int tick, Population pop) {
        int n = pop.size();
        int dim = pop.dim();
        float[] prefs = pop.preferences().clone();
        byte[] arch = new byte[n];
        byte[] status = new byte[n];
        float[] act = new float[n];
        for (int u = 0; u < n; u++) {
            arch[u] = pop.archetype(u);
            status[u] = pop.status(u);
            act[u] = pop.activity(u);
        }
        writer.submit(c -> RowInserts.userStates(c, tick, arch, status, act, prefs, dim), n);
    }

    private void beginTick(int tick) {
        if (tick != stagedTick) {
            stagedTick = tick;
            stagedSlateOffsets = new int[0];
            stagedExposures = 0;
            stagedEvents = 0;
        }
    }

    @Override
    public void exposures(int tick, SlateBatch slates, BitSet logged) {
        beginTick(tick);
        int n = slates.size();
        int[] offsets = new int[n + 1];
        for (int s = 0; s < n; s++) {
            offsets[s + 1] = offsets[s] + (logged == null || logged.get(s) ? slates.length(s) : 0);
        }
        final long base = nextExposureId;
        final int rows = offsets[n];
        nextExposureId += rows;
        stagedExposureBase = base;
        stagedSlateOffsets = offsets;
        stagedExposures += rows;
        final int version = slates.modelVersion();
        if (slateMaxLength > 0) {
            stageSlateRows(tick, slates, offsets, base, rows, version);
            return;
        }
        writer.submit(c -> {
            tables.exposureRows(c, tick, slates, offsets, base, rows, version);
            pendingExposures += rows;
        }, rows);
    }

    /** Slate storage: one row per logged, non-empty slate; back-pressure still counts exposures. */
    private void stageSlateRows(int tick, SlateBatch slates, int[] offsets, long base, int rows, int version) {
        int n = slates.size();
        int logged = 0;
        for (int s = 0; s < n; s++) {
            if (offsets[s + 1] > offsets[s]) {
                if (offsets[s + 1] - offsets[s] > slateMaxLength) {
                    throw new IllegalArgumentException("slate " + s + " of tick " + tick + " has "
                            + (offsets[s + 1] - offsets[s]) + " items, more than the " + slateMaxLength
                            + " the slates table was created for");
                }
                logged++;
            }
        }
        final int[] which = new int[logged];
        for (int s = 0, w = 0; s < n; s++) {
            if (offsets[s + 1] > offsets[s]) {
                which[w++] = s;
            }
        }
        writer.submit(c -> {
            tables.slateRows(c, tick, slates, offsets, which, base, version);
            pendingExposures += rows;
        }, rows);
    }

    @Override
    public void events(int tick, SlateBatch slates, EventBuffer events) {
        beginTick(tick);
        final int rows = events.size();
        final long base = nextEventId;
        nextEventId += rows;
        stagedEvents += rows;
        stagedClicks.add(tick, events, base);
        final long[] exposureIds = new long[rows];
        for (int i = 0; i < rows; i++) {
            int s = events.slate(i);
            int pos = events.position(i);
            if (s >= 0 && pos >= 0 && s + 1 < stagedSlateOffsets.length
                    && pos < stagedSlateOffsets[s + 1] - stagedSlateOffsets[s]) {
                exposureIds[i] = stagedExposureBase + stagedSlateOffsets[s] + pos;
            } else {
                exposureIds[i] = -1;
            }
        }
        writer.submit(c -> {
            tables.events(c, tick, events, base, exposureIds);
            pendingEvents += rows;
        }, rows);
    }

    @Override
    public void metrics(int tick, Map<String, Double> values) {
        final String[] names = values.keySet().toArray(new String[0]);
        final double[] vals = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            Double v = values.get(names[i]);
            vals[i] = v == null ? Double.NaN : v;
        }
        writer.submit(c -> {
            RowInserts.metrics(c, tick, names, vals);
            pendingMetrics += names.length;
        });
    }

    @Override
    public void modelCalls(int tick, List<ModelCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        final List<ModelCall> copy = List.copyOf(calls);
        writer.submit(c -> RowInserts.modelCalls(c, copy));
    }

    @Override
    public void texts(int tick, List<AgentText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        final List<AgentText> copy = List.copyOf(texts);
        writer.submit(c -> RowInserts.texts(c, copy));
    }

    @Override
    public void feedCommands(int tick, List<org.recloop.core.command.FeedCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        final List<org.recloop.core.command.FeedCommand> copy = List.copyOf(commands);
        writer.submit(c -> RowInserts.feedCommands(c, copy));
    }

    @Override
    public void conversations(int tick, List<ConversationTurn> turns) {
        if (turns.isEmpty()) {
            return;
        }
        final List<ConversationTurn> copy = List.copyOf(turns);
        writer.submit(c -> RowInserts.conversations(c, copy));
    }

    @Override
    public void users(int tick, Population population, int from, int to) {
        if (to <= from) {
            return;
        }
        // copy now: the population keeps changing on the simulation thread
        Population copy = new Population(to, population.dim());
        float[] f = new float[population.dim()];
        for (int u = from; u < to; u++) {
            population.preference(u, f);
            System.arraycopy(f, 0, copy.preferences(), u * f.length, f.length);
            copy.setArchetype(u, population.archetype(u));
            copy.setActivity(u, population.activity(u));
        }
        writer.submit(c -> RowInserts.users(c, copy, from, to), to - from);
    }

    @Override
    public void forget(int tick, ForgetRequest request) {
        forgotten.add(request);
        writer.submit(c -> RowInserts.forget(c, tick, request), request.ids().length + 1);
    }

    @Override
    public void clickProbabilities(int tick, SlateBatch slates, float[] probabilities) {
        int[] offsets = stagedSlateOffsets;
        int k = slates.k();
        long[] ids = new long[offsets.length == 0 ? 0 : offsets[offsets.length - 1]];
        float[] probs = new float[ids.length];
        int rows = 0;
        for (int s = 0; s + 1 < offsets.length; s++) {
            for (int pos = 0; pos < offsets[s + 1] - offsets[s]; pos++) {
                float p = probabilities[s * k + pos];
                if (!Float.isNaN(p)) {
                    ids[rows] = stagedExposureBase + offsets[s] + pos;
                    probs[rows++] = p;
                }
            }
        }
        final int n = rows;
        writer.submit(c -> RowInserts.exposureTruth(c, tick, ids, probs, n), n);
    }

    @Override
    public void fakeAccounts(int tick, int from, int to) {
        writer.submit(c -> RowInserts.fakeAccounts(c, tick, from, to));
    }

    @Override
    public void intervention(int tick, String type, String description) {
        writer.submit(c -> {
            RowInserts.intervention(c, tick, type, description);
            pendingInterventions++;
        });
    }

    @Override
    public void commitTick(int tick, int sessions) {
        commitTick(tick, sessions, null);
    }

    @Override
    public void commitTick(int tick, int sessions, String recommender) {
        beginTick(tick);
        final int exp = stagedExposures;
        final int ev = stagedEvents;
        final String id = runId;
        writer.submit(c -> {
            RowInserts.tick(c, id, tick, sessions, exp, ev, recommender);
            tables.commitTick(tick); // the tick's files before its ticks row (TickTableWriter)
            c.commit();
            StoreFlush.afterCommit(c); // the tick survives a kill, not only a clean stop
            lastCommittedTick = tick;
            exposureRows.addAndGet(pendingExposures);
            eventRows.addAndGet(pendingEvents);
            metricRows.addAndGet(pendingMetrics);
            interventionRows.addAndGet(pendingInterventions);
            pendingExposures = 0;
            pendingEvents = 0;
            pendingMetrics = 0;
            pendingInterventions = 0;
        });
    }

    @Override
    public int lastCommittedTick() {
        return lastCommittedTick;
    }

    @Override
    public Interactions clicks(int fromTick, int toTick, int numUsers, int numItems) {
        if (stagedClicks.complete() && !writer.failed()) {
            // the same rows as the table's, without waiting for the writer or scanning the table
            Interactions all = stagedClicks.clicks(fromTick, toTick, numUsers, numItems);
            return forgotten.isEmpty() ? all : forgotten.filter(all);
        }
        Interactions all = writer.call(c -> tables.clicks(c, fromTick, toTick, numUsers, numItems));
        return forgotten.isEmpty() ? all : forgotten.filter(all);
    }

    @Override
    public void flush() {
        writer.call(c -> null);
    }

    @Override
    public void finish(RunStatus status, String error) {
        if (writer.isClosed() || runId == null) {
            return;
        }
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        WriterThread.Task t = c -> {
            c.rollback(); // an unfinished tick is not part of the log
            tables.rollback();
            pendingExposures = 0;
            pendingEvents = 0;
            pendingMetrics = 0;
            pendingInterventions = 0;
            RowInserts.finish(c, runId, status, error, wall);
            c.commit();
        };
        if (writer.failed()) {
            // the writer stopped writing; record the status on a fresh connection
            try (Connection c = pool.getConnection()) {
                t.run(c);
            } catch (Exception e) {
                LOG.error("could not record run status {}", status.label(), e);
            }
            return;
        }
        flush();
        writer.call(c -> {
            t.run(c);
            return null;
        });
    }

    @Override
    public Map<String, Long> rowCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("exposures", exposureRows.get());
        m.put("events", eventRows.get());
        m.put("metrics", metricRows.get());
        m.put("interventions", interventionRows.get());
        return m;
    }

    @Override
    public void close() {
        if (writer.isClosed()) {
            return;
        }
        try {
            writer.stop();
            tables.close();
        } finally {
            // SHUTDOWN closes the database, and with it this connection: do not close them again
            try {
                Connection c = pool.getConnection();
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.warn("H2 shutdown failed: {}", e.getMessage());
            }
            pool.close();
        }
    }

    // ---------------------------------------------------------------- continuing a run (ReplayingLog)

    /**
     * Continues the run {@code runId} this database already holds (committed through {@code
     * lastTick}) instead of {@link #open opening} a new one: its status is 'running' again, and
     * exposure and event ids continue after its rows (ids are dense from 0). A fork passes its
     * own {@code newRun} row (the database holds the parent's rows, copied by {@link LogFork});
     * a resumed run passes null and keeps its row.
     */
    void continueRun(String runId, int lastTick, RunInfo newRun) {
        long[] next = writer.call(c -> {
            openTables();
            long[] n = tables.nextIds(c, lastTick);
            RowInserts.continueRun(c, runId, lastTick, newRun, dir);
            c.commit();
            return n;
        });
        this.runId = runId;
        this.lastCommittedTick = lastTick;
        this.nextExposureId = next[0];
        this.nextEventId = next[1];
    }

    /** On the writer thread: the Parquet writer, if the run stores its ticks there. */
    private void openTables() throws Exception {
        if (parquet && tables == TickTableWriter.H2) {
            tables = new ParquetTickWriter(dir, slateMaxLength);
        }
    }

    /** Leaves {@code request}'s rows out of later reads without logging it again (a replayed tick). */
    void rememberForgotten(ForgetRequest request) {
        forgotten.add(request);
    }

    /** Runs {@code query} on the writer's connection, after the rows staged before it. */
    <T> T read(WriterThread.Callable<T> query) {
        return writer.call(query);
    }

    // ---------------------------------------------------------------- recovery

    /**
     * Makes the database of a run that stopped uncleanly (status still 'running', e.g. after
     * SIGKILL or a power cut) consistent: the committed ticks are copied into a fresh database
     * that replaces {@code recloop.mv.db} (the original is kept as {@code recloop-crashed.mv.db}),
     * without the rows of later ticks, with status 'interrupted'. A run that finished, failed or
     * was interrupted cleanly is left as it is. In every case the rows of {@code metrics.csv}
     * after the last committed tick are removed (older versions wrote it ahead of the database).
     *
     * @throws EventLogException with a one-line message (naming a full disk, a missing
     *     permission or a database still in use) if the run cannot be recovered; the run folder
     *     is then as it was, and recovering again once the cause is gone works
     */
    public static Recovery recover(Path runDir) {
        return LogRecovery.recover(runDir);
    }
}
