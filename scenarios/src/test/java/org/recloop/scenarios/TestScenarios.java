package org.recloop.scenarios;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.nio.file.Path;
import org.recloop.core.log.H2EventLog;

/** Small scenarios and database helpers shared by the scenario tests. */
public final class TestScenarios {
    private TestScenarios() {}

    /** A small but complete scenario; {@code recommender} is a one-line flow mapping. */
    public static String small(String name, int users, int items, int ticks, String recommender, int retrainEvery) {
        return """
                name: %s
                seed: 7
                ticks: %d
                slateSize: 10
                world:
                  catalog: {type: synthetic, items: %d, dimensions: 8, topics: 8}
                  population: {type: synthetic, users: %d, meanActivity: 0.5}
                users: {type: mnl}
                recommender: %s
                learn: {retrainEvery: %d}
                """.formatted(name, ticks, items, users, recommender, retrainEvery);
    }

    public static Connection open(Path runDir) throws SQLException {
        return DriverManager.getConnection(H2EventLog.jdbcUrl(runDir), "sa", "");
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** SHA-256 over every column of every row of a query, in the query's order. */
    public static String checksum(Connection c, String sql) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md0 = rs.getMetaData();
            int cols = md0.getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    md.update(String.valueOf(rs.getObject(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update((byte) 0x1f);
                }
                md.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
