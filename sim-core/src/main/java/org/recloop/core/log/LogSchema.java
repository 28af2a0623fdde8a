package org.recloop.core.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and columns of a run's database: the one place that declares them. The writer
 * inserts rows in the column order declared here, {@link LogReader} and {@link LogRecovery} read
 * them; no code outside this package runs SQL on these tables (an architecture test checks it).
 */
final class LogSchema {

    private LogSchema() {}

    /** The tables every database has, in creation order. */
    static final List<String> TABLES_DDL = List.of(
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
            + " tokens_in INT, tokens_out INT, latency_ms DOUBLE PRECISION, outcome VARCHAR(40), attempt INT,"
            // who called: user_agent, recommender or conversation; rows of logs written before the
            // column existed read (and are copied by recovery) as user_agent, the only caller then
            + " component VARCHAR(20) DEFAULT 'user_agent',"
            // the base URL that answered the attempt; '' when none was asked (cache, budget,
            // fallback) and in rows of logs written before the column existed (one server then)
            + " server VARCHAR(1000) DEFAULT '')",
        "CREATE TABLE IF NOT EXISTS texts (tick INT, user_id INT, type TINYINT, item_id INT, target_user INT,"
            + " kind VARCHAR(20), text CLOB)",
        // a user's feed command as parsed: kind exclude|boost, target topic|creator|item|followed,
        // value NULL for followed; in force for the slates of ticks [from_tick, until_tick);
        // parser rules|llm; outcome ok|fallback|invalid (invalid: no constraint, NULL columns)
        "CREATE TABLE IF NOT EXISTS feed_commands (tick INT, user_id INT, text VARCHAR(4000), kind VARCHAR(10),"
            + " target VARCHAR(10), val INT, from_tick INT, until_tick INT, parser VARCHAR(10), outcome VARCHAR(10))",
        // one message of a conversation (one per user and tick; id = tick << 32 | user_id), in order
        // (seq): role user|recommender|tool, tool and args for a tool call, items offered (comma
        // separated ids), outcome on a conversation's last row (accept|reject|timeout) and on a
        // recommender turn that fell back (fallback)
        "CREATE TABLE IF NOT EXISTS conversations (id BIGINT, tick INT, user_id INT, turn INT, seq INT,"
            + " role VARCHAR(12), text VARCHAR(4000), tool VARCHAR(20), args VARCHAR(4000), items VARCHAR(1000),"
            + " outcome VARCHAR(10))",
        // recommender: the registry type of the recommender that served the tick's slates
        "CREATE TABLE IF NOT EXISTS ticks (tick INT PRIMARY KEY, sessions INT, exposures INT, events INT,"
            + " recommender VARCHAR(200))",
        "CREATE TABLE IF NOT EXISTS forget_requests (tick INT, scope VARCHAR(20), size INT, reason VARCHAR(4000))",
        "CREATE TABLE IF NOT EXISTS forgotten (tick INT, scope VARCHAR(20), user_id INT, item_id INT)",
        // ground truth for analysis only: accounts [first_user, end_user) opened as fake at tick
        // (the users table carries no mark, and recommenders and defences never read this table)
        "CREATE TABLE IF NOT EXISTS fake_accounts (tick INT, first_user INT, end_user INT)",
        // ground truth of off-policy logging: an exposure's true click probability under the user
        // model, for runs with a serving policy and a model that can tell (no row: unknown)
        "CREATE TABLE IF NOT EXISTS exposure_truth (exposure_id BIGINT PRIMARY KEY, tick INT,"
            + " click_probability REAL)",
        // a fork's origin: the run it continues and the last tick it shares with it (recloop fork)
        "CREATE TABLE IF NOT EXISTS lineage (run_id VARCHAR(200), forked_from VARCHAR(200), forked_at_tick INT,"
            + " parent_dir VARCHAR(4000))");

    /** Columns of the exposures table (row storage). */
    static final int EXPOSURE_COLUMNS = 9;
    /** Columns of the slates table (slate storage). */
    static final int SLATE_COLUMNS = 8;
    /** Columns of the events table. */
    static final int EVENT_COLUMNS = 9;

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
     * The tables recovery copies, in order, each with the condition that keeps the rows of
     * committed ticks (a {@code ?} bound to the last committed tick; empty: every row).
     * {@code exposures} stands for {@code slates} in a database that stores slates as rows.
     */
    static final List<String[]> TICK_FILTERS = List.of(new String[] {"runs", ""},
            new String[] {"items", "created_tick <= ?"}, new String[] {"users", ""},
            new String[] {"exposures", "tick <= ?"}, new String[] {"events", "tick <= ?"},
            new String[] {"metrics", "tick <= ?"}, new String[] {"interventions", "tick <= ?"},
            new String[] {"user_states", "tick <= ?"}, new String[] {"llm_calls", "tick <= ?"},
            new String[] {"texts", "tick <= ?"}, new String[] {"forget_requests", "tick <= ?"},
            new String[] {"forgotten", "tick <= ?"}, new String[] {"ticks", "tick <= ?"},
            new String[] {"fake_accounts", "tick <= ?"}, new String[] {"exposure_truth", "tick <= ?"},
            new String[] {"feed_commands", "tick <= ?"}, new String[] {"conversations", "tick <= ?"},
            new String[] {"lineage", ""});

    /** Creates every table, and the exposures table or the slates table with its exposures view. */
    static void create(Connection c, int slateMaxLength) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String ddl : TABLES_DDL) {
                st.execute(ddl);
            }
            if (slateMaxLength > 0) {
                st.execute(SLATES_DDL);
                st.execute(exposuresViewDdl(slateMaxLength));
            } else {
                st.execute(EXPOSURE_ROWS_DDL);
            }
        }
    }

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
            Matcher m = Pattern.compile("SYSTEM_RANGE\\(1, (\\d+)\\)").matcher(rs.getString(1));
            if (!m.find()) {
                throw new SQLException("unrecognised exposures view: " + rs.getString(1));
            }
            return Integer.parseInt(m.group(1));
        }
    }

    /**
     * Whether a table of the database has the column: one written by an older version may lack
     * newer columns (ticks.recommender).
     */
    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table.toUpperCase(java.util.Locale.ROOT));
            ps.setString(2, column.toUpperCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Whether the database has the table: one written by an older version may lack newer tables
     * (texts, forgotten), which then count as empty.
     */
    static boolean hasTable(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?")) {
            ps.setString(1, table.toUpperCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
