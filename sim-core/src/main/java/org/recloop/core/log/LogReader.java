package org.recloop.core.log;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;

/**
 * Reads a run's database: the one way into the log for everything that is not the writer
 * (offline evaluation, metrics replay, reports, and later export and the GUI). The kernel's
 * {@link EventLog#clicks} reads through it on the writer's connection.
 *
 * <p>What a reader sees: only ticks committed as a whole (a killed run's database may hold rows
 * of the tick in progress), and nothing a forget request covers ({@link ForgetRequest}: a
 * forgotten user's events, exposures and state snapshots, and events targeting them; every event
 * and exposure of a forgotten item; the events of a forgotten pair), whatever the tick of the
 * request. The {@code items} and {@code users} tables describe the world at start and are
 * returned whole, so that ids stay dense.
 *
 * <p>Results are records of parallel primitive arrays, one entry per row, in log order. A reader
 * opened on a folder holds one read-only connection: not thread-safe; close it.
 */
public final class LogReader implements AutoCloseable {

    private static final int UNREAD = Integer.MIN_VALUE;

    private final Connection c;
    // the events and exposures: in this database, or in Parquet files beside it (log.store)
    private final TickTableReader ticks;
    private int lastCommitted = UNREAD;
    private Forgotten forgotten;

    private LogReader(Connection c, TickTableReader ticks) {
        this.c = c;
        this.ticks = ticks;
    }

    /**
     * Opens the database of a run folder read-only; it is neither created nor changed, so a
     * killed run stays recoverable.
     *
     * @throws LogReadException if there is no database or it cannot be opened
     *     ({@link LogReadException#databaseInUse} when another process writes it)
     * @throws H2Url.UnsafePathException if the folder's path cannot be given to H2
     */
    public static LogReader open(Path runDir) {
        String url = H2Url.ofRun(runDir, H2Url.Setting.KEEP_OPEN_AT_EXIT, H2Url.Setting.READ_ONLY,
                H2Url.Setting.EXISTING_ONLY);
        Connection c = null;
        try {
            c = DriverManager.getConnection(url, "sa", "");
            Path dir = runDir.toAbsolutePath();
            return new LogReader(c, ParquetLayout.present(dir) ? new ParquetTickReader(dir, c) : new H2TickReader(c, url));
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new LogReadException(e);
        }
    }

    @Override
    public void close() {
        try (c; ticks) {
            // the tick tables' reader first, then the database
        } catch (SQLException e) {
            throw new LogReadException(e);
        }
    }

    /** The SQL of a read, run on this reader's connection. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    private <T> T read(Read<T> body) {
        try {
            return body.run();
        } catch (SQLException e) {
            throw new LogReadException(e);
        }
    }

    // ---------------------------------------------------------------- the run

    /**
     * The run's row.
     *
     * @param status a {@link RunStatus} label ({@code running} for a run still going or killed)
     * @param error the error text of a run that did not finish, or null
     * @param lastCommittedTick the last tick committed as a whole, -1 if none
     */
    public record Run(String id, String name, long seed, String status, String error, int lastCommittedTick) {}

    /** The run's row. */
    public Run run() {
        return read(() -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, name, seed, status, error, last_committed_tick FROM runs")) {
                if (!rs.next()) {
                    throw new LogReadException("no run recorded in the database");
                }
                return new Run(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6));
            }
        });
    }

    /** The run's row with how it was made (scenario, code, hashes) and how it ended. */
    public RunRecord record() {
        return read(() -> RunRecord.read(c));
    }

    /** The last tick committed as a whole, -1 if none; later rows are never returned. */
    public int lastCommittedTick() {
        if (lastCommitted == UNREAD) {
            lastCommitted = read(() -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT last_committed_tick FROM runs")) {
                    if (!rs.next()) {
                        throw new LogReadException("no run recorded in the database");
                    }
                    return rs.getInt(1);
                }
            });
        }
        return lastCommitted;
    }

    /** The committed forget requests' tombstones (none in a database written before forgetting). */
    private Forgotten forgotten() {
        if (forgotten == null) {
            int last = lastCommittedTick();
            forgotten = read(() -> {
                Forgotten f = new Forgotten();
                if (!LogSchema.hasTable(c, "forgotten")) {
                    return f;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT scope, user_id, item_id FROM forgotten WHERE tick <= ?")) {
                    ps.setInt(1, last);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ForgetRequest.Scope scope = ForgetRequest.Scope.valueOf(rs.getString(1));
                            int user = rs.getInt(2);
                            user = rs.wasNull() ? -1 : user;
                            int item = rs.getInt(3);
                            item = rs.wasNull() ? -1 : item;
                            f.add(scope, user, item);
                        }
                    }
                }
                return f;
            });
        }
        return forgotten;
    }

    // ---------------------------------------------------------------- the world at start

    /** The items table in id order; {@code features[i]} is null where the row has none. */
    public record Items(int[] ids, int[] topics, int[] creators, float[] qualities, float[] popularities,
            int[] createdTicks, String[] titles, float[][] features) {
        public int size() {
            return ids.length;
        }
    }

    /** Every item, also those created in ticks after the last committed one. */
    public Items items() {
        return read(() -> {
            int n = count("SELECT COUNT(*) FROM items");
            Items it = new Items(new int[n], new int[n], new int[n], new float[n], new float[n], new int[n],
                    new String[n], new float[n][]);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, topic, creator, quality, popularity, created_tick, title, features FROM items ORDER BY id")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    it.ids[r] = rs.getInt(1);
                    it.topics[r] = rs.getInt(2);
                    it.creators[r] = rs.getInt(3);
                    it.qualities[r] = rs.getFloat(4);
                    it.popularities[r] = rs.getFloat(5);
                    it.createdTicks[r] = rs.getInt(6);
                    it.titles[r] = rs.getString(7);
                    it.features[r] = floats(rs.getArray(8));
                }
            }
            return it;
        });
    }

    /** The users table in id order (start states); {@code preferences[u]} is null where the row has none. */
    public record Users(int[] ids, byte[] archetypes, float[] activities, float[][] preferences) {
        public int size() {
            return ids.length;
        }
    }

    /** Every user, with the state they started in (or joined with). */
    public Users users() {
        return read(() -> {
            int n = count("SELECT COUNT(*) FROM users");
            Users us = new Users(new int[n], new byte[n], new float[n], new float[n][]);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, archetype, activity, preference FROM users ORDER BY id")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    us.ids[r] = rs.getInt(1);
                    us.archetypes[r] = rs.getByte(2);
                    us.activities[r] = rs.getFloat(3);
                    us.preferences[r] = floats(rs.getArray(4));
                }
            }
            return us;
        });
    }

    // ---------------------------------------------------------------- per tick

    /** Snapshots of users' true state taken at the end of a tick. */
    public record UserStates(int[] users, byte[] statuses, float[][] preferences) {
        public int size() {
            return users.length;
        }
    }

    /** The user_states rows of a committed tick (none if the run took no snapshot then). */
    public UserStates userStates(int tick) {
        if (tick > lastCommittedTick()) {
            return new UserStates(new int[0], new byte[0], new float[0][]);
        }
        Forgotten f = forgotten();
        return read(() -> {
            GrowingColumns.Ints users = new GrowingColumns.Ints();
            GrowingColumns.Bytes statuses = new GrowingColumns.Bytes();
            java.util.List<float[]> prefs = new java.util.ArrayList<>();
            eachRowOfTick("SELECT user_id, preference, status FROM user_states WHERE tick = ?", tick, rs -> {
                int u = rs.getInt(1);
                if (f.coversUser(u)) {
                    return;
                }
                users.add(u);
                prefs.add(floats(rs.getArray(2)));
                statuses.add(rs.getByte(3));
            });
            return new UserStates(users.toArray(), statuses.toArray(), prefs.toArray(new float[0][]));
        });
    }

    /**
     * The exposures of a tick: one row per shown position, in id order (slates are runs of rows).
     *
     * @param clickProbabilities each exposure's true click probability under the user model, as
     *     the run recorded it (a serving policy's off-policy logging); NaN where it was not recorded
     */
    public record Exposures(long[] ids, int[] users, int[] items, int[] positions, float[] scores,
            float[] propensities, byte[] sources, float[] clickProbabilities) {
        public int size() {
            return ids.length;
        }
    }

    /** The exposures of a committed tick, the forgotten ones left out. */
    public Exposures exposures(int tick) {
        Forgotten f = forgotten();
        if (tick > lastCommittedTick()) {
            return new TickRows.ExposureRows(f).finish();
        }
        return read(() -> ticks.exposures(tick, f));
    }

    /**
     * The events of a tick, in id order.
     *
     * @param types {@link EventType} codes
     * @param exposureIds the exposure each event answers, -1 if none
     * @param targets the target user (follow, message), -1 if none
     */
    public record Events(long[] ids, int[] users, int[] items, byte[] types, long[] exposureIds, int[] positions,
            float[] values, int[] targets) {
        public int size() {
            return ids.length;
        }
    }

    /** The events of a committed tick, the forgotten ones left out. */
    public Events events(int tick) {
        Forgotten f = forgotten();
        if (tick > lastCommittedTick()) {
            return new TickRows.EventRows(f).finish();
        }
        return read(() -> ticks.events(tick, f));
    }

    /**
     * The committed events in one tick-ordered pass: {@code tick(t)} of the stream equals {@link
     * #events(int) events(t)}, for ascending t. For readers of every tick (export), which would
     * otherwise scan the table once per tick.
     */
    public TickStream<Events> eventsByTick() {
        Forgotten f = forgotten();
        int last = lastCommittedTick();
        return read(() -> ticks.eventsByTick(last, f));
    }

    /**
     * The committed exposures in one tick-ordered pass, as {@link #eventsByTick} for {@link
     * #exposures(int)}: the slates table (or exposure rows) in storage order, with the recorded
     * click probabilities merged in by id, so neither a sort nor a join holds rows in memory.
     */
    public TickStream<Exposures> exposuresByTick() {
        Forgotten f = forgotten();
        int last = lastCommittedTick();
        return read(() -> ticks.exposuresByTick(last, f));
    }

    /** One row of a query, read where the cursor stands. */
    @FunctionalInterface
    private interface RowReader {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql}, whose one parameter is the tick, handing each row to {@code row} in result order. */
    private void eachRowOfTick(String sql, int tick, RowReader row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, tick);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    // ---------------------------------------------------------------- per run, by tick

    /**
     * The committed ticks with their totals (sessions, exposures and events as logged) and the
     * recommender that served each (null in a database written before this was recorded).
     */
    public record Ticks(int[] ticks, int[] sessions, int[] exposures, int[] events, String[] recommenders) {
        public int size() {
            return ticks.length;
        }
    }

    /** The ticks table up to the last committed tick, in tick order. */
    public Ticks ticks() {
        int last = lastCommittedTick();
        return read(() -> {
            int n = count("SELECT COUNT(*) FROM ticks WHERE tick <= " + last);
            Ticks t = new Ticks(new int[n], new int[n], new int[n], new int[n], new String[n]);
            String recommender = LogSchema.hasColumn(c, "ticks", "recommender") ? "recommender" : "NULL";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tick, sessions, exposures,"
                    + " events, " + recommender + " FROM ticks WHERE tick <= " + last + " ORDER BY tick")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    t.ticks[r] = rs.getInt(1);
                    t.sessions[r] = rs.getInt(2);
                    t.exposures[r] = rs.getInt(3);
                    t.events[r] = rs.getInt(4);
                    t.recommenders[r] = rs.getString(5);
                }
            }
            return t;
        });
    }

    /** Metric values per tick; a value the run could not compute is NaN. */
    public record Metrics(int[] ticks, String[] names, double[] values) {
        public int size() {
            return ticks.length;
        }
    }

    /** The metrics table of the committed ticks, in tick order. */
    public Metrics metrics() {
        int last = lastCommittedTick();
        return read(() -> {
            int n = count("SELECT COUNT(*) FROM metrics WHERE tick <= " + last);
            Metrics m = new Metrics(new int[n], new String[n], new double[n]);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT tick, name, val FROM metrics WHERE tick <= " + last + " ORDER BY tick")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    m.ticks[r] = rs.getInt(1);
                    m.names[r] = rs.getString(2);
                    double v = rs.getDouble(3);
                    m.values[r] = rs.wasNull() ? Double.NaN : v;
                }
            }
            return m;
        });
    }

    /** Applied interventions: tick, type and description of each. */
    public record Interventions(int[] ticks, String[] types, String[] descriptions) {
        public int size() {
            return ticks.length;
        }
    }

    /** The interventions of the committed ticks, in tick order. */
    public Interventions interventions() {
        int last = lastCommittedTick();
        return read(() -> {
            int n = count("SELECT COUNT(*) FROM interventions WHERE tick <= " + last);
            Interventions iv = new Interventions(new int[n], new String[n], new String[n]);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tick, type, description"
                    + " FROM interventions WHERE tick <= " + last + " ORDER BY tick")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    iv.ticks[r] = rs.getInt(1);
                    iv.types[r] = rs.getString(2);
                    iv.descriptions[r] = rs.getString(3);
                }
            }
            return iv;
        });
    }

    /**
     * The users opened as fake accounts (attackers) in the committed ticks: ground truth for
     * analysis and export (none for a database written before this was recorded).
     */
    public java.util.BitSet fakeAccounts() {
        int last = lastCommittedTick();
        return read(() -> {
            java.util.BitSet fake = new java.util.BitSet();
            if (LogSchema.hasTable(c, "fake_accounts")) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT first_user, end_user FROM fake_accounts WHERE tick <= " + last)) {
                    while (rs.next()) {
                        fake.set(rs.getInt(1), rs.getInt(2));
                    }
                }
            }
            return fake;
        });
    }

    /**
     * The audit of forgetting: one entry per request.
     *
     * @param scopes {@link ForgetRequest.Scope} names
     * @param sizes how many users, items or pairs each request named
     */
    public record ForgetRequests(int[] ticks, String[] scopes, int[] sizes, String[] reasons) {
        public int size() {
            return ticks.length;
        }
    }

    /** The forget requests of the committed ticks, in tick order (none before forgetting existed). */
    public ForgetRequests forgetRequests() {
        int last = lastCommittedTick();
        return read(() -> {
            if (!LogSchema.hasTable(c, "forget_requests")) {
                return new ForgetRequests(new int[0], new String[0], new int[0], new String[0]);
            }
            int n = count("SELECT COUNT(*) FROM forget_requests WHERE tick <= " + last);
            ForgetRequests f = new ForgetRequests(new int[n], new String[n], new int[n], new String[n]);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tick, scope, size, reason"
                    + " FROM forget_requests WHERE tick <= " + last + " ORDER BY tick")) {
                for (int r = 0; r < n && rs.next(); r++) {
                    f.ticks[r] = rs.getInt(1);
                    f.scopes[r] = rs.getString(2);
                    f.sizes[r] = rs.getInt(3);
                    f.reasons[r] = rs.getString(4);
                }
            }
            return f;
        });
    }

    // ---------------------------------------------------------------- clicks

    /**
     * The clicks of every committed tick, in log order, each with weight 1, the forgotten ones
     * left out. {@code numUsers} and {@code numItems} cover the users and items tables and every
     * id the committed clicks name (forgotten ones included: forgetting does not shrink the world).
     */
    public Interactions clicks() {
        int last = lastCommittedTick();
        Forgotten f = forgotten();
        return read(() -> {
            Interactions all = ticks.clicks(Integer.MIN_VALUE, last, 0, 0);
            int numUsers = count("SELECT COALESCE(MAX(id) + 1, 0) FROM users");
            int numItems = count("SELECT COALESCE(MAX(id) + 1, 0) FROM items");
            for (int r = 0; r < all.size(); r++) {
                numUsers = Math.max(numUsers, all.users()[r] + 1);
                numItems = Math.max(numItems, all.items()[r] + 1);
            }
            Interactions sized = new Interactions(all.users(), all.items(), all.ticks(), all.values(), numUsers,
                    numItems);
            return f.isEmpty() ? sized : f.filter(sized);
        });
    }

    /**
     * Clicks logged in ticks {@code [fromTick, toTick]} on a connection, in log order, each with
     * weight 1, forgotten ones included (the caller filters). On the writer's connection this
     * sees the tick being staged. ({@link ClickScan}.)
     */
    static Interactions clicks(Connection c, int fromTick, int toTick, int numUsers, int numItems)
            throws SQLException {
        return ClickScan.read(c, fromTick, toTick, numUsers, numItems);
    }

    // ---------------------------------------------------------------- helpers

    private int count(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static float[] floats(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object[] o = (Object[]) a.getArray();
        float[] f = new float[o.length];
        for (int i = 0; i < o.length; i++) {
            f[i] = ((Number) o[i]).floatValue();
        }
        return f;
    }
}
