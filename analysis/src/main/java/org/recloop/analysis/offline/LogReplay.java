package org.recloop.analysis.offline;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.EventType;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.serve.SlateSource;
import org.recloop.core.sim.PlatformEffects;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;
import org.recloop.core.world.io.DataFileException;

/**
 * Computes metrics offline over a run's log: rebuilds each committed tick's slates (from the
 * exposures table) and events, replays the platform's own bookkeeping (consumption history,
 * counts, churn, activity) and hands the same {@link TickView} the online Observe phase saw to
 * any {@link Metric}. Ground truth comes from the items and users tables and, when the run kept
 * them, the user_states snapshots (preferences drift between snapshots are not recoverable, so
 * preference-based metrics are exact only at snapshot ticks or without drift). The follow graph
 * is not logged, so graph-based measures are not available. With sampled exposures only the
 * sampled slates are seen.
 */
public final class LogReplay {

    private LogReplay() {}

    /** Per tick, the values of the metrics, in order. */
    public static List<Map<String, Double>> run(Path runDir, List<Metric> metrics) {
        try (Connection c = DriverManager.getConnection(org.recloop.core.log.H2Url.ofRun(runDir,
                org.recloop.core.log.H2Url.Setting.KEEP_OPEN_AT_EXIT, org.recloop.core.log.H2Url.Setting.READ_ONLY), "sa", "")) {
            long seed;
            int last;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT seed, last_committed_tick FROM runs")) {
                if (!rs.next()) {
                    throw new DataFileException(runDir.toString(), 0, "no run recorded in the database");
                }
                seed = rs.getLong(1);
                last = rs.getInt(2);
            }
            // items in id order (ids are assigned in creation order)
            List<Object[]> items = new ArrayList<>();
            int dim = -1;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, topic, creator, quality, popularity, created_tick, title, features FROM items ORDER BY id")) {
                while (rs.next()) {
                    float[] f = floats(rs.getArray(8));
                    dim = f.length;
                    items.add(new Object[] {rs.getInt(2), rs.getInt(3), rs.getFloat(4), rs.getFloat(5), rs.getInt(6),
                        rs.getString(7), f});
                }
            }
            int users = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM users")) {
                rs.next();
                users = rs.getInt(1);
            }
            Population pop = new Population(users, dim);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id, archetype, activity, preference FROM users ORDER BY id")) {
                while (rs.next()) {
                    int u = rs.getInt(1);
                    pop.setArchetype(u, rs.getByte(2));
                    pop.setActivity(u, rs.getFloat(3));
                    System.arraycopy(floats(rs.getArray(4)), 0, pop.preferences(), u * dim, dim);
                }
            }
            Catalog cat = new Catalog(dim, items.size());
            World world = World.of(cat, pop);
            int nextItem = 0;
            long[] itemExposures = new long[items.size()];
            long[] itemClicks = new long[items.size()];
            RandomStreams streams = new RandomStreams(seed);
            List<Map<String, Double>> out = new ArrayList<>();
            for (int t = 0; t <= last; t++) {
                while (nextItem < items.size() && (int) items.get(nextItem)[4] <= t) {
                    Object[] it = items.get(nextItem);
                    int id = cat.add((float[]) it[6], (int) it[0], (int) it[1], (float) it[2], (float) it[3], (int) it[4]);
                    if (it[5] != null) {
                        cat.setTitle(id, (String) it[5]);
                    }
                    nextItem++;
                }
                loadSnapshot(c, pop, t, dim);
                // slates: consecutive exposure rows of one user, in id order
                List<Integer> slateUsers = new ArrayList<>();
                List<int[]> rows = new ArrayList<>();
                List<float[]> vals = new ArrayList<>();
                Map<Long, int[]> exposureAt = new HashMap<>();
                int k = 1;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, user_id, item_id, position, score, propensity,"
                        + " source FROM exposures WHERE tick = ? ORDER BY id")) {
                    ps.setInt(1, t);
                    try (ResultSet rs = ps.executeQuery()) {
                        int prevUser = -1;
                        int prevPos = Integer.MAX_VALUE;
                        while (rs.next()) {
                            int u = rs.getInt(2);
                            int pos = rs.getInt(4);
                            if (u != prevUser || pos <= prevPos) {
                                slateUsers.add(u);
                            }
                            prevUser = u;
                            prevPos = pos;
                            int s = slateUsers.size() - 1;
                            rows.add(new int[] {s, pos, rs.getInt(3), rs.getInt(7)});
                            vals.add(new float[] {rs.getFloat(5), rs.getFloat(6)});
                            exposureAt.put(rs.getLong(1), new int[] {s, pos});
                            k = Math.max(k, pos + 1);
                        }
                    }
                }
                SlateBatch slates = new SlateBatch(slateUsers.stream().mapToInt(Integer::intValue).toArray(), k);
                for (int r = 0; r < rows.size(); r++) {
                    int[] row = rows.get(r);
                    SlateSource src = SlateSource.ofCode(row[3]);
                    slates.set(row[0], row[1], row[2], vals.get(r)[0], vals.get(r)[1], src);
                    itemExposures[row[2]]++;
                }
                EventBuffer events = new EventBuffer();
                try (PreparedStatement ps = c.prepareStatement("SELECT user_id, item_id, type, exposure_id, position, val,"
                        + " target_user FROM events WHERE tick = ? ORDER BY id")) {
                    ps.setInt(1, t);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long exp = rs.getLong(4);
                            int[] at = rs.wasNull() ? null : exposureAt.get(exp);
                            int target = rs.getInt(7);
                            events.add(rs.getInt(1), rs.getInt(2), EventType.ofCode(rs.getInt(3)), at == null ? -1 : at[0],
                                    at == null ? rs.getInt(5) : at[1], rs.getFloat(6), rs.wasNull() ? -1 : target);
                        }
                    }
                }
                PlatformEffects.apply(world, events, t, itemClicks);
                Map<String, Double> values = new LinkedHashMap<>();
                TickView view = new TickView(t, world, slates, events, itemExposures, itemClicks, streams);
                for (Metric m : metrics) {
                    m.observe(view, values);
                }
                out.add(values);
            }
            return out;
        } catch (SQLException e) {
            throw new DataFileException(runDir.toString(), 0, "cannot read the run database: " + e.getMessage());
        }
    }

    private static void loadSnapshot(Connection c, Population pop, int tick, int dim) throws SQLException {
        // a snapshot taken at the end of tick - 1 is the state the users start tick with
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, preference, status FROM user_states WHERE tick = ?")) {
            ps.setInt(1, tick - 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int u = rs.getInt(1);
                    System.arraycopy(floats(rs.getArray(2)), 0, pop.preferences(), u * dim, dim);
                    pop.setStatus(u, rs.getByte(3));
                }
            }
        }
    }

    private static float[] floats(Array a) throws SQLException {
        Object[] o = (Object[]) a.getArray();
        float[] f = new float[o.length];
        for (int i = 0; i < o.length; i++) {
            f[i] = ((Number) o[i]).floatValue();
        }
        return f;
    }

}
