package org.recloop.agents.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.recloop.core.log.H2Url;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers of the language model keyed by (model, SHA-256 of the exact prompt), in an H2 file
 * database, so that a study can be replayed without any LLM. All entries of the model are loaded
 * into memory when the cache opens (a replay then costs a hash-map lookup per decision); new
 * answers go to memory at once and to the file when {@link #flush} runs (after every tick, on the
 * simulation thread), in one transaction.
 *
 * <p>Besides answers, the cache records failures: a prompt whose every attempt failed (HTTP
 * errors, timeouts) is stored as failed, so that a replay falls back to the rule model exactly
 * where the recorded run did. In {@code readwrite} mode failed entries are ignored (the model is
 * asked again) and overwritten by the next answer.
 *
 * <p>Table {@code llm_cache(model, prompt_hash, response, tokens_in, tokens_out, failed,
 * created_at)}, primary key (model, prompt_hash). In readwrite mode one connection stays open
 * until {@link #close} (or the JVM's exit, when H2 closes the database itself); a replay closes
 * the database right after loading. Several runs in one JVM may share a file; two processes may
 * not use one file at the same time.
 */
final class ResponseCache implements AutoCloseable {

    /** A cached answer; {@code failed} marks a prompt that got no answer. */
    record Entry(String text, int tokensIn, int tokensOut, boolean failed) {
        static final Entry FAILED = new Entry("", -1, -1, true);
    }

    private static final String DDL = "CREATE TABLE IF NOT EXISTS llm_cache (model VARCHAR(200) NOT NULL,"
            + " prompt_hash CHAR(64) NOT NULL, response CHARACTER VARYING, tokens_in INT, tokens_out INT,"
            + " failed BOOLEAN, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (model, prompt_hash))";

    private final Path file;
    private final String url;
    private final String model;
    private final boolean replay;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Object[]> pending = new ConcurrentLinkedQueue<>();
    private Connection writer; // readwrite mode: open from load to close

    /**
     * @param path database file, with or without the {@code .mv.db} suffix
     * @param model model name (part of the key)
     * @param replay true: read only, and the file must exist
     */
    ResponseCache(Path path, String model, boolean replay) {
        // refuses a path H2 would read as settings (see H2Url), before anything is opened
        this.url = replay ? H2Url.of(path, H2Url.Setting.EXISTING_ONLY) : H2Url.of(path);
        this.file = Path.of(H2Url.databaseBase(path) + ".mv.db");
        this.model = model;
        this.replay = replay;
    }

    Path file() {
        return file;
    }

    boolean replay() {
        return replay;
    }

    /** Creates the table if needed and loads every entry of the model. */
    synchronized void load() {
        if (replay && !Files.exists(file)) {
            throw new IllegalStateException("LLM response cache " + file + " does not exist; cache.mode 'replay'"
                    + " needs a cache recorded by an earlier run with cache.mode 'readwrite'");
        }
        Connection c = null;
        try {
            c = connect();
            if (!replay) {
                try (Statement st = c.createStatement()) {
                    st.execute(DDL);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT prompt_hash, response, tokens_in, tokens_out, failed FROM llm_cache WHERE model = ?")) {
                ps.setString(1, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.put(rs.getString(1), rs.getBoolean(5) ? Entry.FAILED
                                : new Entry(rs.getString(2), tokens(rs, 3), tokens(rs, 4), false));
                    }
                }
            }
            if (!replay) {
                c.setAutoCommit(false);
                writer = c;
                c = null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the LLM response cache " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to save
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** The entry for a prompt hash, or null. */
    Entry get(String promptHash) {
        return entries.get(promptHash);
    }

    /** Stores an entry in memory now and in the file at the next flush (ignored in replay mode). */
    void put(String promptHash, Entry e) {
        if (replay) {
            return;
        }
        entries.put(promptHash, e);
        pending.add(new Object[] {promptHash, e});
    }

    /** Writes pending entries in one transaction. */
    synchronized void flush() {
        if (pending.isEmpty() || writer == null) {
            return;
        }
        List<Object[]> batch = new ArrayList<>();
        for (Object[] o; (o = pending.poll()) != null;) {
            batch.add(o);
        }
        try (PreparedStatement ps = writer.prepareStatement("MERGE INTO llm_cache (model, prompt_hash, response,"
                + " tokens_in, tokens_out, failed) KEY (model, prompt_hash) VALUES (?,?,?,?,?,?)")) {
            for (Object[] o : batch) {
                Entry e = (Entry) o[1];
                ps.setString(1, model);
                ps.setString(2, (String) o[0]);
                ps.setString(3, e.text());
                setTokens(ps, 4, e.tokensIn());
                setTokens(ps, 5, e.tokensOut());
                ps.setBoolean(6, e.failed());
                ps.addBatch();
            }
            ps.executeBatch();
            writer.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the LLM response cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Flushes and closes the database. */
    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            closeQuietly(writer);
            writer = null;
        }
    }

    /** Unknown token counts are NULL in the file, -1 in memory (as in llm_calls). */
    private static void setTokens(PreparedStatement ps, int column, int tokens) throws SQLException {
        if (tokens >= 0) {
            ps.setInt(column, tokens);
        } else {
            ps.setNull(column, java.sql.Types.INTEGER);
        }
    }

    private static int tokens(ResultSet rs, int column) throws SQLException {
        int n = rs.getInt(column);
        return rs.wasNull() ? -1 : n;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }
}
