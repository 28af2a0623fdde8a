package org.recloop.core.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.Population;

/**
 * The writer's SQL: each method writes one kind of row on the writer thread's connection, in the
 * column order {@link LogSchema} declares. {@link H2EventLog} decides what is staged and copies
 * what the simulation thread keeps changing; these methods only bind. The per-tick tables
 * (exposures, slates, events) go through {@link MultiRowInsert} and bind straight from the
 * staged arrays, allocating nothing per row (a slate row needs its boxed arrays, which H2 takes).
 */
final class RowInserts {

    private RowInserts() {}

    /** The run's row, with status 'running' and no tick committed. */
    static void run(Connection c, RunInfo run) throws SQLException {
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
    }

    /** Inserts catalog items {@code [from, to)} with ids shifted by {@code idBase}. */
    static void items(Connection c, Catalog catalog, int from, int to, int idBase) throws SQLException {
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

    /** Inserts users {@code [from, to)} of the population with their start state. */
    static void users(Connection c, Population pop, int from, int to) throws SQLException {
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

    /** One snapshot row per user, from arrays copied at staging. */
    static void userStates(Connection c, int tick, byte[] arch, byte[] status, float[] act, float[] prefs, int dim)
            throws SQLException {
        int n = arch.length;
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
    }

    /**
     * Row storage: one exposures row per logged position; slate s covers rows
     * {@code [offsets[s], offsets[s+1])}, ids from {@code base}.
     */
    static void exposureRows(Connection c, int tick, SlateBatch slates, int[] offsets, long base, int rows, int version)
            throws SQLException {
        MultiRowInsert ins = new MultiRowInsert(c, "exposures", LogSchema.EXPOSURE_COLUMNS);
        ins.write(rows, new MultiRowInsert.RowBinder() {
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
    }

    /** Slate storage: one slates row for each slate in {@code which}. */
    static void slateRows(Connection c, int tick, SlateBatch slates, int[] offsets, int[] which, long base, int version)
            throws SQLException {
        MultiRowInsert ins = new MultiRowInsert(c, "slates", LogSchema.SLATE_COLUMNS);
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
    }

    /** The tick's events, ids from {@code base}; {@code exposureIds[i] < 0}: not linked to an exposure. */
    static void events(Connection c, int tick, EventBuffer events, long base, long[] exposureIds) throws SQLException {
        MultiRowInsert ins = new MultiRowInsert(c, "events", LogSchema.EVENT_COLUMNS);
        ins.write(events.size(), (ps, p, i) -> {
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
    }

    /** The tick's metric values; NaN is stored as NULL. */
    static void metrics(Connection c, int tick, String[] names, double[] vals) throws SQLException {
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
    }

    static void modelCalls(Connection c, List<ModelCall> calls) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO llm_calls (tick, user_id, prompt_hash, model,"
                + " tokens_in, tokens_out, latency_ms, outcome, attempt, component, server)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (ModelCall m : calls) {
                ps.setInt(1, m.tick());
                ps.setInt(2, m.user());
                ps.setString(3, m.promptHash());
                ps.setString(4, m.model());
                // unknown counts are NULL, so that SUM(tokens_in) counts what was reported
                if (m.tokensIn() >= 0) {
                    ps.setInt(5, m.tokensIn());
                } else {
                    ps.setNull(5, Types.INTEGER);
                }
                if (m.tokensOut() >= 0) {
                    ps.setInt(6, m.tokensOut());
                } else {
                    ps.setNull(6, Types.INTEGER);
                }
                ps.setDouble(7, m.latencyMs());
                ps.setString(8, m.outcome());
                ps.setInt(9, m.attempt());
                ps.setString(10, m.component().label());
                ps.setString(11, m.server());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void texts(Connection c, List<AgentText> texts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO texts VALUES (?,?,?,?,?,?,?)")) {
            for (AgentText t : texts) {
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
    }

    static void conversations(Connection c, List<ConversationTurn> turns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (ConversationTurn t : turns) {
                ps.setLong(1, t.id());
                ps.setInt(2, t.tick());
                ps.setInt(3, t.user());
                ps.setInt(4, t.turn());
                ps.setInt(5, t.seq());
                ps.setString(6, t.role().label());
                ps.setString(7, clip(t.text(), 4000));
                ps.setString(8, t.tool());
                ps.setString(9, t.args() == null ? null : clip(t.args(), 4000));
                ps.setString(10, t.items().isEmpty() ? null : clip(t.items().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")), 1000));
                ps.setString(11, t.outcome());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static void feedCommands(Connection c, List<org.recloop.core.command.FeedCommand> commands) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_commands VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (org.recloop.core.command.FeedCommand fc : commands) {
                ps.setInt(1, fc.tick());
                ps.setInt(2, fc.user());
                ps.setString(3, fc.text());
                var k = fc.constraint().orElse(null);
                ps.setString(4, k == null ? null : k.kind().label());
                ps.setString(5, k == null ? null : k.target().label());
                if (k == null || k.value() < 0) {
                    ps.setNull(6, Types.INTEGER);
                } else {
                    ps.setInt(6, k.value());
                }
                if (k == null) {
                    ps.setNull(7, Types.INTEGER);
                    ps.setNull(8, Types.INTEGER);
                } else {
                    ps.setInt(7, k.fromTick());
                    ps.setInt(8, k.untilTick()); // Integer.MAX_VALUE: for the rest of the run
                }
                ps.setString(9, fc.parser());
                ps.setString(10, fc.outcome());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The request's audit row and one tombstone per forgotten user, item or pair. */
    static void forget(Connection c, int tick, ForgetRequest request) throws SQLException {
        int[] ids = request.ids();
        int[] items = request.items();
        String scope = request.scope().name();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO forget_requests VALUES (?,?,?,?)")) {
            ps.setInt(1, tick);
            ps.setString(2, scope);
            ps.setInt(3, ids.length);
            ps.setString(4, request.reason());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO forgotten VALUES (?,?,?,?)")) {
            boolean itemScope = request.scope() == ForgetRequest.Scope.ITEMS;
            for (int i = 0; i < ids.length; i++) {
                ps.setInt(1, tick);
                ps.setString(2, scope);
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
    }

    /** Exposure ids with their click probabilities, in id order. */
    static void exposureTruth(Connection c, int tick, long[] ids, float[] probabilities, int rows) throws SQLException {
        new MultiRowInsert(c, "exposure_truth", 3).write(rows, (ps, p, row) -> {
            ps.setLong(p, ids[row]);
            ps.setInt(p + 1, tick);
            ps.setFloat(p + 2, probabilities[row]);
        });
    }

    static void fakeAccounts(Connection c, int tick, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fake_accounts VALUES (?,?,?)")) {
            ps.setInt(1, tick);
            ps.setInt(2, from);
            ps.setInt(3, to);
            ps.executeUpdate();
        }
    }

    static void intervention(Connection c, int tick, String type, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO interventions VALUES (?,?,?)")) {
            ps.setInt(1, tick);
            ps.setString(2, type);
            ps.setString(3, description);
            ps.executeUpdate();
        }
    }

    /**
     * The tick's totals row, with the recommender that served it (may be null), and the run's last
     * committed tick (committed by the caller).
     */
    static void tick(Connection c, String runId, int tick, int sessions, int exposures, int events, String recommender)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticks VALUES (?,?,?,?,?)")) {
            ps.setInt(1, tick);
            ps.setInt(2, sessions);
            ps.setInt(3, exposures);
            ps.setInt(4, events);
            ps.setString(5, recommender);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET last_committed_tick = ? WHERE id = ?")) {
            ps.setInt(1, tick);
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the run {@code runId} as running again (a resumed or forked run, {@link
     * H2EventLog#continueRun}); a fork first adds its own {@code newRun} row.
     */
    static void continueRun(Connection c, String runId, int lastTick, RunInfo newRun, java.nio.file.Path dir)
            throws SQLException {
        if (newRun != null) {
            run(c, newRun);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET last_committed_tick = ? WHERE id = ?")) {
                ps.setInt(1, lastTick);
                ps.setString(2, runId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE runs SET status = ?, error = NULL, finished_at = NULL WHERE id = ?")) {
            ps.setString(1, RunStatus.RUNNING.label());
            ps.setString(2, runId);
            if (ps.executeUpdate() != 1) {
                throw new EventLogException("no run '" + runId + "' in " + dir, null);
            }
        }
    }

    /** The run's final status, error text and timings. */
    static void finish(Connection c, String runId, RunStatus status, String error, double wallSeconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE runs SET status = ?, error = ?, finished_at = ?, wall_seconds = ? WHERE id = ?")) {
            ps.setString(1, status.label());
            ps.setString(2, error);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setDouble(4, wallSeconds);
            ps.setString(5, runId);
            ps.executeUpdate();
        }
    }

    private static Array floatArray(Connection c, float[] src, int offset, int len) throws SQLException {
        Float[] boxed = new Float[len];
        for (int i = 0; i < len; i++) {
            boxed[i] = src[offset + i];
        }
        return c.createArrayOf("REAL", boxed);
    }
}
