package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

class H2EventLogIT {

    private static final int USERS = 4;
    private static final int ITEMS = 6;
    private static final int K = 3;

    @TempDir
    Path runDir;

    private static World tinyWorld(int users, int items) {
        Catalog c = new Catalog(2, items);
        for (int i = 0; i < items; i++) {
            c.add(new float[] {i, -i}, i % 2, i % 3, 0.5f, 1f + i, 0);
        }
        Population p = new Population(users, 2);
        for (int u = 0; u < users; u++) {
            p.preferences()[u * 2] = u;
            p.setActivity(u, 0.25f * u);
        }
        return World.of(c, p);
    }

    private static RunInfo run() {
        return new RunInfo("run-1", "it", "name: it\n", "{\"seed\":42}", 42L, "test", 1);
    }

    /** A staged exposure, as the test expects to find it in the database. */
    private record Exposure(int tick, int user, int item, int position, float score, byte source) {}

    /** A staged click: which exposure it belongs to. */
    private record Click(int tick, int user, int item, int position) {}

    /**
     * Slates of one tick for every user: user u gets items (u + tick + p) % ITEMS at position p;
     * user 3's slate holds only 2 items in odd ticks.
     */
    private static SlateBatch slates(int tick, List<Exposure> out) {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        SlateBatch b = new SlateBatch(users, K);
        b.setModelVersion(tick);
        for (int s = 0; s < USERS; s++) {
            int len = (s == 3 && tick % 2 == 1) ? 2 : K;
            for (int p = 0; p < len; p++) {
                int item = (s + tick + p) % ITEMS;
                float score = 10f - p + tick * 0.1f;
                SlateSource src = p == 2 ? SlateSource.SOCIAL : SlateSource.RECOMMENDER;
                b.set(s, p, item, score, 0.5f, src);
                out.add(new Exposure(tick, s, item, p, score, src.code()));
            }
        }
        return b;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection reopen() throws SQLException {
        return DriverManager.getConnection(H2EventLog.jdbcUrl(runDir), "sa", "");
    }

    /** Both exposure layouts must give the same exposures (the slates' view) and links. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void threeCommittedTicksAreWrittenAndLinked(boolean slateRows) throws Exception {
        World world = tinyWorld(USERS, ITEMS);
        List<Exposure> exposures = new ArrayList<>();
        List<Click> clicks = new ArrayList<>();
        Interactions beforeCommit;
        Interactions currentOnly;
        Map<String, Long> counts;
        try (H2EventLog log = new H2EventLog(runDir, 4)) {
            assertThat(log.directory()).isEqualTo(runDir.toAbsolutePath());
            if (slateRows) {
                log.storeSlatesAsRows(K);
            }
            log.open(run(), world);
            Interactions none = null;
            for (int tick = 0; tick < 3; tick++) {
                SlateBatch b = slates(tick, exposures);
                log.exposures(tick, b);
                EventBuffer ev = new EventBuffer(2);
                // user (tick % USERS) clicks position 1, user 3 clicks its last position
                int u = tick % USERS;
                ev.add(u, b.item(u, 1), EventType.CLICK, u, 1, 0.7f);
                clicks.add(new Click(tick, u, b.item(u, 1), 1));
                int last = b.length(3) - 1;
                ev.add(3, b.item(3, last), EventType.CLICK, 3, last, 0.2f);
                clicks.add(new Click(tick, 3, b.item(3, last), last));
                log.events(tick, b, ev);
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("ctr", 0.1 * tick);
                m.put("gini", tick == 1 ? null : 0.5); // null becomes SQL NULL
                log.metrics(tick, m);
                if (tick == 1) {
                    log.intervention(tick, "boost", "boost topic 1");
                    log.texts(tick, List.of(new AgentText(tick, 2, EventType.MESSAGE, -1, 3, "message", "hi there"),
                            new AgentText(tick, 1, EventType.CLICK, 4, -1, "reason", "looks fun")));
                }
                if (tick == 0) {
                    none = log.clicks(1, 2, USERS, ITEMS);
                }
                if (tick == 2) {
                    // staged but not committed: the writer's transaction must see it
                    beforeCommit = log.clicks(0, 2, USERS, ITEMS);
                    currentOnly = log.clicks(2, 2, USERS, ITEMS);
                    assertClicks(beforeCommit, clicks);
                    assertClicks(currentOnly, clicks.subList(4, 6));
                }
                log.commitTick(tick, 10 + tick);
            }
            assertThat(none.size()).isZero();
            assertThat(none.numUsers()).isEqualTo(USERS);
            assertThat(none.numItems()).isEqualTo(ITEMS);
            log.finish(RunStatus.FINISHED, null);
            counts = log.rowCounts();
        }
        assertThat(Files.exists(runDir.resolve(H2EventLog.DB_NAME + ".mv.db"))).isTrue();
        assertThat(counts).containsEntry("exposures", (long) exposures.size())
                .containsEntry("events", 6L).containsEntry("metrics", 6L).containsEntry("interventions", 1L);

        try (Connection c = reopen()) {
            assertThat(exposures).hasSize(3 * 12 - 1); // tick 1 has one short slate
            assertThat(count(c, "SELECT COUNT(*) FROM exposures")).isEqualTo(exposures.size());
            assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(6);
            assertThat(count(c, "SELECT COUNT(*) FROM metrics")).isEqualTo(6);
            // the value column is read by position (its name is an implementation detail)
            int nullMetrics = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM metrics")) {
                while (rs.next()) {
                    if (rs.getObject(3) == null) {
                        nullMetrics++;
                        assertThat(rs.getInt(1)).isEqualTo(1);
                        assertThat(rs.getString(2)).isEqualTo("gini");
                    }
                }
            }
            assertThat(nullMetrics).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM interventions")).isEqualTo(1);
            // one row per logged slate in slate storage, none otherwise
            assertThat(count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SLATES'"))
                    .isEqualTo(slateRows ? 1 : 0);
            if (slateRows) {
                assertThat(count(c, "SELECT COUNT(*) FROM slates")).isEqualTo(3 * USERS);
                assertThat(H2EventLog.slateMaxLength(c)).isEqualTo(K);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT tick, user_id, type, item_id, target_user, kind, text FROM texts ORDER BY user_id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getByte(3)).isEqualTo(EventType.CLICK.code());
                assertThat(rs.getInt(4)).isEqualTo(4);
                assertThat(rs.getObject(5)).isNull();
                assertThat(rs.getString(7)).isEqualTo("looks fun");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getByte(3)).isEqualTo(EventType.MESSAGE.code());
                assertThat(rs.getInt(4)).isEqualTo(-1); // "no item" as events store it
                assertThat(rs.getInt(5)).isEqualTo(3);
                assertThat(rs.getString(6)).isEqualTo("message");
                assertThat(rs.next()).isFalse();
            }
            assertThat(count(c, "SELECT COUNT(*) FROM items")).isEqualTo(ITEMS);
            assertThat(count(c, "SELECT COUNT(*) FROM users")).isEqualTo(USERS);

            // exposures in id order equal what was staged, ids 0..n-1
            assertExposures(c, exposures);

            // every event links to the exposure with the same tick/user/item/position
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT e.id, e.tick, e.user_id, e.item_id, e.position, e.type,"
                            + " x.tick, x.user_id, x.item_id, x.position FROM events e"
                            + " LEFT JOIN exposures x ON x.id = e.exposure_id ORDER BY e.id")) {
                int r = 0;
                while (rs.next()) {
                    Click want = clicks.get(r);
                    assertThat(rs.getLong(1)).isEqualTo(r);
                    assertThat(rs.getInt(2)).isEqualTo(want.tick());
                    assertThat(rs.getInt(3)).isEqualTo(want.user());
                    assertThat(rs.getInt(4)).isEqualTo(want.item());
                    assertThat(rs.getInt(5)).isEqualTo(want.position());
                    assertThat(rs.getByte(6)).isEqualTo(EventType.CLICK.code());
                    assertThat(rs.getObject(7)).as("event %d has an exposure", r).isNotNull();
                    assertThat(rs.getInt(7)).isEqualTo(want.tick());
                    assertThat(rs.getInt(8)).isEqualTo(want.user());
                    assertThat(rs.getInt(9)).isEqualTo(want.item());
                    assertThat(rs.getInt(10)).isEqualTo(want.position());
                    r++;
                }
                assertThat(r).isEqualTo(6);
            }

            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT tick, sessions, exposures, events FROM ticks ORDER BY tick")) {
                for (int tick = 0; tick < 3; tick++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(tick);
                    assertThat(rs.getInt(2)).isEqualTo(10 + tick);
                    assertThat(rs.getInt(3)).isEqualTo(tick == 1 ? 11 : 12);
                    assertThat(rs.getInt(4)).isEqualTo(2);
                }
                assertThat(rs.next()).isFalse();
            }

            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, name, seed, status, error, last_committed_tick,"
                            + " started_at, finished_at, wall_seconds, threads FROM runs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("run-1");
                assertThat(rs.getString(2)).isEqualTo("it");
                assertThat(rs.getLong(3)).isEqualTo(42L);
                assertThat(rs.getString(4)).isEqualTo("finished");
                assertThat(rs.getString(5)).isNull();
                assertThat(rs.getInt(6)).isEqualTo(2);
                assertThat(rs.getTimestamp(7)).isNotNull();
                assertThat(rs.getTimestamp(8)).isNotNull();
                assertThat(rs.getDouble(9)).isGreaterThanOrEqualTo(0.0);
                assertThat(rs.getInt(10)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }

            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT tick, type, description FROM interventions")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("boost");
                assertThat(rs.getString(3)).isEqualTo("boost topic 1");
            }

            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM metrics WHERE tick = 2 AND name = 'ctr'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(3)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
            }

            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT topic, creator, popularity, features FROM items WHERE id = 5")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.getFloat(3)).isEqualTo(6f);
                Object[] f = (Object[]) rs.getArray(4).getArray();
                assertThat(f).containsExactly(5f, -5f);
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT activity, preference FROM users WHERE id = 3")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getFloat(1)).isEqualTo(0.75f);
                Object[] f = (Object[]) rs.getArray(2).getArray();
                assertThat(f).containsExactly(3f, 0f);
            }
        }
    }

    private static void assertClicks(Interactions got, List<Click> want) {
        assertThat(got.size()).isEqualTo(want.size());
        assertThat(got.numUsers()).isEqualTo(USERS);
        assertThat(got.numItems()).isEqualTo(ITEMS);
        for (int r = 0; r < want.size(); r++) {
            assertThat(got.users()[r]).isEqualTo(want.get(r).user());
            assertThat(got.items()[r]).isEqualTo(want.get(r).item());
            assertThat(got.ticks()[r]).isEqualTo(want.get(r).tick());
            assertThat(got.values()[r]).isEqualTo(1f);
        }
    }

    private static void assertExposures(Connection c, List<Exposure> want) throws SQLException {
        assertThat(count(c, "SELECT COUNT(DISTINCT id) FROM exposures")).isEqualTo(want.size());
        assertThat(count(c, "SELECT MIN(id) FROM exposures")).isZero();
        assertThat(count(c, "SELECT MAX(id) FROM exposures")).isEqualTo(want.size() - 1);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, tick, user_id, item_id, position, score, source"
                        + " FROM exposures ORDER BY id")) {
            int r = 0;
            while (rs.next()) {
                Exposure e = want.get(r);
                assertThat(rs.getLong(1)).isEqualTo(r);
                assertThat(rs.getInt(2)).as("tick of row %d", r).isEqualTo(e.tick());
                assertThat(rs.getInt(3)).as("user of row %d", r).isEqualTo(e.user());
                assertThat(rs.getInt(4)).as("item of row %d", r).isEqualTo(e.item());
                assertThat(rs.getInt(5)).as("position of row %d", r).isEqualTo(e.position());
                assertThat(rs.getFloat(6)).as("score of row %d", r).isEqualTo(e.score());
                assertThat(rs.getByte(7)).as("source of row %d", r).isEqualTo(e.source());
                r++;
            }
            assertThat(r).isEqualTo(want.size());
        }
    }

    @Test
    void slateRowsOmitDefaultPropensitiesAndSourcesButTheViewRestoresThem() throws Exception {
        World world = tinyWorld(USERS, ITEMS);
        try (H2EventLog log = new H2EventLog(runDir, 4).storeSlatesAsRows(K)) {
            log.open(run(), world);
            SlateBatch b = new SlateBatch(new int[] {0, 1}, K);
            for (int p = 0; p < K; p++) {
                b.set(0, p, p, 1f - p, 1f, SlateSource.RECOMMENDER); // all defaults: no arrays stored
                b.set(1, p, p + 2, 1f, p == 1 ? 0.25f : 1f, p == 2 ? SlateSource.SOCIAL : SlateSource.RECOMMENDER);
            }
            log.exposures(0, b);
            log.events(0, b, new EventBuffer(1));
            log.commitTick(0, 2);
            log.finish(RunStatus.FINISHED, null);
        }
        try (Connection c = reopen()) {
            assertThat(count(c, "SELECT COUNT(*) FROM slates WHERE propensities IS NULL AND sources IS NULL"))
                    .isEqualTo(1);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT user_id, position, item_id, propensity, source FROM exposures ORDER BY id")) {
                float[][] want = {{0, 0, 0, 1, 0}, {0, 1, 1, 1, 0}, {0, 2, 2, 1, 0},
                    {1, 0, 2, 1, 0}, {1, 1, 3, 0.25f, 0}, {1, 2, 4, 1, SlateSource.SOCIAL.code()}};
                for (float[] w : want) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo((int) w[0]);
                    assertThat(rs.getInt(2)).isEqualTo((int) w[1]);
                    assertThat(rs.getInt(3)).isEqualTo((int) w[2]);
                    assertThat(rs.getFloat(4)).isEqualTo(w[3]);
                    assertThat(rs.getByte(5)).isEqualTo((byte) w[4]);
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void uncommittedTickIsDroppedOnFailure() throws Exception {
        World world = tinyWorld(USERS, ITEMS);
        List<Exposure> exposures = new ArrayList<>();
        try (H2EventLog log = new H2EventLog(runDir, 2)) {
            log.open(run(), world);
            SlateBatch b0 = slates(0, exposures);
            log.exposures(0, b0);
            EventBuffer ev0 = new EventBuffer();
            ev0.add(1, b0.item(1, 0), EventType.CLICK, 1, 0, 1f);
            log.events(0, b0, ev0);
            log.metrics(0, Map.of("ctr", 0.5));
            log.commitTick(0, 4);

            List<Exposure> lost = new ArrayList<>();
            SlateBatch b1 = slates(1, lost);
            log.exposures(1, b1);
            EventBuffer ev1 = new EventBuffer();
            ev1.add(2, b1.item(2, 2), EventType.CLICK, 2, 2, 1f);
            ev1.add(0, b1.item(0, 0), EventType.CLICK, 0, 0, 1f);
            log.events(1, b1, ev1);
            log.metrics(1, Map.of("ctr", 0.9));
            log.intervention(1, "ban", "never committed");
            // the writer sees tick 1 before the failure
            assertThat(log.clicks(0, 1, USERS, ITEMS).size()).isEqualTo(3);
            log.finish(RunStatus.FAILED, "boom");
        }
        try (Connection c = reopen()) {
            assertThat(count(c, "SELECT COUNT(*) FROM exposures")).isEqualTo(12);
            assertThat(count(c, "SELECT COUNT(*) FROM exposures WHERE tick = 1")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM events WHERE tick = 1")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM metrics")).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM interventions")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM ticks")).isEqualTo(1);
            assertThat(count(c, "SELECT MAX(tick) FROM ticks")).isZero();
            assertExposures(c, exposures);
            // the world written at open() was committed before the failed tick and stays
            assertThat(count(c, "SELECT COUNT(*) FROM items")).isEqualTo(ITEMS);
            assertThat(count(c, "SELECT COUNT(*) FROM users")).isEqualTo(USERS);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status, error, last_committed_tick, finished_at FROM runs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("failed");
                assertThat(rs.getString(2)).isEqualTo("boom");
                assertThat(rs.getInt(3)).isZero();
                assertThat(rs.getTimestamp(4)).isNotNull();
            }
        }
    }

    @Test
    void manyExposuresUseMultiRowStatementsWithoutGaps() throws Exception {
        int users = 1000;
        World world = tinyWorld(users, 50);
        List<Exposure> want = new ArrayList<>();
        List<Click> wantClicks = new ArrayList<>();
        // tick 0: 257 slates; tick 1: 1000 slates, > 2000 rows so one JDBC batch of 20 statements
        // is executed inside the loop and the rest after it; both ticks leave a remainder < 100
        int[] slateCounts = {257, 1000};
        int[] rowsPerTick = new int[2];
        try (H2EventLog log = new H2EventLog(runDir, 3)) {
            log.open(run(), world);
            for (int tick = 0; tick < 2; tick++) {
                int n = slateCounts[tick];
                int[] ids = new int[n];
                for (int s = 0; s < n; s++) {
                    ids[s] = (s * 7 + tick) % users;
                }
                SlateBatch b = new SlateBatch(ids, K);
                for (int s = 0; s < n; s++) {
                    // lengths 3,3,3,3,3,2,1,0 repeating: shorter slates and empty ones in between
                    int len = switch (s % 8) {
                        case 5 -> 2;
                        case 6 -> 1;
                        case 7 -> 0;
                        default -> K;
                    };
                    for (int p = 0; p < len; p++) {
                        int item = (s + p * 13 + tick) % 50;
                        float score = s + p / 10f;
                        b.set(s, p, item, score, 1f, SlateSource.SEARCH);
                        want.add(new Exposure(tick, ids[s], item, p, score, SlateSource.SEARCH.code()));
                        rowsPerTick[tick]++;
                    }
                }
                log.exposures(tick, b);
                EventBuffer ev = new EventBuffer();
                for (int s = 0; s < n; s += 4) {
                    int len = b.length(s);
                    if (len > 0) {
                        int p = s % len;
                        ev.add(ids[s], b.item(s, p), EventType.CLICK, s, p, 0.5f);
                        wantClicks.add(new Click(tick, ids[s], b.item(s, p), p));
                    }
                }
                // an event without an exposure (slate -1) gets a NULL exposure id
                ev.add(0, -1, EventType.CLICK, -1, -1, 0f);
                log.events(tick, b, ev);
                log.commitTick(tick, n);
            }
            log.finish(RunStatus.FINISHED, null);
        }
        assertThat(rowsPerTick[0] % 100).isNotZero();
        assertThat(rowsPerTick[0]).isGreaterThan(100);
        assertThat(rowsPerTick[1]).isGreaterThan(2000);
        assertThat(rowsPerTick[1] % 100).isNotZero();
        try (Connection c = reopen()) {
            assertThat(count(c, "SELECT COUNT(*) FROM exposures")).isEqualTo(want.size());
            assertExposures(c, want);
            assertThat(count(c, "SELECT COUNT(*) FROM exposures WHERE tick = 0")).isEqualTo(rowsPerTick[0]);
            assertThat(count(c, "SELECT MIN(id) FROM exposures WHERE tick = 1")).isEqualTo(rowsPerTick[0]);
            assertThat(count(c, "SELECT COUNT(*) FROM events WHERE exposure_id IS NULL")).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM events")).isEqualTo(wantClicks.size() + 2);
            assertThat(count(c, "SELECT COUNT(DISTINCT id) FROM events")).isEqualTo(wantClicks.size() + 2);
            assertThat(count(c, "SELECT MAX(id) FROM events")).isEqualTo(wantClicks.size() + 1);
            // every linked event points at the exposure it was staged for
            assertThat(count(c, "SELECT COUNT(*) FROM events e JOIN exposures x ON x.id = e.exposure_id"
                    + " WHERE x.tick = e.tick AND x.user_id = e.user_id AND x.item_id = e.item_id"
                    + " AND x.position = e.position")).isEqualTo(wantClicks.size());
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT exposures, events FROM ticks ORDER BY tick")) {
                for (int tick = 0; tick < 2; tick++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(rowsPerTick[tick]);
                }
            }
        }
    }
}
