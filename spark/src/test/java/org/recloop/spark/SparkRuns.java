package org.recloop.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.recloop.core.log.H2EventLog;
import org.recloop.core.log.RunStatus;
import org.recloop.core.sim.RecLoopSim;
import org.recloop.core.sim.TickEngine;
import org.recloop.scenarios.runner.EngineRequest;
import org.recloop.scenarios.runner.RunResult;
import org.recloop.scenarios.runner.ScenarioRunner;
import org.recloop.scenarios.schema.ResolvedScenario;
import org.recloop.scenarios.schema.ScenarioLoader;

/** Runs a scenario file on the local engine or on Spark in local mode, and digests its log tables. */
final class SparkRuns {

    private SparkRuns() {}

    /** A copy of {@code shipped} (a file under scenarios/) in {@code dir}, changed by {@code edit}. */
    static Path shrunk(String shipped, Path dir, Consumer<ObjectNode> edit) throws Exception {
        Path original = Path.of("..", "scenarios", shipped).toAbsolutePath().normalize();
        ObjectMapper yaml = ScenarioLoader.newMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(Files.readString(original));
        edit.accept(root);
        Path file = dir.resolve(shipped);
        Files.createDirectories(dir);
        Files.writeString(file, yaml.writeValueAsString(root));
        return file;
    }

    static RunResult local(Path file, Path out, int threads) {
        return local(file, out, threads, sim -> {});
    }

    /** As {@link #local(Path, Path, int)}; {@code after} sees the simulation once it has run. */
    static RunResult local(Path file, Path out, int threads, Consumer<RecLoopSim> after) {
        ResolvedScenario rs = new ScenarioLoader().load(file);
        RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of(),
                new ScenarioRunner.Observer() {}, sim -> {
                    sim.runToEnd();
                    after.accept(sim);
                });
        assertThat(r.status()).isIn(RunStatus.FINISHED, RunStatus.DEGRADED);
        return r;
    }

    static RunResult spark(Path file, Path out, int threads, String master, int partitions) throws Exception {
        return spark(file, out, threads, master, partitions, sim -> {});
    }

    /** As {@link #spark(Path, Path, int, String, int)}; {@code after} sees the driver's simulation once it has run. */
    static RunResult spark(Path file, Path out, int threads, String master, int partitions,
            Consumer<RecLoopSim> after) throws Exception {
        ResolvedScenario rs = new ScenarioLoader().load(file);
        try (TickEngine engine = new SparkEngineProvider().open(new EngineRequest(rs, file, rs.scenario().seed(), threads,
                master, partitions, null, null))) {
            RunResult r = new ScenarioRunner().run(rs, new ScenarioRunner.Options(null, threads, out), List.of(),
                    new ScenarioRunner.Observer() {}, sim -> {
                        sim.useEngine(engine);
                        sim.runToEnd();
                        after.accept(sim);
                    });
            assertThat(r.status()).isIn(RunStatus.FINISHED, RunStatus.DEGRADED);
            return r;
        }
    }

    static Connection open(Path runDir) throws Exception {
        return DriverManager.getConnection(H2EventLog.jdbcUrl(runDir), "sa", "");
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SHA-256 over every row of {@code sql}, columns separated, rows in the query's order. */
    static String checksum(Connection c, String sql) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    md.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0x1f);
                }
                md.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static final String EVENTS = "SELECT * FROM events ORDER BY id";
    static final String EXPOSURES = "SELECT id, tick, user_id, item_id, position, score, propensity, model_version, source"
            + " FROM exposures ORDER BY id";
    static final String METRICS = "SELECT * FROM metrics ORDER BY tick, name";
}
