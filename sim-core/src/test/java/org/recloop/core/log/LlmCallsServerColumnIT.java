package org.recloop.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llm_calls server column: written with each row, and empty in the rows of logs written before it existed. */
class LlmCallsServerColumnIT {

    @TempDir
    Path dir;

    private static List<String> servers(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT server FROM llm_calls ORDER BY user_id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void eachRowRecordsTheServerThatAnsweredAndRowsNoServerAnsweredAreEmpty() throws Exception {
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            LogSchema.create(c, 0);
            RowInserts.modelCalls(c, List.of(
                    new ModelCall(1, 0, "h0", "m", 10, 5, 3.5, "ok", 1, ModelCall.Component.USER_AGENT,
                            "http://gpu-a:8000/v1"),
                    new ModelCall(1, 1, "h1", "m", -1, -1, 0, "fallback", 2, ModelCall.Component.RECOMMENDER)));
            assertThat(servers(c)).containsExactly("http://gpu-a:8000/v1", "");
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void aLogWrittenBeforeTheColumnExistedIsRecoveredWithEmptyServers() throws Exception {
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "");
                Statement st = c.createStatement()) {
            // the tables as an older version wrote them: no server column
            st.execute("CREATE TABLE runs (id VARCHAR(100) PRIMARY KEY, status VARCHAR(20), last_committed_tick INT)");
            st.execute("INSERT INTO runs VALUES ('r1', 'running', 1)");
            st.execute("CREATE TABLE llm_calls (tick INT, user_id INT, prompt_hash VARCHAR(64), model VARCHAR(200),"
                    + " tokens_in INT, tokens_out INT, latency_ms DOUBLE PRECISION, outcome VARCHAR(40), attempt INT,"
                    + " component VARCHAR(20) DEFAULT 'user_agent')");
            st.execute("INSERT INTO llm_calls VALUES (1, 4, 'h', 'm', 10, 5, 2.0, 'ok', 1, 'user_agent'),"
                    + " (2, 5, 'h', 'm', 10, 5, 2.0, 'ok', 1, 'user_agent')");
            st.execute("SHUTDOWN");
        }
        Recovery r = LogRecovery.recover(dir);
        assertThat(r.rowsRemoved()).isEqualTo(1); // tick 2 was not committed
        try (Connection c = DriverManager.getConnection(H2EventLog.jdbcUrl(dir), "sa", "")) {
            assertThat(servers(c)).containsExactly("");
            // and a query over the column runs on it like on a new log
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT server, COUNT(*) FROM llm_calls GROUP BY server")) {
                assertThat(rs.next()).isTrue();
                assertThat(Map.of(rs.getString(1), rs.getLong(2))).containsEntry("", 1L);
            }
            c.createStatement().execute("SHUTDOWN");
        }
    }
}
