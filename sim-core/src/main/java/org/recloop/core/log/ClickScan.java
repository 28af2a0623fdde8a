package org.recloop.core.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.recloop.core.react.EventType;
import org.recloop.core.serve.Interactions;

/** The click read behind every refit ({@link LogReader#clicks(Connection, int, int, int, int)}). */
final class ClickScan {

    private ClickScan() {}

    /**
     * Clicks logged in ticks {@code [fromTick, toTick]} on a connection, in log order, each with
     * weight 1, forgotten ones included (the caller filters).
     *
     * <p>One scan without {@code ORDER BY}: the events table has no primary key, so H2 would sort
     * every selected row by id in a temporary result (spilled to disk at millions of clicks, and
     * a refit every step reads the whole log), and a {@code COUNT(*)} first would scan once more.
     * Rows come back in insertion order, which is id order; they are sorted here only if not.
     */
    static Interactions read(Connection c, int fromTick, int toTick, int numUsers, int numItems)
            throws SQLException {
        GrowingColumns.Longs ids = new GrowingColumns.Longs();
        GrowingColumns.Ints users = new GrowingColumns.Ints();
        GrowingColumns.Ints items = new GrowingColumns.Ints();
        GrowingColumns.Ints ticks = new GrowingColumns.Ints();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, user_id, item_id, tick FROM events WHERE type = "
                + EventType.CLICK.code() + " AND tick BETWEEN ? AND ?")) {
            ps.setInt(1, fromTick);
            ps.setInt(2, toTick);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    users.add(rs.getInt(2));
                    items.add(rs.getInt(3));
                    ticks.add(rs.getInt(4));
                }
            }
        }
        return inIdOrder(ids.toArray(), users.toArray(), items.toArray(), ticks.toArray(), numUsers, numItems);
    }

    /** The rows ordered by id (stable: equal ids keep their scan order), each with weight 1. */
    static Interactions inIdOrder(long[] id, int[] users, int[] items, int[] ticks, int numUsers, int numItems) {
        int n = id.length;
        boolean sorted = true;
        for (int r = 1; r < n && sorted; r++) {
            sorted = id[r - 1] <= id[r];
        }
        float[] values = new float[n];
        java.util.Arrays.fill(values, 1f);
        if (sorted) {
            return new Interactions(users, items, ticks, values, numUsers, numItems);
        }
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(id[a], id[b]));
        int[] u = new int[n];
        int[] i = new int[n];
        int[] t = new int[n];
        for (int r = 0; r < n; r++) {
            u[r] = users[order[r]];
            i[r] = items[order[r]];
            t[r] = ticks[order[r]];
        }
        return new Interactions(u, i, t, values, numUsers, numItems);
    }
}
