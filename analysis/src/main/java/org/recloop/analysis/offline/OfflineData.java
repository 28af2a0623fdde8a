package org.recloop.analysis.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.io.DataFileException;
import org.recloop.core.world.io.RatingsFile;

/**
 * An interaction log to evaluate on: implicit-feedback interactions (value 1 each) and, when the
 * source has them, the item attributes.
 *
 * @param interactions the interactions, in source order; {@code ticks} order them in time
 * @param catalog item attributes (features for ILD and content-aware recommenders), or null
 * @param source a one-line description of where the data came from
 */
public record OfflineData(Interactions interactions, Catalog catalog, String source) {

    /** Only ticks committed as a whole count (a killed run may hold rows of the tick in progress). */
    private static final String COMMITTED = " AND tick <= (SELECT last_committed_tick FROM runs)";
    public OfflineData {
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The interactions of a MovieLens-style file: rows whose rating is {@code >= minRating} (all
     * rows when {@code minRating} is null), in file order, with the file's dense ids (so
     * {@code numUsers} and {@code numItems} count every user and item of the file, also those
     * without a kept row). The tick of a row is the rank of its timestamp among the file's distinct
     * timestamps (0 = earliest): order-preserving, and it fits an int whatever the clock's unit.
     * No catalog.
     */
    public static OfflineData fromRatings(RatingsFile file, Double minRating) {
        Objects.requireNonNull(file, "file");
        if (minRating != null && !Double.isFinite(minRating)) {
            throw new IllegalArgumentException("minRating must be a finite number, was " + minRating);
        }
        long[] ts = file.timestamps();
        long[] distinct = Arrays.stream(ts).sorted().distinct().toArray();
        float[] ratings = file.ratings();
        int kept = 0;
        for (float r : ratings) {
            if (minRating == null || r >= minRating) {
                kept++;
            }
        }
        int[] users = new int[kept];
        int[] items = new int[kept];
        int[] ticks = new int[kept];
        float[] values = new float[kept];
        int w = 0;
        for (int r = 0; r < file.size(); r++) {
            if (minRating == null || ratings[r] >= minRating) {
                users[w] = file.users()[r];
                items[w] = file.items()[r];
                ticks[w] = Arrays.binarySearch(distinct, ts[r]);
                values[w] = 1f;
                w++;
            }
        }
        String what = file.size() + " ratings" + (minRating == null ? "" : ", " + kept + " with rating >= " + minRating);
        return new OfflineData(new Interactions(users, items, ticks, values, file.numUsers(), file.numItems()), null,
                what);
    }

    /**
     * The clicks (events of type 1) of a run folder's database, in log order, with their tick as
     * time. Users and items are those of the {@code users} and {@code items} tables (ids beyond
     * them in the events widen the ranges). The catalog is rebuilt from the {@code items} table
     * when its ids are dense and every item has a feature vector of the same length; otherwise it
     * is null. Fails with a {@link DataFileException} naming the folder when it holds no database
     * or the database cannot be read.
     */
    public static OfflineData fromRun(Path runDir) {
        Objects.requireNonNull(runDir, "runDir");
        String name = runDir.toString();
        if (!Files.isRegularFile(runDir.resolve(H2EventLog.DB_NAME + ".mv.db"))) {
            throw new DataFileException(name, 0, "not a run folder: no " + H2EventLog.DB_NAME + ".mv.db in it");
        }
        try (Connection c = DriverManager.getConnection(org.recloop.core.log.H2Url.ofRun(runDir,
                org.recloop.core.log.H2Url.Setting.KEEP_OPEN_AT_EXIT, org.recloop.core.log.H2Url.Setting.EXISTING_ONLY), "sa", "")) {
            int numUsers = Math.max(intQuery(c, "SELECT COALESCE(MAX(id) + 1, 0) FROM users"),
                    intQuery(c, "SELECT COALESCE(MAX(user_id) + 1, 0) FROM events WHERE type = " + EventType.CLICK.code() + COMMITTED));
            int numItems = Math.max(intQuery(c, "SELECT COALESCE(MAX(id) + 1, 0) FROM items"),
                    intQuery(c, "SELECT COALESCE(MAX(item_id) + 1, 0) FROM events WHERE type = " + EventType.CLICK.code() + COMMITTED));
            int n = intQuery(c, "SELECT COUNT(*) FROM events WHERE type = " + EventType.CLICK.code() + COMMITTED);
            int[] users = new int[n];
            int[] items = new int[n];
            int[] ticks = new int[n];
            float[] values = new float[n];
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id, item_id, tick FROM events WHERE type = ?" + COMMITTED + " ORDER BY id")) {
                ps.setInt(1, EventType.CLICK.code());
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
            Catalog catalog = catalog(c, numItems);
            return new OfflineData(new Interactions(users, items, ticks, values, numUsers, numItems), catalog,
                    n + " clicks of run " + runDir.getFileName());
        } catch (SQLException e) {
            throw new DataFileException(name, 0, "cannot read the run database: " + e.getMessage());
        }
    }

    private static int intQuery(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Catalog catalog(Connection c, int numItems) throws SQLException {
        Catalog cat = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, topic, creator, quality, popularity, created_tick, features FROM items ORDER BY id")) {
            float[] f = null;
            while (rs.next()) {
                int id = rs.getInt(1);
                Array arr = rs.getArray(7);
                if (arr == null) {
                    return null;
                }
                Object[] xs = (Object[]) arr.getArray();
                if (f == null) {
                    if (xs.length == 0) {
                        return null;
                    }
                    f = new float[xs.length];
                    cat = new Catalog(xs.length, Math.max(1, numItems));
                }
                if (xs.length != f.length || id != cat.size()) {
                    return null;
                }
                for (int d = 0; d < f.length; d++) {
                    f[d] = ((Number) xs[d]).floatValue();
                }
                cat.add(f, rs.getInt(2), rs.getInt(3), rs.getFloat(4), rs.getFloat(5), rs.getInt(6));
            }
        }
        return cat != null && cat.size() == numItems ? cat : null;
    }
}
