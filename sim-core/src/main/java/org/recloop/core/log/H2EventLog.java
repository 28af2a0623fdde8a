package org.recloop.core.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
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
 * <p>One background writer thread owns one connection with auto-commit off; the simulation
 * thread hands it tasks through a bounded queue (back-pressure: at most {@code queueCapacity}
 * staged tasks, each at most one tick's rows of one table). A tick's rows go into one transaction
 * that {@link #commitTick} commits together with the tick's row in the {@code ticks} table, so
 * after a crash the database holds whole ticks only. Reads for learning ({@link #clicks}) run on
 * the writer's connection, so they see the tick being staged.
 *
 * <p>Rows are written with multi-row {@code INSERT ... VALUES (..),(..)} statements of
 * {@value #ROWS_PER_STATEMENT} rows in JDBC batches, the fastest H2 path measured here.
 * Exposure and event ids are assigned on the simulation thread in log order, so they are
 * deterministic.
 */
public final class H2EventLog implements EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(H2EventLog.class);
    static final int ROWS_PER_STATEMENT = 100;
    private static final int STATEMENTS_PER_BATCH = 20;

    /** The database file name inside a run folder, without H2's ".mv.db" suffix. */
    public static final String DB_NAME = "recloop";

    private final Path dir;
    private final HikariDataSource pool;
    private final BlockingQueue<Task> queue;
    private final java.util.concurrent.Semaphore rowPermits;
    private final int maxBufferedRows;
    private final AtomicLong bufferedRows = new AtomicLong();
    private final AtomicLong peakBufferedRows = new AtomicLong();
    private final Thread writer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
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
    private volatile boolean closed;
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

    /** Opens (creating if needed) the database of a run folder, buffering at most 2,000,000 rows. */
    public H2EventLog(Path runDir, int queueCapacity) {
        this(runDir, queueCapacity, 2_000_000);
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
        this.maxBufferedRows = maxBufferedRows;
        this.rowPermits = new java.util.concurrent.Semaphore(maxBufferedRows);
        this.dir = runDir.toAbsolutePath();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl(dir));
        cfg.setUsername("sa");
        cfg.setPassword("");
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(1);
        cfg.setAutoCommit(false);
        cfg.setPoolName("recloop-log");
        this.pool = new HikariDataSource(cfg);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::writeLoop, "recloop-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
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

    // ---------------------------------------------------------------- writer thread

    /**
     * A unit of work for the writer thread. After a write failure the writer no longer runs tasks
     * but still takes each one off the queue and calls {@link #skip}, so that whatever the task
     * holds (row permits) is released and whoever waits for it (a {@link #call}) is told.
     */
    @FunctionalInterface
    private interface Task {
        void run(Connection c) throws Exception;

        /** Called instead of {@link #run} once the log has failed with {@code cause}. */
        default void skip(Throwable cause) {}
    }

    private static final Task STOP = c -> {};

    /** How long staging waits for room before it looks again whether the writer has failed. */
    private static final long RECHECK_MILLIS = 100;

    private void writeLoop() {
        boolean stopped = false;
        try (Connection c = pool.getConnection()) {
            while (true) {
                Task t = queue.take();
                if (t == STOP) {
                    stopped = true;
                    return;
                }
                Throwable failed = failure.get();
                if (failed != null) {
                    t.skip(failed); // nothing more is written; callers see the failure
                    continue;
                }
                try {
                    t.run(c); // a task that throws has released what it held and told its waiter
                } catch (Throwable e) {
                    // roll back first: the run's status is then recorded on another connection,
                    // which must not wait for this transaction's row locks
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is broken; the failure below is what matters
                    }
                    recordFailure(e);
                }
            }
        } catch (InterruptedException e) {
            recordFailure(new EventLogException("the event log writer was interrupted", e));
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // no connection (e.g. the disk was full when the database opened): fail every task
            recordFailure(e);
            if (!stopped) {
                drainAfterFailure();
            }
        }
    }

    /** Keeps taking tasks after the writer lost its connection, failing each, until {@link #close}. */
    private void drainAfterFailure() {
        try {
            for (Task t = queue.take(); t != STOP; t = queue.take()) {
                t.skip(failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordFailure(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            // one line on the console; the stack trace only when debugging
            LOG.error("event log write failed: {}", StorageFailure.describe(e, dbFile()));
            LOG.debug("event log write failure", e);
        }
    }

    private Path dbFile() {
        return dir.resolve(DB_NAME + ".mv.db");
    }

    /** Stages a task of {@code rows} rows, blocking while the buffer holds too many rows. */
    private void submit(Task t, int rows) {
        int permits = Math.min(Math.max(rows, 0), maxBufferedRows);
        if (permits == 0) {
            submit(t);
            return;
        }
        try {
            // a writer that failed releases permits only as it skips tasks: look again regularly
            while (!rowPermits.tryAcquire(permits, RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while staging to the event log", e);
        }
        long now = bufferedRows.addAndGet(rows);
        peakBufferedRows.accumulateAndGet(now, Math::max);
        Task staged = new Task() {
            @Override
            public void run(Connection c) throws Exception {
                try {
                    t.run(c);
                } finally {
                    release();
                }
            }

            @Override
            public void skip(Throwable cause) {
                try {
                    t.skip(cause);
                } finally {
                    release();
                }
            }

            private void release() {
                bufferedRows.addAndGet(-rows);
                rowPermits.release(permits);
            }
        };
        try {
            submit(staged);
        } catch (RuntimeException e) {
            staged.skip(e); // never queued: give the permits back
            throw e;
        }
    }

    /** Most rows ever staged but not yet written at once (for tests and the benchmark). */
    public long peakBufferedRows() {
        return peakBufferedRows.get();
    }

    private void submit(Task t) {
        checkUsable();
        try {
            while (!queue.offer(t, RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                checkUsable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while staging to the event log", e);
        }
    }

    /** Throws if the writer failed, stopped or the log is closed: staging would wait forever. */
    private void checkUsable() {
        checkFailure();
        if (closed) {
            throw new IllegalStateException("event log is closed");
        }
        if (!writer.isAlive()) {
            throw new EventLogException("the event log writer has stopped: " + dbFile(), null);
        }
    }

    private <T> T call(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        submit(new Task() {
            @Override
            public void run(Connection c) throws Exception {
                try {
                    f.complete(body.call(c));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                    throw e;
                }
            }

            @Override
            public void skip(Throwable cause) {
                f.completeExceptionally(cause);
            }
        });
        try {
            while (true) {
                try {
                    return f.get(RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException slow) {
                    if (!writer.isAlive() && !f.isDone()) {
                        checkFailure(); // the task was queued after the writer stopped taking any
                        throw new EventLogException("the event log writer has stopped: " + dbFile(), null);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while waiting for the event log", e);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        }
    }

    @FunctionalInterface
    private interface Callable<T> {
        T call(Connection c) throws Exception;
    }

    private void checkFailure() {
        Throwable f = failure.get();
        if (f != null) {
            throw failed(f);
        }
    }

    /** The exception staging and waiting throw for a write failure; its message names a full disk. */
    private EventLogException failed(Throwable f) {
        return new EventLogException("event log write failed: " + StorageFailure.describe(f, dbFile()), f);
    }

    // ---------------------------------------------------------------- schema

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS runs (id VARCHAR(200) PRIMARY KEY, name VARCHAR(200), scenario CLOB,"
            + " resolved_config CLOB, seed BIGINT, code_version VARCHAR(100), threads INT, status VARCHAR(20),"
            + " error CLOB, started_at TIMESTAMP, finished_at TIMESTAMP, wall_seconds DOUBLE PRECISION,"
            + " last_committed_tick INT, code_commit VARCHAR(64), code_modified BOOLEAN, java_version VARCHAR(200),"
            + " scenario_sha256 VARCHAR(64), input_files CLOB)",
        "CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, topic INT, creator INT, quality REAL, popularity REAL,"
            + " created_tick INT, title VARCHAR(1000), features REAL ARRAY)",
        "CREATE TABLE IF NOT EXISTS users (id INT PRIMARY KEY, archetype TINYINT, activity REAL,"
            + " preference REAL ARRAY)",
        "CREATE TABLE IF NOT EXISTS events (id BIGINT, tick INT, user_id INT, item_id INT, type TINYINT,"
            + " exposure_id BIGINT, position SMALLINT, val REAL, target_user INT)",
        "CREATE TABLE IF NOT EXISTS metrics (tick INT, name VARCHAR(100), val DOUBLE PRECISION)",
        "CREATE TABLE IF NOT EXISTS interventions (tick INT, type VARCHAR(100), description VARCHAR(4000))",
        "CREATE TABLE IF NOT EXISTS user_states (tick INT, user_id INT, archetype TINYINT, status TINYINT,"
            + " activity REAL, preference REAL ARRAY)",
        "CREATE TABLE IF NOT EXISTS llm_calls (tick INT, user_id INT, prompt_hash VARCHAR(64), model VARCHAR(200),"
            + " tokens_in INT, tokens_out INT, latency_ms DOUBLE PRECISION, outcome VARCHAR(40), attempt INT)",
        "CREATE TABLE IF NOT EXISTS texts (tick INT, user_id INT, type TINYINT, item_id INT, target_user INT,"
            + " kind VARCHAR(20), text CLOB)",
        "CREATE TABLE IF NOT EXISTS ticks (tick INT PRIMARY KEY, sessions INT, exposures INT, events INT)",
        "CREATE TABLE IF NOT EXISTS forget_requests (tick INT, scope VARCHAR(20), size INT, reason VARCHAR(4000))",
        "CREATE TABLE IF NOT EXISTS forgotten (tick INT, scope VARCHAR(20), user_id INT, item_id INT)",
    };

    /** One row per exposure. */
    private static final String EXPOSURE_ROWS_DDL = "CREATE TABLE IF NOT EXISTS exposures (id BIGINT, tick INT,"
            + " user_id INT, item_id INT, position SMALLINT, score REAL, propensity REAL, model_version INT,"
            + " source TINYINT)";

    /**
     * One row per slate: the exposure at position p has id first_exposure_id + p. propensities is
     * NULL when every propensity of the slate is 1, sources is NULL when every item came from
     * the recommender (source 0): the common case costs no array.
     */
    private static final String SLATES_DDL = "CREATE TABLE IF NOT EXISTS slates (first_exposure_id BIGINT, tick INT,"
            + " user_id INT, model_version INT, items INT ARRAY, scores REAL ARRAY, propensities REAL ARRAY,"
            + " sources TINYINT ARRAY)";

    /**
     * The exposures of slate storage as a view with exactly the columns of the row table, so SQL
     * written for one layout runs on the other. H2 cannot UNNEST a column of the outer row, so
     * each slate is joined with positions 1..maxLength.
     */
    static String exposuresViewDdl(int maxLength) {
        return "CREATE VIEW IF NOT EXISTS exposures AS SELECT CAST(s.first_exposure_id + r.X - 1 AS BIGINT) AS id,"
                + " s.tick, s.user_id, s.items[r.X] AS item_id, CAST(r.X - 1 AS SMALLINT) AS position,"
                + " s.scores[r.X] AS score, COALESCE(s.propensities[r.X], CAST(1 AS REAL)) AS propensity,"
                + " s.model_version, COALESCE(s.sources[r.X], CAST(0 AS TINYINT)) AS source"
                + " FROM slates s JOIN SYSTEM_RANGE(1, " + maxLength + ") r"
                + " ON r.X <= CARDINALITY(s.items)";
    }

    private static void createExposureTables(Statement st, int slateMaxLength) throws SQLException {
        if (slateMaxLength > 0) {
            st.execute(SLATES_DDL);
            st.execute(exposuresViewDdl(slateMaxLength));
        } else {
            st.execute(EXPOSURE_ROWS_DDL);
        }
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

    /** Whether slates are stored one per row (see {@link #storeSlatesAsRows}). */
    public boolean storesSlatesAsRows() {
        return slateMaxLength > 0;
    }

    @Override
    public void open(RunInfo run, World world) {
        this.runId = run.runId();
        Catalog catalog = world.catalog();
        Population pop = world.population();
        call(c -> {
            try (Statement st = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
                createExposureTables(st, slateMaxLength);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, name, scenario, resolved_config, seed,"
                    + " code_version, threads, status, started_at, last_committed_tick, code_commit, code_modified,"
                    + " java_version, scenario_sha256, input_files) VALUES (?,?,?,?,?,?,?,?,?,-1,?,?,?,?,?)")) {
                ps.setString(1, run.runId());
                ps.setString(2, run.name());
                ps.setString(3, run.scenarioText());
                ps.setString(4, run.resolvedConfig());
                ps.setLong(5, run.seed());
                ps.setString(6, run.codeVersion());
                ps.setInt(7, run.threads());
                ps.setString(8, RunStatus.RUNNING.label());
                ps.setTimestamp(9, Timestamp.from(Instant.now()));
                ProvenanceColumns.bind(ps, 10, run.provenance());
                ps.executeUpdate();
            }
            insertItems(c, catalog, 0, catalog.size(), 0);
            insertUsers(c, pop);
            c.commit();
            return null;
        });
    }

    /** Inserts catalog items {@code [from, to)} with ids shifted by {@code idBase}. */
    private static void insertItems(Connection c, Catalog catalog, int from, int to, int idBase) throws SQLException {
        int dim = catalog.dim();
        float[] feats = catalog.features();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?,?,?,?,?,?,?,?)")) {
            int n = 0;
            for (int i = from; i < to; i++) {
                ps.setInt(1, idBase + i);
                ps.setInt(2, catalog.topic(i));
                ps.setInt(3, catalog.creator(i));
                ps.setFloat(4, catalog.quality(i));
                ps.setFloat(5, catalog.popularityPrior(i));
                ps.setInt(6, catalog.createdTick(i));
                ps.setString(7, catalog.title(i).orElse(null));
                ps.setArray(8, floatArray(c, feats, i * dim, dim));
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void insertUsers(Connection c, Population pop) throws SQLException {
        insertUsers(c, pop, 0, pop.size());
    }

    private static void insertUsers(Connection c, Population pop, int from, int to) throws SQLException {
        int dim = pop.dim();
        float[] prefs = pop.preferences();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?,?,?,?)")) {
            for (int u = from; u < to; u++) {
                ps.setInt(1, u);
                ps.setByte(2, pop.archetype(u));
                ps.setFloat(3, pop.activity(u));
                ps.setArray(4, floatArray(c, prefs, u * dim, dim));
                ps.addBatch();
                if ((u + 1) % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static Array floatArray(Connection c, float[] src, int offset, int len) throws SQLException {
        Float[] boxed = new Float[len];
        for (int i = 0; i < len; i++) {
            boxed[i] = src[offset + i];
        }
        return c.createArrayOf("REAL", boxed);
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
        submit(c -> insertItems(c, copy, 0, copy.size(), from));
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
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_states VALUES (?,?,?,?,?,?)")) {
                for (int u = 0; u < n; u++) {
                    ps.setInt(1, tick);
                    ps.setInt(2, u);
                    ps.setByte(3, arch[u]);
                    ps.setByte(4, status[u]);
                    ps.setFloat(5, act[u]);
                    ps.setArray(6, floatArray(c, prefs, u * dim, dim));
                    ps.addBatch();
                    if ((u + 1) % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }, n);
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
    public void exposures(int tick, SlateBatch slates, java.util.BitSet logged) {
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
        submit(c -> {
            MultiRowInsert ins = new MultiRowInsert(c, "exposures", 9);
            ins.write(rows, new RowBinder() {
                int s = 0;

                @Override
                public void bind(PreparedStatement ps, int p, int row) throws SQLException {
                    while (offsets[s + 1] <= row) {
                        s++;
                    }
                    int pos = row - offsets[s];
                    ps.setLong(p, base + row);
                    ps.setInt(p + 1, tick);
                    ps.setInt(p + 2, slates.user(s));
                    ps.setInt(p + 3, slates.item(s, pos));
                    ps.setShort(p + 4, (short) pos);
                    ps.setFloat(p + 5, slates.score(s, pos));
                    ps.setFloat(p + 6, slates.propensity(s, pos));
                    ps.setInt(p + 7, version);
                    ps.setByte(p + 8, slates.source(s, pos));
                }
            });
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
        submit(c -> {
            MultiRowInsert ins = new MultiRowInsert(c, "slates", 8);
            ins.write(which.length, (ps, p, row) -> {
                int s = which[row];
                int len = offsets[s + 1] - offsets[s];
                Integer[] items = new Integer[len];
                Float[] scores = new Float[len];
                boolean unitPropensity = true;
                boolean fromRecommender = true;
                for (int pos = 0; pos < len; pos++) {
                    items[pos] = slates.item(s, pos);
                    scores[pos] = slates.score(s, pos);
                    unitPropensity &= slates.propensity(s, pos) == 1f;
                    fromRecommender &= slates.source(s, pos) == 0;
                }
                Float[] props = null;
                if (!unitPropensity) {
                    props = new Float[len];
                    for (int pos = 0; pos < len; pos++) {
                        props[pos] = slates.propensity(s, pos);
                    }
                }
                Byte[] sources = null;
                if (!fromRecommender) {
                    sources = new Byte[len];
                    for (int pos = 0; pos < len; pos++) {
                        sources[pos] = slates.source(s, pos);
                    }
                }
                ps.setLong(p, base + offsets[s]);
                ps.setInt(p + 1, tick);
                ps.setInt(p + 2, slates.user(s));
                ps.setInt(p + 3, version);
                ps.setObject(p + 4, items);
                ps.setObject(p + 5, scores);
                if (props == null) {
                    ps.setNull(p + 6, Types.ARRAY);
                } else {
                    ps.setObject(p + 6, props);
                }
                if (sources == null) {
                    ps.setNull(p + 7, Types.ARRAY);
                } else {
                    ps.setObject(p + 7, sources);
                }
            });
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
        submit(c -> {
            MultiRowInsert ins = new MultiRowInsert(c, "events", 9);
            ins.write(rows, (ps, p, i) -> {
                ps.setLong(p, base + i);
                ps.setInt(p + 1, tick);
                ps.setInt(p + 2, events.user(i));
                ps.setInt(p + 3, events.item(i));
                ps.setByte(p + 4, events.typeCode(i));
                if (exposureIds[i] >= 0) {
                    ps.setLong(p + 5, exposureIds[i]);
                } else {
                    ps.setNull(p + 5, Types.BIGINT);
                }
                ps.setShort(p + 6, (short) events.position(i));
                ps.setFloat(p + 7, events.value(i));
                if (events.target(i) >= 0) {
                    ps.setInt(p + 8, events.target(i));
                } else {
                    ps.setNull(p + 8, Types.INTEGER);
                }
            });
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
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics VALUES (?,?,?)")) {
                for (int i = 0; i < names.length; i++) {
                    ps.setInt(1, tick);
                    ps.setString(2, names[i]);
                    if (Double.isNaN(vals[i])) {
                        ps.setNull(3, Types.DOUBLE);
                    } else {
                        ps.setDouble(3, vals[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            pendingMetrics += names.length;
        });
    }

    @Override
    public void modelCalls(int tick, java.util.List<ModelCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        final java.util.List<ModelCall> copy = java.util.List.copyOf(calls);
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO llm_calls VALUES (?,?,?,?,?,?,?,?,?)")) {
                for (ModelCall m : copy) {
                    ps.setInt(1, m.tick());
                    ps.setInt(2, m.user());
                    ps.setString(3, m.promptHash());
                    ps.setString(4, m.model());
                    // unknown counts are NULL, so that SUM(tokens_in) counts what was reported
                    if (m.tokensIn() >= 0) {
                        ps.setInt(5, m.tokensIn());
                    } else {
                        ps.setNull(5, java.sql.Types.INTEGER);
                    }
                    if (m.tokensOut() >= 0) {
                        ps.setInt(6, m.tokensOut());
                    } else {
                        ps.setNull(6, java.sql.Types.INTEGER);
                    }
                    ps.setDouble(7, m.latencyMs());
                    ps.setString(8, m.outcome());
                    ps.setInt(9, m.attempt());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void texts(int tick, java.util.List<AgentText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        final java.util.List<AgentText> copy = java.util.List.copyOf(texts);
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO texts VALUES (?,?,?,?,?,?,?)")) {
                for (AgentText t : copy) {
                    ps.setInt(1, t.tick());
                    ps.setInt(2, t.user());
                    ps.setByte(3, t.type().code());
                    ps.setInt(4, t.item()); // -1 when none, as in events: the two join on item_id
                    if (t.targetUser() >= 0) {
                        ps.setInt(5, t.targetUser());
                    } else {
                        ps.setNull(5, Types.INTEGER);
                    }
                    ps.setString(6, t.kind());
                    ps.setString(7, t.text());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
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
        submit(c -> insertUsers(c, copy, from, to), to - from);
    }

    @Override
    public void forget(int tick, ForgetRequest request) {
        forgotten.add(request);
        int[] ids = request.ids();
        int[] items = request.items();
        String scope = request.scope().name();
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO forget_requests VALUES (?,?,?,?)")) {
                ps.setInt(1, tick);
                ps.setString(2, scope);
                ps.setInt(3, ids.length);
                ps.setString(4, request.reason());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO forgotten VALUES (?,?,?,?)")) {
                for (int i = 0; i < ids.length; i++) {
                    ps.setInt(1, tick);
                    ps.setString(2, scope);
                    boolean itemScope = request.scope() == ForgetRequest.Scope.ITEMS;
                    if (itemScope) {
                        ps.setNull(3, Types.INTEGER);
                        ps.setInt(4, ids[i]);
                    } else {
                        ps.setInt(3, ids[i]);
                        if (items.length > 0) {
                            ps.setInt(4, items[i]);
                        } else {
                            ps.setNull(4, Types.INTEGER);
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }, ids.length + 1);
    }

    @Override
    public void intervention(int tick, String type, String description) {
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO interventions VALUES (?,?,?)")) {
                ps.setInt(1, tick);
                ps.setString(2, type);
                ps.setString(3, description);
                ps.executeUpdate();
            }
            pendingInterventions++;
        });
    }

    @Override
    public void commitTick(int tick, int sessions) {
        beginTick(tick);
        final int exp = stagedExposures;
        final int ev = stagedEvents;
        final String id = runId;
        submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticks VALUES (?,?,?,?)")) {
                ps.setInt(1, tick);
                ps.setInt(2, sessions);
                ps.setInt(3, exp);
                ps.setInt(4, ev);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET last_committed_tick = ? WHERE id = ?")) {
                ps.setInt(1, tick);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            c.commit();
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
        Interactions all = readClicks(fromTick, toTick, numUsers, numItems);
        return forgotten.isEmpty() ? all : forgotten.filter(all);
    }

    private Interactions readClicks(int fromTick, int toTick, int numUsers, int numItems) {
        return call(c -> {
            int n;
            String where = " FROM events WHERE type = " + EventType.CLICK.code() + " AND tick BETWEEN ? AND ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
                ps.setInt(1, fromTick);
                ps.setInt(2, toTick);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getInt(1);
                }
            }
            int[] users = new int[n];
            int[] items = new int[n];
            int[] ticks = new int[n];
            float[] values = new float[n];
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, item_id, tick" + where + " ORDER BY id")) {
                ps.setInt(1, fromTick);
                ps.setInt(2, toTick);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    int r = 0;
                    while (rs.next() && r < n) {
                        users[r] = rs.getInt(1);
                        items[r] = rs.getInt(2);
                        ticks[r] = rs.getInt(3);
                        values[r] = 1f;
                        r++;
                    }
                }
            }
            return new Interactions(users, items, ticks, values, numUsers, numItems);
        });
    }

    @Override
    public void flush() {
        call(c -> null);
    }

    @Override
    public void finish(RunStatus status, String error) {
        if (closed || runId == null) {
            return;
        }
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        Task t = c -> {
            c.rollback(); // an unfinished tick is not part of the log
            pendingExposures = 0;
            pendingEvents = 0;
            pendingMetrics = 0;
            pendingInterventions = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET status = ?, error = ?, finished_at = ?, wall_seconds = ? WHERE id = ?")) {
                ps.setString(1, status.label());
                ps.setString(2, error);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.setDouble(4, wall);
                ps.setString(5, runId);
                ps.executeUpdate();
            }
            c.commit();
        };
        if (failure.get() != null) {
            // the writer stopped writing; record the status on a fresh connection
            try (Connection c = pool.getConnection()) {
                t.run(c);
            } catch (Exception e) {
                LOG.error("could not record run status {}", status.label(), e);
            }
            return;
        }
        flush();
        call(c -> {
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
        if (closed) {
            return;
        }
        try {
            // a writer that died takes nothing from a full queue: do not wait for room then
            while (writer.isAlive() && !queue.offer(STOP, RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the writer is still working through the queue
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
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

    // ---------------------------------------------------------------- recovery

    /**
     * What {@link #recover} did.
     *
     * @param status the run's status before recovery
     * @param lastCommittedTick the last tick committed as a whole
     * @param rowsRemoved rows of later, uncommitted ticks that were removed
     * @param csvRowsRemoved rows of metrics.csv after the last committed tick that were removed
     */
    public record Recovery(String status, int lastCommittedTick, long rowsRemoved, int csvRowsRemoved) {}

    /**
     * Makes the database of a run that stopped uncleanly (status still 'running', e.g. after
     * SIGKILL or a power cut) consistent: the committed ticks are copied into a fresh database
     * that replaces {@code recloop.mv.db} (the original is kept as {@code recloop-crashed.mv.db}),
     * without the rows of later ticks, with status 'interrupted'. H2 should roll back the open
     * transaction when the file is reopened, but after a kill during a large multi-row insert it
     * has been seen to keep the half-written tick's rows visible and its row locks held. A run
     * that finished, failed or was interrupted cleanly is left as it is. In every case the rows
     * of {@code metrics.csv} after the last committed tick are removed (older versions wrote it
     * ahead of the database).
     *
     * @throws EventLogException with a one-line message (naming a full disk, a missing
     *     permission or a database still in use) if the run cannot be recovered; the run folder
     *     is then as it was, and recovering again once the cause is gone works
     */
    public static Recovery recover(Path runDir) {
        Path dir = runDir.toAbsolutePath();
        String status;
        int last;
        Path fresh = dir.resolve("recovering");
        long removed = 0;
        try {
            deleteRecoveryFolder(fresh); // left by an attempt that failed, e.g. on a full disk
        } catch (java.io.IOException e) {
            throw new EventLogException("cannot recover " + dir + ": " + StorageFailure.describe(e, fresh), e);
        }
        try (Connection src = java.sql.DriverManager.getConnection(jdbcUrl(dir), "sa", "")) {
            try (Statement st = src.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status, last_committed_tick FROM runs")) {
                if (!rs.next()) {
                    throw new EventLogException("no run recorded in " + dir, null);
                }
                status = rs.getString(1);
                last = rs.getInt(2);
            }
            if (!RunStatus.RUNNING.label().equals(status)) {
                return new Recovery(status, last, 0, MetricsCsvTrim.trim(dir, last));
            }
            // H2 may reopen a killed database with the writer's last transaction still pending:
            // its rows are visible and its row locks never released, so the file cannot be
            // repaired in place. Copy the committed ticks into a fresh database instead.
            java.nio.file.Files.createDirectories(fresh);
            try (Connection dst = java.sql.DriverManager.getConnection(jdbcUrl(fresh), "sa", "")) {
                dst.setAutoCommit(false);
                int slateMax = slateMaxLength(src);
                try (Statement st = dst.createStatement()) {
                    for (String ddl : SCHEMA) {
                        st.execute(ddl);
                    }
                    createExposureTables(st, slateMax);
                }
                String[][] tables = {{"runs", ""}, {"items", "created_tick <= ?"}, {"users", ""},
                    {slateMax > 0 ? "slates" : "exposures", "tick <= ?"}, {"events", "tick <= ?"}, {"metrics", "tick <= ?"},
                    {"interventions", "tick <= ?"}, {"user_states", "tick <= ?"}, {"llm_calls", "tick <= ?"},
                    {"texts", "tick <= ?"}, {"forget_requests", "tick <= ?"}, {"forgotten", "tick <= ?"},
                    {"ticks", "tick <= ?"}};
                for (String[] t : tables) {
                    removed += copy(src, dst, t[0], t[1], last);
                }
                try (PreparedStatement ps = dst.prepareStatement("UPDATE runs SET status = ?, error = ?")) {
                    ps.setString(1, RunStatus.INTERRUPTED.label());
                    ps.setString(2, "stopped uncleanly; recovered to the end of tick " + last + " (" + removed
                            + " rows of later ticks removed; the original file is kept as recloop-crashed.mv.db)");
                    ps.executeUpdate();
                }
                dst.commit();
                try (Statement st = dst.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
            src.createStatement().execute("SHUTDOWN");
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            try {
                deleteRecoveryFolder(fresh);
            } catch (java.io.IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new EventLogException("cannot recover " + dir + ": " + recoveryProblem(e, dir), e);
        }
        int csvRemoved;
        try {
            java.nio.file.Files.move(dir.resolve(DB_NAME + ".mv.db"), dir.resolve(DB_NAME + "-crashed.mv.db"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.move(fresh.resolve(DB_NAME + ".mv.db"), dir.resolve(DB_NAME + ".mv.db"));
            try (var left = java.nio.file.Files.list(fresh)) {
                for (Path f : left.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(fresh);
            csvRemoved = MetricsCsvTrim.trim(dir, last);
        } catch (java.io.IOException e) {
            throw new EventLogException("cannot replace the database of " + dir + ": "
                    + StorageFailure.describe(e, dir), e);
        }
        return new Recovery(status, last, removed, csvRemoved);
    }

    /** Why recovery failed, in one line. */
    private static String recoveryProblem(Throwable e, Path dir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN_1
                return "the database is in use (is the run still going?)";
            }
        }
        return StorageFailure.describe(e, dir);
    }

    private static void deleteRecoveryFolder(Path fresh) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(fresh)) {
            return;
        }
        try (var left = java.nio.file.Files.list(fresh)) {
            for (Path f : left.toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        java.nio.file.Files.delete(fresh);
    }

    /**
     * The longest slate the exposures view of a slate-storage database covers, 0 if the database
     * stores exposures as rows.
     */
    static int slateMaxLength(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VIEW_DEFINITION FROM"
                + " INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'EXPOSURES'")) {
            if (!rs.next()) {
                return 0;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("SYSTEM_RANGE\\(1, (\\d+)\\)")
                    .matcher(rs.getString(1));
            if (!m.find()) {
                throw new SQLException("unrecognised exposures view: " + rs.getString(1));
            }
            return Integer.parseInt(m.group(1));
        }
    }

    /** Copies the rows of a table that pass the tick filter; returns how many were left out. */
    private static long copy(Connection src, Connection dst, String table, String filter, int last) throws SQLException {
        try (PreparedStatement ps = src.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?")) {
            ps.setString(1, table.toUpperCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return 0; // written by a version without this table (e.g. texts): nothing to copy
                }
            }
        }
        long total;
        try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            total = rs.getLong(1);
        }
        long kept = 0;
        try (PreparedStatement q = src.prepareStatement("SELECT * FROM " + table
                + (filter.isEmpty() ? "" : " WHERE " + filter))) {
            if (!filter.isEmpty()) {
                q.setInt(1, last);
            }
            q.setFetchSize(10_000);
            try (ResultSet rs = q.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                // columns by name: a database written by an older version may lack newer columns
                StringBuilder names = new StringBuilder();
                StringBuilder marks = new StringBuilder();
                for (int c = 1; c <= cols; c++) {
                    names.append(c == 1 ? "" : ",").append('"').append(rs.getMetaData().getColumnName(c)).append('"');
                    marks.append(c == 1 ? "?" : ",?");
                }
                String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
                try (PreparedStatement ins = dst.prepareStatement(sql)) {
                    while (rs.next()) {
                        for (int c = 1; c <= cols; c++) {
                            ins.setObject(c, rs.getObject(c));
                        }
                        ins.addBatch();
                        if (++kept % 5000 == 0) {
                            ins.executeBatch();
                        }
                    }
                    ins.executeBatch();
                }
            }
        }
        return total - kept;
    }

    // ---------------------------------------------------------------- multi-row insert

    @FunctionalInterface
    interface RowBinder {
        /** Binds row {@code row} to parameters starting at 1-based index {@code p}. */
        void bind(PreparedStatement ps, int p, int row) throws SQLException;
    }

    /** Writes rows with INSERT statements of {@value #ROWS_PER_STATEMENT} rows, in JDBC batches. */
    static final class MultiRowInsert {
        private final Connection c;
        private final String table;
        private final int cols;

        MultiRowInsert(Connection c, String table, int cols) {
            this.c = c;
            this.table = table;
            this.cols = cols;
        }

        private String sql(int rows) {
            StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
            StringBuilder one = new StringBuilder("(");
            for (int i = 0; i < cols; i++) {
                one.append(i == 0 ? "?" : ",?");
            }
            one.append(')');
            for (int r = 0; r < rows; r++) {
                if (r > 0) {
                    sb.append(',');
                }
                sb.append(one);
            }
            return sb.toString();
        }

        void write(int rows, RowBinder binder) throws SQLException {
            int full = rows / ROWS_PER_STATEMENT;
            int row = 0;
            if (full > 0) {
                try (PreparedStatement ps = c.prepareStatement(sql(ROWS_PER_STATEMENT))) {
                    for (int b = 0; b < full; b++) {
                        for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
                            binder.bind(ps, r * cols + 1, row++);
                        }
                        ps.addBatch();
                        if ((b + 1) % STATEMENTS_PER_BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            int rest = rows - row;
            if (rest > 0) {
                try (PreparedStatement ps = c.prepareStatement(sql(rest))) {
                    for (int r = 0; r < rest; r++) {
                        binder.bind(ps, r * cols + 1, row++);
                    }
                    ps.executeUpdate();
                }
            }
        }
    }
}
